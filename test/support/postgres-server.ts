// A throwaway PostgreSQL server (Debian's postgresql package) for the hub's server path:
// a new cluster owned by the postgres user (postgres refuses to run as root), on a free
// loopback port, removed afterwards. Missing PostgreSQL fails the test with how to install it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { unusedLoopbackPort } from './unused-port.js';

const run = promisify(execFile);
export const POSTGRES_BIN = process.env.KOKUCHI_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** A new database on the server, as a postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function asPostgres(command: string, args: string[]): Promise<string> {
  const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] as const : [command, args] as const;
  const { stdout } = await run(runAs[0], [...runAs[1]], { timeout: 120_000 });
  return stdout;
}

export async function startPostgres(): Promise<PostgresServer> {
  const initdb = path.join(POSTGRES_BIN, 'initdb');
  if (!existsSync(initdb)) {
    throw new Error(`PostgreSQL is not installed (no ${initdb}): apt-get install postgresql, or set KOKUCHI_POSTGRES_BIN (.ci/run installs it)`);
  }
  const root = await mkdtemp(path.join(tmpdir(), 'kokuchi-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    await chown(root, uid, uid);
  }
  const data = path.join(root, 'data');
  const port = await unusedLoopbackPort();
  await asPostgres(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  await asPostgres(path.join(POSTGRES_BIN, 'pg_ctl'), [
    '-D', data, '-w', '-l', path.join(root, 'log'),
    '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=on`, 'start',
  ]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await asPostgres(path.join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
