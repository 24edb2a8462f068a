// One writer per ledger: `ledger.lock` is created exclusively and holds the owner's pid,
// so a second Kokuchi process is refused instead of interleaving lines.
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'ledger.lock';

export interface LedgerLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<number | null> {
  try {
    const text = (await readFile(lockPath, 'utf8')).trim();
    return /^[1-9]\d*$/.test(text) ? Number(text) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function createLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the lock, taking over one left by a process that is no longer running. */
export async function acquireLedgerLock(dir: string): Promise<LedgerLock> {
  const lockPath = path.join(dir, LOCK_FILE);
  // A few rounds only matter when two processes race over the same stale lock.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createLock(lockPath)) {
      return {
        async release() {
          if ((await readOwner(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
        },
      };
    }
    const owner = await readOwner(lockPath);
    if (owner !== null && isAlive(owner)) {
      throw new Error(
        `Another Kokuchi process (pid ${owner}) holds the ledger at ${dir}. ` +
          `Stop it first; if no Kokuchi is running, delete ${lockPath}.`,
      );
    }
    // Stale (owner gone) or unreadable (owner died while writing it): take it over.
    await unlink(lockPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  throw new Error(`Could not take the ledger lock ${lockPath}: another process keeps replacing it.`);
}
