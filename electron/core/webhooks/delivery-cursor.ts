// One endpoint's delivery cursor: the last seq it accepted, kept in
// `<dataDir>/outbox/<key>.json` (0600), replaced atomically so a crash leaves the old
// value or the new one, never half a file.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory } from '../ledger/segment-files.js';

const cursorFile = z.object({
  endpoint: z.string(),
  deliveredSeq: z.number().int().nonnegative(),
  /** When the endpoint last took an event (RFC 3339); absent in files written before it was kept. */
  deliveredAt: z.iso.datetime().nullable().optional(),
  /** The event the endpoint refuses and since when, kept so that a restart still says how long. */
  refused: z.object({ seq: z.number().int().positive(), since: z.iso.datetime() }).nullable().optional(),
});

export interface CursorRefusal {
  seq: number;
  since: string;
}

export class DeliveryCursor {
  #seq: number;
  #deliveredAt: string | null;
  #refused: CursorRefusal | null;

  private constructor(
    private readonly file: string,
    private readonly endpoint: string,
    seq: number,
    deliveredAt: string | null = null,
    refused: CursorRefusal | null = null,
  ) {
    this.#seq = seq;
    this.#deliveredAt = deliveredAt;
    this.#refused = refused;
  }

  /**
   * Reads the cursor, or creates it at `startAt` (the ledger's lastSeq now): an endpoint
   * configured for the first time gets the events from then on, not the whole history.
   */
  static async open(dir: string, key: string, endpoint: string, startAt: number): Promise<DeliveryCursor> {
    const file = join(dir, `${key}.json`);
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === null) {
      const cursor = new DeliveryCursor(file, endpoint, startAt);
      await cursor.save(startAt);
      return cursor;
    }
    const parsed = cursorFile.safeParse(parseJson(text));
    if (parsed.success) {
      const { deliveredSeq, deliveredAt, refused } = parsed.data;
      return new DeliveryCursor(file, endpoint, deliveredSeq, deliveredAt ?? null, refused ?? null);
    }
    // Atomic writes make this unlikely; resending everything is at-least-once, dropping would not be.
    process.emitWarning(`The webhook cursor ${file} is unreadable; ${endpoint} gets every event again from seq 1.`);
    return new DeliveryCursor(file, endpoint, 0);
  }

  /** The last seq the endpoint accepted (or skipped as not subscribed). */
  get seq(): number {
    return this.#seq;
  }

  /** When the endpoint last took an event, as saved; null if never. */
  get deliveredAt(): string | null {
    return this.#deliveredAt;
  }

  /** The refusal of the next event, as saved; null when that event is not (or no longer) refused. */
  get refused(): CursorRefusal | null {
    return this.#refused !== null && this.#refused.seq === this.#seq + 1 ? this.#refused : null;
  }

  /** Keeps when the endpoint first refused the next event (`seq` = the cursor's + 1). */
  async saveRefused(refused: CursorRefusal): Promise<void> {
    this.#refused = refused;
    await this.save(this.#seq);
  }

  /** Writes temp file, fsync, rename over the old one, fsync the folder. A refusal of an event now passed is dropped. */
  async save(seq: number, deliveredAt: string | null = this.#deliveredAt): Promise<void> {
    const refused = this.#refused !== null && this.#refused.seq > seq ? this.#refused : null;
    const temp = `${this.file}.tmp`;
    await rm(temp, { force: true });
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ endpoint: this.endpoint, deliveredSeq: seq, deliveredAt, ...(refused && { refused }) })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncDirectory(join(this.file, '..'));
    this.#seq = seq;
    this.#deliveredAt = deliveredAt;
    this.#refused = refused;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
