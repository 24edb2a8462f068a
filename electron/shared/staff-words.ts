// The rule for staff words (a name, a reason) without zod, so the staff console can
// check them before sending: the characters the kiosk refuses and the limits it holds
// them to. `staffText` in staff-protocol.ts applies the same rule on the kiosk.

// Control, format (bidi, zero-width), lone surrogate and line/paragraph separator characters.
export const HIDDEN_OR_BREAKING = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** At most this many characters (UTF-16 code units, after trimming), per field. */
export const STAFF_TEXT_MAX = {
  staffName: 40,
  overrideReason: 200,
  endReason: 64,
  pauseReason: 200,
} as const;

/** A field of staff words the kiosk takes, named as in `STAFF_TEXT_MAX`. */
export type StaffWordsField = keyof typeof STAFF_TEXT_MAX;

/** The staff-typed fields the staff console has (the end reason comes only from integrators' apps). */
export const CONSOLE_WORDS_FIELDS = ['staffName', 'overrideReason', 'pauseReason'] as const satisfies readonly StaffWordsField[];
export type ConsoleWordsField = (typeof CONSOLE_WORDS_FIELDS)[number];

export type StaffWordsProblem = 'hidden-character' | 'too-long';

/** How long the kiosk counts these words: UTF-16 code units once trimmed. */
export function staffWordsLength(text: string): number {
  return text.trim().length;
}

/** What the kiosk would refuse in these words for this field (checked before trimming, as the kiosk does), or null. */
export function staffWordsProblem(field: StaffWordsField, text: string): StaffWordsProblem | null {
  if (HIDDEN_OR_BREAKING.test(text)) return 'hidden-character';
  if (staffWordsLength(text) > STAFF_TEXT_MAX[field]) return 'too-long';
  return null;
}

/** The words as the kiosk keeps them (trimmed), or undefined when nothing but spaces was typed. */
export function staffWordsToSend(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
