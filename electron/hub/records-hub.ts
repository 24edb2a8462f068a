// One running hub: its database, the kiosks' chains, the listener and the metrics.
import type { Pool } from 'pg';
import { openHubDatabase, type DatabaseChoice, type HubDatabase } from './hub-database.js';
import { HubMetrics } from './hub-metrics.js';
import { HubServer } from './hub-server.js';
import { Ingest } from './ingest.js';
import { verifyStore } from './verify-store.js';
import { DEFAULT_HUB_CONFIG, type HubConfig } from './hub-config.js';
import { pruneHub, type HubPruneResult } from './hub-retention.js';
import { NoticeIngest } from './notice-store.js';
import { hostHeaderName, servedHostCheck } from '../core/staff-link/served-host.js';

/** The hub rechecks its whole store at start and then daily, for /metrics (kokuchi_hub_verify_ok). */
const VERIFY_EVERY_MS = 24 * 60 * 60 * 1000;
/** Retention runs at start and then daily, like the kiosk's. */
const PRUNE_EVERY_MS = 24 * 60 * 60 * 1000;

export interface HubOptions extends DatabaseChoice {
  host: string;
  port: number;
  token: string;
  fleetPageDir?: string | undefined;
  /** `--config F`: retention, extra host names, the office named in exports. */
  config?: HubConfig | undefined;
  now?: () => Date;
  /** Told of each retention run (the CLI prints it). */
  onPrune?: ((result: HubPruneResult) => void) | undefined;
}

export interface RunningHub {
  url: string;
  pool: Pool;
  database: HubDatabase;
  ingest: Ingest;
  metrics: HubMetrics;
  /** One retention run now (null when the configuration keeps every record). */
  prune(): Promise<HubPruneResult | null>;
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
    const config = options.config ?? DEFAULT_HUB_CONFIG;
    const bound = servedHostCheck(options.host);
    const extraNames = new Set(config.hostNames.map((name) => hostHeaderName(name.includes(':') && !name.startsWith('[') ? `[${name}]` : name)));
    const server = new HubServer({
      pool: database.pool,
      ingest,
      notices: new NoticeIngest(database.pool, now),
      metrics,
      token: options.token,
      fleetPageDir: options.fleetPageDir,
      servesHost: (header) => bound(header) || extraNames.has(hostHeaderName(header) ?? '\0'),
    });
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
    let pruning: Promise<HubPruneResult | null> | null = null;
    const prune = (): Promise<HubPruneResult | null> => {
      const retentionDays = config.retentionDays;
      if (retentionDays === null) return Promise.resolve(null);
      pruning ??= pruneHub(database.pool, ingest, { retentionDays, now: now() })
        .then((result) => {
          options.onPrune?.(result);
          return result;
        })
        .finally(() => {
          pruning = null;
        });
      return pruning;
    };
    // A database that is down deletes nothing: the next run tries again.
    const pruneQuietly = () => void prune().catch(() => undefined);
    pruneQuietly();
    const dailyPrune = setInterval(pruneQuietly, PRUNE_EVERY_MS);
    dailyPrune.unref();
    return {
      url,
      pool: database.pool,
      database,
      ingest,
      metrics,
      prune,
      async close() {
        clearInterval(daily);
        clearInterval(dailyPrune);
        await server.close();
        await verifying;
        await pruning?.catch(() => undefined);
        await ingest.idle();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
