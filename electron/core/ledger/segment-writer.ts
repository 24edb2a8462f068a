// Appends bytes to a segment and returns only once they are on disk (write + fdatasync).
// A failed append is rolled back so the file never holds a line the ledger did not count.
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { diskLedgerFiles, type LedgerFileHandle, type LedgerFiles } from './ledger-files.js';
import { segmentPath, syncDirectory } from './segment-files.js';

/** Beside the segments; never a segment name, so verify, export and prune ignore it. */
const WRITE_CHECK_FILE = '.write-check';
const WRITE_CHECK_BYTES = 16 * 1024;

export class SegmentWriter {
  readonly #dir: string;
  readonly #files: LedgerFiles;
  #segment: string | null = null;
  #handle: LedgerFileHandle | null = null;
  /** Bytes known to be in the open segment; where a failed append is cut back to. */
  #size = 0;
  #unusable: Error | null = null;

  constructor(dir: string, files: LedgerFiles = diskLedgerFiles) {
    this.#dir = dir;
    this.#files = files;
  }

  /** Set while a failed append could not be rolled back; the next append retries the rollback first. */
  get unusable(): Error | null {
    return this.#unusable;
  }

  async #use(segment: string): Promise<LedgerFileHandle> {
    if (this.#handle && this.#segment === segment) return this.#handle;
    await this.close();
    const file = segmentPath(this.#dir, segment);
    let handle: LedgerFileHandle;
    let created = true;
    try {
      handle = await this.#files.open(file, 'ax', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      created = false;
      handle = await this.#files.open(file, 'a', 0o600);
    }
    try {
      const size = (await handle.stat()).size;
      // A new name in the folder is durable only once the folder itself is synced (again, if
      // an earlier attempt created the file and then failed).
      if (created || size === 0) await syncDirectory(this.#dir);
      if (!created) await handle.chmod(0o600);
      this.#size = size;
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    this.#segment = segment;
    return handle;
  }

  async append(segment: string, data: Buffer): Promise<void> {
    if (this.#unusable && this.#handle) await this.#repair(this.#handle);
    // The open segment without a turn of the event loop: the common case on a tap's path.
    const handle = this.#handle && this.#segment === segment ? this.#handle : await this.#use(segment);
    try {
      let written = 0;
      while (written < data.length) written += handle.write(data, written, data.length - written);
      await handle.datasync();
      this.#size += data.length;
    } catch (error) {
      await this.#rollBack(handle, error);
      throw error;
    }
  }

  /** Can the disk take a write and an fdatasync now? Touches no segment. */
  async checkWritable(): Promise<void> {
    const file = path.join(this.#dir, WRITE_CHECK_FILE);
    const handle = await this.#files.open(file, 'w', 0o600);
    try {
      handle.write(Buffer.alloc(WRITE_CHECK_BYTES), 0, WRITE_CHECK_BYTES);
      await handle.datasync();
    } finally {
      await handle.close();
      await unlink(file).catch(() => undefined);
    }
  }

  async #rollBack(handle: LedgerFileHandle, cause: unknown): Promise<void> {
    try {
      await handle.truncate(this.#size);
      await handle.datasync();
    } catch {
      this.#unusable = new Error('A ledger write failed and could not be undone yet; the next append tries again.', {
        cause,
      });
    }
  }

  /** Cuts the segment back to its last good length before anything else is written after it. */
  async #repair(handle: LedgerFileHandle): Promise<void> {
    await handle.truncate(this.#size);
    await handle.datasync();
    this.#unusable = null;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    this.#segment = null;
    if (handle) await handle.close();
  }
}
