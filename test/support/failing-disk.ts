// Real files that fail the way a disk does, on demand: the ledger's LedgerFiles over node:fs,
// where `write` can run out of space half-way (ENOSPC) and `fdatasync` can fail (EIO).
import { diskLedgerFiles, type LedgerFileHandle, type LedgerFiles } from '../../electron/core/ledger/ledger-files.js';

export interface DiskFaults {
  /** Writes take only this many bytes for real, then fail with ENOSPC; null = writes succeed. */
  spaceLeft: number | null;
  /** fdatasync fails with EIO (after the bytes reached the file). */
  syncFails: boolean;
  /** truncate fails with EIO too, so a failed append cannot be undone at once. */
  truncateFails: boolean;
}

function fault(code: 'ENOSPC' | 'EIO', call: string): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : 'i/o error';
  return Object.assign(new Error(`${code}: ${text}, ${call}`), { code, syscall: call });
}

export interface FailingDisk {
  files: LedgerFiles;
  faults: DiskFaults;
  /** Calls that failed, e.g. `write ENOSPC`. */
  failures: string[];
  heal(): void;
}

export function failingDisk(): FailingDisk {
  const faults: DiskFaults = { spaceLeft: null, syncFails: false, truncateFails: false };
  const failures: string[] = [];
  const wrap = (real: LedgerFileHandle): LedgerFileHandle => ({
    write(buffer, offset, length) {
      if (faults.spaceLeft === null) return real.write(buffer, offset, length);
      const room = Math.min(length, faults.spaceLeft);
      if (room > 0) {
        faults.spaceLeft -= room;
        return real.write(buffer, offset, room);
      }
      failures.push('write ENOSPC');
      throw fault('ENOSPC', 'write');
    },
    async datasync() {
      if (faults.syncFails) {
        failures.push('fdatasync EIO');
        throw fault('EIO', 'fdatasync');
      }
      return real.datasync();
    },
    async truncate(length) {
      if (faults.truncateFails) {
        failures.push('ftruncate EIO');
        throw fault('EIO', 'ftruncate');
      }
      return real.truncate(length);
    },
    stat: () => real.stat(),
    chmod: (mode) => real.chmod(mode),
    close: () => real.close(),
  });
  return {
    files: { open: async (path, flags, mode) => wrap(await diskLedgerFiles.open(path, flags, mode)) },
    faults,
    failures,
    heal() {
      faults.spaceLeft = null;
      faults.syncFails = false;
      faults.truncateFails = false;
    },
  };
}
