// One running hub: its database, the kiosks' chains, the listener and the metrics.
import type { Pool } from 'pg';
import { openHubDatabase, type DatabaseChoice, type HubDatabase } from './hub-database.js';
import { HubMetrics } from './hub-metrics.js';
import { HubServer } from './hub-server.js';
import { Ingest } from './ingest.js';
import { verifyStore } from './verify-store.js';

/** The hub rechecks its whole store at start and then daily, for /metrics (kokuchi_hub_verify_ok). */
const VERIFY_EVERY_MS = 24 * 60 * 60 * 1000;

export interface HubOptions extends DatabaseChoice {
  host: string;
  port: number;
  token: string;
  fleetPageDir?: string | undefined;
  now?: () => Date;
}

export interface RunningHub {
  url: string;
  pool: Pool;
  database: HubDatabase;
  ingest: Ingest;
  metrics: HubMetrics;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const now = options.now ?? (() => new Date());
  const database = await openHubDatabase(options);
  try {
    // The metrics read the chains the ingest loads, and the ingest reports to the metrics.
    const opened: { ingest?: Ingest } = {};
    const metrics = new HubMetrics(() => opened.ingest?.chains.values() ?? [], options.dataDir, now);
    const ingest = await Ingest.open(database.pool, metrics, now);
    opened.ingest = ingest;
    const server = new HubServer({ pool: database.pool, ingest, metrics, token: options.token, fleetPageDir: options.fleetPageDir });
    const url = await server.listen(options.host, options.port);
    let verifying: Promise<void> | null = null;
    const verify = () => {
      verifying ??= verifyStore(database.pool)
        .then((verdict) => metrics.verified({ ok: verdict.problems.length === 0, problems: verdict.problems.length, at: now() }))
        // A database that is down is not a failed verify: the next run says.
        .catch(() => undefined)
        .finally(() => {
          verifying = null;
        });
    };
    verify();
    const daily = setInterval(verify, VERIFY_EVERY_MS);
    daily.unref();
    return {
      url,
      pool: database.pool,
      database,
      ingest,
      metrics,
      async close() {
        clearInterval(daily);
        await server.close();
        await verifying;
        await ingest.idle();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
