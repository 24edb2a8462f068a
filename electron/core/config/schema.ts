// The one schema of kokuchi.config.json: it validates the file, generates the JSON
// Schema (`kokuchi schema`), and is electron-store's schema. Every field has a default
// so that a file may set any subset — `{"retentionDays": 365}` is a whole config.
import { z } from 'zod';
import { LANGUAGE_CODES } from '../../shared/languages.js';
import { RECORDING_MODES } from '../../shared/events.js';
import { hubSection } from './hub-section.js';
import { strongSecret } from './secret-strength.js';
import { staffTokenSchema } from './staff-token-rule.js';

/** Text the office writes itself, per language; `ja` is required, others fall back to `en`, then `ja`. */
const officeText = z
  .record(z.string(), z.string().min(1).max(400))
  .refine((map) => typeof map.ja === 'string', { message: 'needs at least a "ja" entry' });

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
          .default({ ja: '例示市役所 市民課', en: 'Example City Hall, Residents Section' })
          .describe('The office and counter, per language ("ja" required); shown on the idle screen.'),
        contact: officeText.default({
          ja: '市民課 総合窓口（電話 00-0000-0000）',
          en: 'Residents Section front desk (tel. 00-0000-0000)',
        })
        .describe('Where residents ask about the recording, per language ("ja" required).'),
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
        access: officeText.default({
          ja: '担当課の管理職と、記録の管理を担当する職員',
          en: 'managers of the section concerned and the staff who manage records',
        })
        .describe('Who may listen to or view a recording, per language ("ja" required).'),
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
        reason: officeText.default({
          ja: 'ほかの来庁者のプライバシーと職員の肖像を守り、情報の漏えいを防ぐためです。',
          en: "This protects other visitors' privacy and staff members' portraits, and prevents leaks of information.",
        })
        .describe('Why residents may not record, per language ("ja" required).'),
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

/** Picks the office's text for a language: that language, else English, else Japanese. */
export function officeTextFor(text: OfficeText, language: string): string {
  return text[language] ?? (language === 'ja-x-easy' ? text.ja : undefined) ?? text.en ?? text.ja ?? '';
}
