// The notice archive's way to the records hub (hub.md, "Notice wording"): every archived
// text the hub has not yet acknowledged goes to `POST <url>v1/notices`, the body the exact
// text, signed like a record with `webhook-id` = its version. It goes before the first
// record that names it, and any other archived text goes while the hub is otherwise idle.
// What the hub acknowledged (stored, or a repeat) is kept in `<dataDir>/outbox/<key>.json`,
// so a restart sends only the rest; the archive itself is what survives until then.
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LedgerRecord } from '../../shared/events.js';
import { syncDirectory } from '../ledger/segment-files.js';
import { readArchivedNotice } from '../notice/notice-archive.js';
import { SYSTEM_CLOCK, type DeliveryClock } from './delivery-clock.js';
import { retryDelay, type DeliveryCompanion, type DeliveryFailure, type DeliveryTiming } from './endpoint-deliverer.js';
import { redactUrls } from './endpoint-url.js';
import { refusalOf, replyOf, type HubRefusal } from './hub-status.js';
import { postEvent } from './post-event.js';
import { webhookSignature } from './webhook-signature.js';

export interface NoticeDelivery {
  /** Archived notice texts the hub has not acknowledged yet. */
  pending: number;
  /** Why a text has not gone out, in words; null while every text goes through. */
  problem: string | null;
  /** Set when the hub itself refused the text (not when it is merely unreachable). */
  refusal: HubRefusal | null;
  /** The version concerned by `problem`. */
  version: string | null;
  /** When the hub first refused that text (RFC 3339). */
  refusedSince: string | null;
  /** When that text is tried again (RFC 3339). */
  nextAttemptAt: string | null;
}

const ARCHIVED = /^sha256-([0-9a-f]{64})\.txt$/;

const heldFile = z.object({ endpoint: z.string(), held: z.array(z.string()) });

interface Trouble {
  /** `seq` is 0: a text belongs to no one record. */
  failure: DeliveryFailure;
  refusal: HubRefusal | null;
  /** A problem of the kiosk's own archive (nothing was sent). */
  local: boolean;
  attempts: number;
  dueAt: number;
  refusedSince: number | null;
}

export interface HubNoticesOptions {
  /** The outbox folder, where the acknowledged versions are kept. */
  dir: string;
  fileKey: string;
  /** `<url>v1/notices`. */
  url: string;
  displayUrl: string;
  archiveDir: string;
  key: Buffer;
  timing: DeliveryTiming;
  clock?: DeliveryClock | undefined;
}

/** The notice version a record names, if any (notice.shown, language.changed, the answers). */
export function namedNoticeVersion(record: LedgerRecord): string | null {
  const version = (record as { noticeVersion?: unknown }).noticeVersion;
  return typeof version === 'string' ? version : null;
}

export class HubNotices implements DeliveryCompanion {
  readonly #held: Set<string>;
  readonly #pending = new Set<string>();
  readonly #trouble = new Map<string, Trouble>();
  readonly #clock: DeliveryClock;
  readonly #target: URL;
  #failures = 0;

  private constructor(
    private readonly options: HubNoticesOptions,
    held: Iterable<string>,
  ) {
    this.#held = new Set(held);
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#target = new URL(options.url);
  }

  static async open(options: HubNoticesOptions): Promise<HubNotices> {
    const file = join(options.dir, `${options.fileKey}.json`);
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    let held: string[] = [];
    if (text !== null) {
      const parsed = heldFile.safeParse(parseJson(text));
      if (parsed.success) held = parsed.data.held;
      // Sending every text again is a repeat the hub acknowledges; forgetting one would not be.
      else process.emitWarning(`${file} is unreadable; the hub is sent every archived notice text again.`);
    }
    const notices = new HubNotices(options, held);
    await notices.#scan();
    return notices;
  }

  /** Failed attempts since the kiosk started. */
  get failures(): number {
    return this.#failures;
  }

  status(): NoticeDelivery {
    // The oldest trouble first: the one an operator has waited on longest.
    const [version, trouble] = [...this.#trouble.entries()][0] ?? [null, null];
    return {
      pending: this.#pending.size,
      problem: trouble ? problemOf(version as string, trouble) : null,
      refusal: trouble?.refusal ?? null,
      version,
      refusedSince: trouble?.refusedSince == null ? null : new Date(trouble.refusedSince).toISOString(),
      nextAttemptAt: trouble && this.#pending.has(version as string) ? new Date(trouble.dueAt).toISOString() : null,
    };
  }

  /** A record just written: a text it names that the hub has not acknowledged is pending from now on. */
  noted(record: LedgerRecord): void {
    const version = namedNoticeVersion(record);
    if (version !== null && !this.#held.has(version)) this.#pending.add(version);
  }

  async before(record: LedgerRecord, signal: AbortSignal): Promise<DeliveryFailure | null> {
    const version = namedNoticeVersion(record);
    if (version === null || this.#held.has(version)) return null;
    const trouble = this.#trouble.get(version);
    // A text the hub refuses (or the archive cannot give) does not hold the records back: it is retried on its own schedule.
    if (trouble && (trouble.refusal !== null || trouble.local)) return null;
    // An unreachable hub is counted as the record's failed attempt below, not once more as the text's.
    const sent = await this.#send(version, signal, false);
    if (sent === null) return null;
    const now = this.#trouble.get(version);
    if (now && (now.refusal !== null || now.local)) {
      this.#failures += 1;
      return null;
    }
    // Unreachable: the record would not get through either; both are asked again on the record's schedule.
    return { seq: record.seq, error: `its notice text ${version} has not gone out first: ${sent}` };
  }

  async idle(signal: AbortSignal): Promise<number | null> {
    try {
      await this.#scan();
    } catch (error) {
      // The records go on; the archive is looked at again on the slow schedule.
      process.emitWarning(`cannot read the notice archive ${this.options.archiveDir}: ${(error as Error).message}`);
      return this.#clock.now() + this.options.timing.maxRefusalRetryMs;
    }
    let due: number | null = null;
    for (const version of [...this.#pending]) {
      if (signal.aborted) return null;
      const trouble = this.#trouble.get(version);
      if (trouble && trouble.dueAt > this.#clock.now()) {
        due = Math.min(due ?? trouble.dueAt, trouble.dueAt);
        continue;
      }
      await this.#send(version, signal);
      const after = this.#trouble.get(version);
      if (after) due = Math.min(due ?? after.dueAt, after.dueAt);
    }
    return due;
  }

  /** The archive's versions the hub has not acknowledged. */
  async #scan(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.options.archiveDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') names = [];
      else throw error;
    }
    const archived = new Set(names.flatMap((name) => ARCHIVED.exec(name)?.[1] ?? []).map((hex) => `sha256:${hex}`));
    this.#pending.clear();
    for (const version of [...archived].sort()) if (!this.#held.has(version)) this.#pending.add(version);
    // Pruned from the archive: nothing left to send or to show — unless a record named it while
    // the archive held no text for it, which stays shown (it is not something a retry fixes).
    for (const [version, trouble] of this.#trouble) if (!archived.has(version) && !trouble.local) this.#trouble.delete(version);
  }

  /** One attempt; null once the hub holds the text, else why not. */
  async #send(version: string, signal: AbortSignal, counted = true): Promise<string | null> {
    const kept = await readArchivedNotice(this.options.archiveDir, version).catch((error: unknown) => ({
      ok: false as const,
      problem: `${version}: cannot read the notice archive: ${(error as Error).message}`,
    }));
    if (!kept.ok) {
      // Status and metrics name no folder of the machine.
      const error = kept.problem.replace(`${version}: `, '').replaceAll(this.options.archiveDir, 'the notice archive');
      return this.#failed(version, { seq: 0, error }, true, counted);
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postEvent(
      this.#target,
      {
        'webhook-id': version,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': webhookSignature(this.options.key, version, timestamp, kept.text),
      },
      kept.text,
      { timeoutMs: this.options.timing.timeoutMs, signal, contentType: 'text/plain; charset=utf-8' },
    );
    if (signal.aborted) return 'the kiosk is stopping';
    if (!outcome.ok) {
      return this.#failed(version, { seq: 0, error: outcome.error, status: outcome.status, reply: outcome.reply }, false, counted);
    }
    this.#held.add(version);
    this.#pending.delete(version);
    this.#trouble.delete(version);
    await this.#save();
    return null;
  }

  #failed(version: string, failure: DeliveryFailure, local: boolean, counted: boolean): string {
    if (counted) this.#failures += 1;
    const refusal = local ? null : refusalOf(failure);
    const before = this.#trouble.get(version);
    const attempts = (before?.refusal === refusal && before.local === local ? before.attempts : 0) + 1;
    const now = this.#clock.now();
    const { timing } = this.options;
    // Neither a refusal nor a changed archive file fixes itself soon: the slow schedule.
    const slow = refusal !== null || local;
    const delay = slow
      ? retryDelay(attempts, { firstRetryMs: timing.firstRefusalRetryMs, maxRetryMs: timing.maxRefusalRetryMs })
      : retryDelay(attempts, timing);
    const refusedSince = refusal === null ? null : (before?.refusedSince ?? now);
    this.#trouble.set(version, { failure: { ...failure, error: redactUrls(failure.error) }, refusal, local, attempts, dueAt: now + delay, refusedSince });
    return redactUrls(failure.error);
  }

  async #save(): Promise<void> {
    const file = join(this.options.dir, `${this.options.fileKey}.json`);
    const temp = `${file}.tmp`;
    try {
      await rm(temp, { force: true });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify({ endpoint: this.options.displayUrl, held: [...this.#held].sort() })}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
      await syncDirectory(this.options.dir);
    } catch (error) {
      // The hub holds the text either way; after a restart it is sent again and acknowledged as a repeat.
      process.emitWarning(`cannot save ${file}: ${(error as Error).message}`);
    }
  }
}

const ADVICE: Record<HubRefusal, string> = {
  'bad-signature': 'check hub.secret: it must be the secret `kokuchi hub enroll` printed for this counter',
  diverged: 'see the hub\'s log',
  gap: 'see the hub\'s log',
  refused: 'see the hub\'s log; the kiosk\'s own copy is `kokuchi notice show`',
};

function problemOf(version: string, trouble: Trouble): string {
  const { failure, refusal } = trouble;
  if (trouble.local) return `the notice text ${version} cannot be sent from the archive: ${failure.error}`;
  if (refusal === null) return `the hub has not taken the notice text ${version}: ${failure.error}; the kiosk keeps it and retries`;
  const reply = replyOf(failure.reply);
  const said = reply ? `: ${reply.code}${reply.message ? ` — ${reply.message}` : ''}` : '';
  return `the hub refused the notice text ${version} (${refusal}, HTTP ${failure.status ?? 0}${said}); ${ADVICE[refusal]}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
