// The hub's database, whichever it is: the office's own PostgreSQL (a `postgres://` URL),
// or the embedded one in the data folder. Either way a `pg` pool, migrated on opening.
import pg from 'pg';
import { openEmbedded } from './embedded-postgres.js';
import { migrate } from './migrations.js';

export const DATABASE_ENV = 'KOKUCHI_HUB_DATABASE';

export interface HubDatabase {
  pool: pg.Pool;
  kind: 'embedded' | 'server';
  close(): Promise<void>;
}

export interface DatabaseChoice {
  /** `--database`, else `$KOKUCHI_HUB_DATABASE`, else embedded in `dataDir`. */
  url?: string;
  dataDir: string;
}

export function databaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? (env[DATABASE_ENV] || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`${flag === undefined ? DATABASE_ENV : '--database'}: expected a postgres:// URL`);
  }
  return url;
}

export async function openHubDatabase(choice: DatabaseChoice): Promise<HubDatabase> {
  const embedded = choice.url === undefined ? await openEmbedded(choice.dataDir) : null;
  // PGlite runs one session: its socket interleaves the messages of several connections,
  // which breaks the extended query protocol ("portal cannot be run"), so one connection here.
  const config: pg.PoolConfig = embedded ? { ...embedded.connection, max: 1 } : { connectionString: choice.url, max: 8 };
  const pool = new pg.Pool(config);
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    throw error;
  }
  return {
    pool,
    kind: embedded ? 'embedded' : 'server',
    async close() {
      await pool.end();
      await embedded?.close();
    },
  };
}
