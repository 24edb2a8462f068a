// One running hub: its database, the kiosks' chains, the listener and the metrics.
import type { Pool } from 'pg';
import { openHubDatabase, type DatabaseChoice, type HubDatabase } from './hub-database.js';
import { HubMetrics } from './hub-metrics.js';
import { HubServer } from './hub-server.js';
import { Ingest } from './ingest.js';

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
    return {
      url,
      pool: database.pool,
      database,
      ingest,
      metrics,
      async close() {
        await server.close();
        await ingest.idle();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
