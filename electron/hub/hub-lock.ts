// One owner per embedded hub database: `hub.lock` in the data folder holds the owner's pid.
// The owner serves the database on a socket beside it, so a second process (an enrolment
// while the hub runs) goes through the owner instead of opening the files twice.
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

export const HUB_LOCK_FILE = 'hub.lock';

export type HubLock = { owned: true; release(): Promise<void> } | { owned: false; owner: number };

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

/** Takes the lock (over one left by a dead process), or names the live process that holds it. */
export async function takeHubLock(dataDir: string): Promise<HubLock> {
  const lockPath = path.join(dataDir, HUB_LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createLock(lockPath)) {
      return {
        owned: true,
        async release() {
          if ((await readOwner(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
        },
      };
    }
    const owner = await readOwner(lockPath);
    if (owner !== null && isAlive(owner)) return { owned: false, owner };
    // Stale (its owner was killed) or half-written: take it over.
    await unlink(lockPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  throw new Error(`could not take ${lockPath}: another process keeps replacing it`);
}
