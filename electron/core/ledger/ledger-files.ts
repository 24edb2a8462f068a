// The ledger's one door to the disk for appends. The default is node:fs; a test passes its
// own to make a real file fail the way a disk does (ENOSPC on write, EIO on fdatasync).
import { open } from 'node:fs/promises';

/** What the segment writer does with an open file (a subset of node's FileHandle). */
export interface LedgerFileHandle {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  chmod(mode: number): Promise<void>;
  close(): Promise<void>;
}

export interface LedgerFiles {
  open(path: string, flags: 'ax' | 'a' | 'w', mode: number): Promise<LedgerFileHandle>;
}

export const diskLedgerFiles: LedgerFiles = { open: (path, flags, mode) => open(path, flags, mode) };

/** The storage fault of an append (ENOSPC, EIO, …), or null for any other failure. */
export function storageFaultCode(error: unknown): string | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth += 1) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return null;
}
