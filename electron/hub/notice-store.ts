// Notice wording at the hub: `POST /v1/notices` from a kiosk, body the exact text of one
// notice version, signed like an ingest with `webhook-id` = the version. Kept only when the
// body's SHA-256 is that version; a text is never replaced (the version is its hash).
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { NOTICE_VERSION } from '../core/notice/notice-archive.js';
import { readEnrolments, type Enrolment } from './enrolments.js';
import { readSignedHeaders, signedWith } from './ingest-signature.js';

/** A notice is a few kilobytes in any language; anything near this is not one. */
export const MAX_NOTICE_BYTES = 256 * 1024;

export interface NoticeAnswer {
  status: number;
  body: { status?: 'stored' | 'repeat'; code?: string; message?: string; version?: string };
}

const refuse = (status: number, code: string, message: string): NoticeAnswer => ({ status, body: { code, message } });

export function noticeVersionOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class NoticeIngest {
  private enrolments: Enrolment[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<NoticeAnswer> {
    const signed = readSignedHeaders(headers, Math.floor(this.now().getTime() / 1000));
    if (!signed.ok) return refuse(401, 'bad-signature', signed.problem);
    const version = signed.headers['webhook-id'];
    if (!NOTICE_VERSION.safeParse(version).success) {
      return refuse(400, 'malformed', 'webhook-id must be the notice version, sha256: and 64 lowercase hex digits');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return refuse(400, 'malformed', 'the body is not UTF-8 text');
    }
    if (text.includes('\u0000')) return refuse(400, 'malformed', 'a notice text holds no NUL character');
    const sender = await this.signer(signed.headers, text);
    if (sender === null) return refuse(401, 'bad-signature', 'no enrolled secret signs this notice text');
    // Checked before anything is written: an altered text is stored nowhere.
    const actual = noticeVersionOf(body);
    if (actual !== version) {
      return refuse(400, 'altered', `the text's SHA-256 is ${actual}, not ${version}: it is not that notice's text`);
    }
    const inserted = await this.pool.query(
      'INSERT INTO notices (version, text, kiosk_id, counter_id) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING',
      [version, text, sender.kioskId, sender.counterId],
    );
    return { status: 200, body: { status: inserted.rowCount === 1 ? 'stored' : 'repeat', version } };
  }

  private async signer(headers: Parameters<typeof signedWith>[1], text: string): Promise<Enrolment | null> {
    const find = () => this.enrolments.find((enrolment) => signedWith(enrolment.secret, headers, text)) ?? null;
    const known = find();
    if (known) return known;
    // Enrolled or bound since the hub last looked.
    this.enrolments = await readEnrolments(this.pool);
    return find();
  }
}

export type StoredNotice = { ok: true; text: string } | { ok: false; problem: string };

/** The text the hub holds for `version`, checked against its hash again on the way out. */
export async function readStoredNotice(pool: Pool, version: string): Promise<StoredNotice> {
  const parsed = NOTICE_VERSION.safeParse(version);
  if (!parsed.success) return { ok: false, problem: `${version}: ${parsed.error.issues[0]?.message ?? 'not a notice version'}` };
  const { rows } = await pool.query<{ text: string }>('SELECT text FROM notices WHERE version = $1', [version]);
  const text = rows[0]?.text;
  if (text === undefined) {
    const named = await pool.query('SELECT 1 FROM records WHERE notice_version = $1 LIMIT 1', [version]);
    const why = named.rowCount ? 'records name it, but no kiosk has sent its text yet' : 'no stored record names it';
    return { ok: false, problem: `${version}: the hub holds no text for this version (${why})` };
  }
  if (noticeVersionOf(Buffer.from(text, 'utf8')) !== version) {
    return { ok: false, problem: `${version}: the stored text was changed in the database (its SHA-256 differs)` };
  }
  return { ok: true, text };
}
