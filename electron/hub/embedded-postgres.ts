// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in the data folder,
// served on a Unix socket beside it so the hub and the CLI use one `pg` code path, and a
// second process on the same folder reaches the database through its owner.
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PoolConfig } from 'pg';
import { takeHubLock } from './hub-lock.js';

export const EMBEDDED_DIR = 'postgres';
/** `pg` connects to `<host>/.s.PGSQL.<port>` when host is a folder. */
const SOCKET_PORT = 5432;
const SOCKET_FILE = `.s.PGSQL.${SOCKET_PORT}`;
/** Unix socket paths are cut off beyond this many bytes on Linux. */
const MAX_SOCKET_PATH = 107;

export interface EmbeddedDatabase {
  connection: PoolConfig;
  /** Whether this process opened the files (and so serves the socket). */
  owner: boolean;
  close(): Promise<void>;
}

async function socketAppears(socketPath: string): Promise<void> {
  // The owner opens PGlite before it listens: allow it a while, by count.
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (await stat(socketPath).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the hub database in ${path.dirname(socketPath)} is held by another process that does not serve it`);
}

export async function openEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const folder = path.resolve(dataDir);
  const socketPath = path.join(folder, SOCKET_FILE);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(`--data ${dataDir}: the path is too long for the embedded database's socket; choose a shorter folder or use --database`);
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const connection: PoolConfig = { host: folder, port: SOCKET_PORT, user: 'postgres', database: 'postgres' };
  const lock = await takeHubLock(folder);
  if (!lock.owned) {
    await socketAppears(socketPath);
    return { connection, owner: false, close: async () => undefined };
  }
  let db: PGlite | undefined;
  try {
    // A socket file left by a killed owner would make listen fail with EADDRINUSE.
    await rm(socketPath, { force: true });
    db = await PGlite.create({ dataDir: path.join(folder, EMBEDDED_DIR) });
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 32 });
    await server.start();
    const opened = db;
    return {
      connection,
      owner: true,
      async close() {
        await server.stop();
        await opened.close();
        await rm(socketPath, { force: true });
        await lock.release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
}
