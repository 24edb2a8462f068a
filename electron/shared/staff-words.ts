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

export type StaffWordsProblem = 'hidden-character' | 'too-long';

/** What the kiosk would refuse in these words (checked before trimming, as the kiosk does), or null. */
export function staffWordsProblem(text: string, max: number): StaffWordsProblem | null {
  if (HIDDEN_OR_BREAKING.test(text)) return 'hidden-character';
  if (text.trim().length > max) return 'too-long';
  return null;
}
