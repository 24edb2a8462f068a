// Appends bytes to a segment and returns only once they are on disk (write + fdatasync).
// A failed append is rolled back so the file never holds a line the ledger did not count.
import { open, type FileHandle } from 'node:fs/promises';
import { segmentPath, syncDirectory } from './segment-files.js';

export class SegmentWriter {
  readonly #dir: string;
  #segment: string | null = null;
  #handle: FileHandle | null = null;
  /** Bytes known to be in the open segment; where a failed append is cut back to. */
  #size = 0;
  #unusable: Error | null = null;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Set once a failed append could not be rolled back: the ledger must be reopened to recover. */
  get unusable(): Error | null {
    return this.#unusable;
  }

  async #use(segment: string): Promise<FileHandle> {
    if (this.#handle && this.#segment === segment) return this.#handle;
    await this.close();
    const file = segmentPath(this.#dir, segment);
    let handle: FileHandle;
    let created = true;
    try {
      handle = await open(file, 'ax', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      created = false;
      handle = await open(file, 'a', 0o600);
    }
    try {
      // A new name in the folder is durable only once the folder itself is synced.
      if (created) await syncDirectory(this.#dir);
      else await handle.chmod(0o600);
      this.#size = (await handle.stat()).size;
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    this.#segment = segment;
    return handle;
  }

  async append(segment: string, data: Buffer): Promise<void> {
    if (this.#unusable) throw this.#unusable;
    const handle = await this.#use(segment);
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await handle.write(data, written, data.length - written);
        written += bytesWritten;
      }
      await handle.datasync();
      this.#size += data.length;
    } catch (error) {
      await this.#rollBack(handle, error);
      throw error;
    }
  }

  async #rollBack(handle: FileHandle, cause: unknown): Promise<void> {
    try {
      await handle.truncate(this.#size);
      await handle.datasync();
    } catch {
      this.#unusable = new Error('A ledger write failed and could not be undone; reopen the ledger to recover.', {
        cause,
      });
    }
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    this.#segment = null;
    if (handle) await handle.close();
  }
}
