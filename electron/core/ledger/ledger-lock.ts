// One writer per ledger. The lock is a listening socket the operating system gives to one
// process and frees when that process dies, so a pid (reused, or the same pid after a crash
// in a container) or a clock never decides whether a lock is stale; `ledger.lock` only
// names the holder for the refusal message.
import { createHash } from 'node:crypto';
import { realpath, readFile, unlink, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'ledger.lock';
/** The socket file beside the segments: also seen by a kiosk in another network namespace (container). */
export const LOCK_SOCKET = 'ledger.sock';
// sockaddr_un holds 108 bytes on Linux, 104 on macOS.
const MAX_SOCKET_PATH = 103;

export interface LedgerLock {
  release(): Promise<void>;
}

/** The OS-exclusive names for this ledger folder, strongest first. */
export function lockNames(realDir: string, platform: NodeJS.Platform = process.platform): string[] {
  const hash = createHash('sha256').update(realDir).digest('hex').slice(0, 32);
  // Windows: a named pipe is exclusive and dies with its process.
  if (platform === 'win32') return [`\\\\.\\pipe\\kokuchi-ledger-${hash}`];
  const names: string[] = [];
  // Linux: an abstract socket has no file to go stale; the kernel drops it with the process.
  if (platform === 'linux') names.push(`\0kokuchi-ledger-${hash}`);
  const file = path.join(realDir, LOCK_SOCKET);
  if (Buffer.byteLength(file) <= MAX_SOCKET_PATH) names.push(file);
  else if (names.length === 0) names.push(path.join(tmpdir(), `kokuchi-ledger-${hash}.sock`));
  return names;
}

type Bound = { ok: true; server: Server } | { ok: false };

function listen(name: string): Promise<Bound> {
  return new Promise((resolve, reject) => {
    // A connection is only someone checking that the holder lives: nothing is ever said on it.
    const server = createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve({ ok: false });
      else reject(error);
    });
    server.listen(name, () => {
      server.unref();
      resolve({ ok: true, server });
    });
  });
}

/** Whether a process answers on a socket file (a file left by a crash does not). */
function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(file);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function take(name: string): Promise<Server | null> {
  const first = await listen(name);
  if (first.ok) return first.server;
  if (name.startsWith('\0') || name.startsWith('\\\\.\\pipe\\') || (await answers(name))) return null;
  // A socket file left by a holder that died: nobody answers on it, so it is removed and taken.
  await unlink(name).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  const second = await listen(name);
  return second.ok ? second.server : null;
}

async function holderPid(lockPath: string): Promise<number | null> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const first = text.split('\n', 1)[0]?.trim() ?? '';
  return /^[1-9]\d*$/.test(first) ? Number(first) : null;
}

async function closeAll(servers: readonly Server[]): Promise<void> {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}

/** Takes the lock; refuses only while another live process holds this ledger. */
export async function acquireLedgerLock(dir: string): Promise<LedgerLock> {
  const realDir = await realpath(dir);
  const lockPath = path.join(realDir, LOCK_FILE);
  const held: Server[] = [];
  for (const name of lockNames(realDir)) {
    const server = await take(name).catch(async (error: unknown) => {
      await closeAll(held);
      throw error;
    });
    if (server === null) {
      await closeAll(held);
      const pid = await holderPid(lockPath);
      throw new Error(
        `Another Kokuchi process${pid === null ? '' : ` (pid ${pid})`} holds the ledger at ${dir}. Stop it first.`,
      );
    }
    held.push(server);
  }
  try {
    // Whatever an old file said (a dead or reused pid, our own from before a crash), it is ours now.
    await writeFile(lockPath, `${process.pid}\n`, { mode: 0o600 });
  } catch (error) {
    await closeAll(held);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await unlink(lockPath).catch(() => undefined);
      await closeAll(held);
    },
  };
}
