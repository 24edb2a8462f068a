// The ledger's one door to the disk for appends. The default is node:fs; a test passes its
// own to make a real file fail the way a disk does (ENOSPC on write, EIO on fdatasync).
import { writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** What the segment writer does with an open file (node's FileHandle, with a synchronous write). */
export interface LedgerFileHandle {
  /**
   * Hands bytes to the kernel (the page cache) at the end of the file and returns how many it
   * took. Synchronous: a copy into memory takes microseconds, while a trip through the thread
   * pool costs a tap a few tenths of a millisecond. The wait for the disk is `datasync`.
   */
  write(buffer: Buffer, offset: number, length: number): number;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  chmod(mode: number): Promise<void>;
  close(): Promise<void>;
}

export interface LedgerFiles {
  open(path: string, flags: 'ax' | 'a' | 'w', mode: number): Promise<LedgerFileHandle>;
}

export const diskLedgerFiles: LedgerFiles = {
  async open(path, flags, mode) {
    const handle = await open(path, flags, mode);
    return {
      write: (buffer, offset, length) => writeSync(handle.fd, buffer, offset, length),
      datasync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      stat: () => handle.stat(),
      chmod: (fileMode) => handle.chmod(fileMode),
      close: () => handle.close(),
    };
  },
};

/** The storage fault of an append (ENOSPC, EIO, …), or null for any other failure. */
export function storageFaultCode(error: unknown): string | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth += 1) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return null;
}
