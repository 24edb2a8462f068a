// The one schema of kokuchi.config.json: it validates the file, generates the JSON
// Schema (`kokuchi schema`), and is electron-store's schema. Every field has a default
// so that a file may set any subset — `{"retentionDays": 365}` is a whole config.
import { z } from 'zod';
import { LANGUAGE_CODES, isLanguageCode, type LanguageCode } from '../../shared/languages.js';
import { rubyProblem } from '../notice/locale-check.js';
import { RECORDING_MODES } from '../../shared/events.js';
import { EXAMPLE_OFFICE_CONTACT, EXAMPLE_OFFICE_NAME, EXAMPLE_RECORDING_ACCESS, EXAMPLE_RESIDENT_RECORDING_REASON } from './example-office.js';
import { hubSection } from './hub-section.js';
import { strongSecret } from './secret-strength.js';
import { staffTokenSchema } from './staff-token-rule.js';

/**
 * Text the office writes itself, per language code; `ja` is required. `ja-x-easy` (and any
 * other) may carry ruby as the locales do: `{窓口|まどぐち}`. A language without its own
 * entry shows the one `languages.officeTextFallback` names, and `doctor` warns about it.
 */
const officeText = z
  .record(z.string(), z.string().min(1).max(400))
  .superRefine((map, context) => {
    if (typeof map.ja !== 'string') context.addIssue({ code: 'custom', message: 'needs at least a "ja" entry' });
    for (const [language, text] of Object.entries(map)) {
      if (!isLanguageCode(language)) {
        context.addIssue({ code: 'custom', path: [language], message: `not a language code of the kiosk (use one of ${LANGUAGE_CODES.join(', ')})` });
        continue;
      }
      const ruby = rubyProblem(text);
      if (ruby) context.addIssue({ code: 'custom', path: [language], message: ruby });
    }
  });

export const PURPOSES = ['service', 'accuracy', 'harassment'] as const;

const webhook = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    secret: strongSecret,
    events: z.array(z.string()).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of kokuchi.config.schema.json, for editors.'),
    counterId: z.string().min(1).max(64).default('counter-1').describe('This counter\'s id, written in every ledger record.'),
    office: z
      .object({
        name: officeText
          .default(EXAMPLE_OFFICE_NAME)
          .describe('The office and counter, per language ("ja" required, "ja-x-easy" with ruby; see languages.officeTextFallback); shown on the idle screen.'),
        contact: officeText.default(EXAMPLE_OFFICE_CONTACT)
        .describe('Where residents ask about the recording, per language ("ja" required, "ja-x-easy" with ruby; see languages.officeTextFallback).'),
        policyUrl: z.url().default('https://example.org/recording-policy').describe('The full recording policy, shown as a QR code.'),
        /** True only for the built-in example office; shown in the idle footer and by `doctor`. */
        example: z.boolean().default(false).describe('Set only by the built-in example office.'),
      })
      .strict()
      .prefault({}),
    recording: z
      .object({
        mode: z.enum(RECORDING_MODES).default('audio').describe('What is recorded: audio, or audio and video.'),
        purposes: z.array(z.enum(PURPOSES)).min(1).default([...PURPOSES]).describe('The purposes the notice names, in this order.'),
        /** Who may listen to or view a recording. */
        access: officeText.default(EXAMPLE_RECORDING_ACCESS)
        .describe('Who may listen to or view a recording, per language ("ja" required, "ja-x-easy" with ruby; see languages.officeTextFallback).'),
      })
      .strict()
      .prefault({}),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(36500)
      .default(365)
      .describe('Retention in days: the notice states it, and ledger months older than it are deleted.'),
    residentRecording: z
      .object({
        allowed: z.boolean().default(false).describe('Whether residents may record the conversation themselves.'),
        reason: officeText.default(EXAMPLE_RESIDENT_RECORDING_REASON)
        .describe('Why residents may not record, per language ("ja" required, "ja-x-easy" with ruby; see languages.officeTextFallback).'),
      })
      .strict()
      .prefault({}),
    languages: z
      .object({
        /** Picker order; languages left out are not offered. */
        enabled: z
          .array(z.enum(LANGUAGE_CODES))
          .min(1)
          .default([...LANGUAGE_CODES])
          .describe('Languages offered, in the picker\'s order.'),
        showUnreviewed: z.boolean().default(true).describe('Offer languages a translator has not reviewed yet.'),
        officeTextFallback: z
          .array(z.enum(LANGUAGE_CODES))
          .min(1)
          .default(['en', 'ja'])
          .describe(
            'Where an office text (name, contact, access, reason) has no entry for a language, the first of these that has one is shown instead (easy Japanese tries "ja" first); `doctor` and the admin screen warn about every such language.',
          ),
      })
      .strict()
      .prefault({}),
    session: z
      .object({
        startBy: z.enum(['staff', 'resident', 'both']).default('both').describe('Who may start a session.'),
        answerTimeoutSeconds: z.number().int().min(10).max(600).default(90).describe('Seconds a resident has to answer.'),
        idleResetSeconds: z.number().int().min(10).max(3600).default(120).describe('Seconds without a touch before an unanswered notice closes.'),
        thanksSeconds: z.number().min(0.5).max(30).default(3).describe('Seconds the thank-you screen shows.'),
        endedSeconds: z.number().min(0.5).max(60).default(5).describe('Seconds the "recording stopped" screen shows.'),
      })
      .strict()
      .prefault({}),
    staffLink: z
      .object({
        host: z.string().default('127.0.0.1').describe('Address the staff link listens on.'),
        port: z.number().int().min(0).max(65535).default(4780).describe('Port of the staff link.'),
        token: staffTokenSchema.optional().describe('Staff pairing token; absent, one is generated (see `kokuchi token`).'),
        tls: z
          .object({ cert: z.string(), key: z.string() })
          .strict()
          .optional()
          .describe('PEM certificate and key files: the staff link then serves HTTPS and WSS.'),
      })
      .strict()
      .prefault({}),
    webhooks: z.array(webhook).default([]).describe('Endpoints that receive every ledger event, signed per Standard Webhooks.'),
    /** The records hub that keeps a verified copy of the whole ledger; absent, none. */
    hub: hubSection.optional().describe('The records hub that keeps a verified copy of the whole ledger.'),
    admin: z
      .object({
        pin: z
          .string()
          .regex(/^\d{4,12}$/, 'must be 4 to 12 digits')
          .default('0000')
          .describe('PIN of the hidden admin screen; change it from 0000.'),
      })
      .strict()
      .prefault({}),
    /** The Electron kiosk's screen; the headless shell ignores it. */
    kiosk: z
      .object({
        /** Hide the mouse pointer; `auto` hides it when the screen reports touch support. */
        hideCursor: z.union([z.literal('auto'), z.boolean()]).default('auto'),
        keepDisplayAwake: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** A generic (electron-updater) feed on the office LAN; no URL, no update checks. */
    updates: z
      .object({ url: z.url({ protocol: /^https$/, error: 'must be an https:// URL: updates are never fetched in the clear' }).optional() })
      .strict()
      .prefault({}),
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;
export type OfficeText = Record<string, string>;

/** The languages whose entry stands in, in order, when `language` has none of its own. */
export function officeFallbackOrder(language: string, fallback: readonly LanguageCode[]): string[] {
  return [...(language === 'ja-x-easy' ? ['ja'] : []), ...fallback, 'ja'].filter((code) => code !== language);
}

/** Which language's entry a resident reading `language` is shown: its own, else the configured fallback. */
export function officeTextLanguage(text: OfficeText, language: string, fallback: readonly LanguageCode[]): string {
  if (text[language] !== undefined) return language;
  return officeFallbackOrder(language, fallback).find((code) => text[code] !== undefined) ?? 'ja';
}

/** The office's text for a language: its own entry, else the configured fallback's (never silently: see office-text-gaps). */
export function officeTextFor(text: OfficeText, language: string, fallback: readonly LanguageCode[]): string {
  return text[officeTextLanguage(text, language, fallback)] ?? '';
}
