// `npm run bench:hub`: the records hub's ingest from 100 simulated kiosks (in a worker
// thread, each sending in seq order, one record at a time, as the kiosk's outbox does) on
// the embedded store and on a PostgreSQL server, against a bare `COPY` of the same lines
// into a table of the same shape as the floor; the delivery lag is from each record's write
// to the hub's answer, which comes after its commit. `--million` adds `hub verify` and
// `hub export` over 1,000,000 records with their peak memory. Written into BENCHMARKS.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_DIR } from '../electron/hub/embedded-postgres.js';
import { writeMarkedSection } from './bench/benchmarks-file.js';
import { enrol } from '../electron/hub/enrolments.js';
import { startHub } from '../electron/hub/records-hub.js';
import { makeHubDataDir } from '../test/support/hub-store.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { copyIntoPglite, copyIntoServer, copyRow } from './hub-bench-copy.js';
import { postgresCpuNs, postgresCpuSince, threadCpuNs } from './hub-bench-cpu.js';
import type { KiosksResult, KiosksTask } from './hub-bench-kiosks.js';
import { millionSection } from './hub-bench-million.js';

const { values: flags } = parseArgs({
  options: {
    store: { type: 'string', default: 'both' },
    records: { type: 'string', default: process.env.HUB_BENCH_RECORDS ?? '300' },
    kiosks: { type: 'string', default: '100' },
    million: { type: 'boolean', default: false },
    'million-records': { type: 'string', default: '1000000' },
  },
  strict: true,
});
const KIOSKS = Number(flags.kiosks);
const PER_KIOSK = Number(flags.records);
const STORES = flags.store === 'both' ? ['embedded', 'server'] : flags.store === 'none' ? [] : [flags.store];
for (const store of STORES) if (store !== 'embedded' && store !== 'server') throw new Error(`--store must be embedded, server, both or none, not "${store}"`);

interface Result {
  store: string;
  records: number;
  seconds: number;
  p50: number;
  p99: number;
  floorPerSecond: number;
  /** CPU µs per record: the hub's thread (with PGlite in it, embedded), the server's processes, the kiosks' thread. */
  hubUs: number;
  databaseUs: number | null;
  kiosksUs: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function sendFromKiosks(task: KiosksTask): Promise<KiosksResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit tsx's loader: it registers it, then loads the kiosks.
    const kiosks = new URL('./hub-bench-kiosks.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(kiosks)}); })`, {
      eval: true, workerData: task,
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the kiosks' worker exited with ${code}`))));
  });
}

async function timed(task: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await task();
  return (performance.now() - start) / 1000;
}

async function run(store: 'embedded' | 'server', url: string | undefined, dataDir: string): Promise<Result> {
  const hub = await startHub({ url, dataDir, host: '127.0.0.1', port: 0, token: 'bench-token-0123456789' });
  let sent: KiosksResult;
  let rows: string[];
  let cpu = { hubNs: NaN, databaseNs: null as number | null };
  try {
    const secrets: string[] = [];
    for (let i = 0; i < KIOSKS; i += 1) secrets.push(await enrol(hub.pool, `c-${i}`));
    const port = url === undefined ? null : Number(new URL(url).port);
    const databaseBefore = port === null ? null : postgresCpuNs(port);
    const hubBefore = threadCpuNs();
    sent = await sendFromKiosks({ hubUrl: hub.url, secrets, perKiosk: PER_KIOSK });
    await hub.ingest.idle();
    const hubNs = threadCpuNs() - hubBefore;
    const databaseNs = port === null || databaseBefore === null ? null : postgresCpuSince(databaseBefore, postgresCpuNs(port));
    cpu = { hubNs, databaseNs };
    // The floor COPYs exactly the lines the hub stored.
    const stored = await hub.pool.query<{ line: string }>('SELECT line FROM records ORDER BY kiosk_id, seq');
    if (stored.rows.length !== KIOSKS * PER_KIOSK) throw new Error(`the hub holds ${stored.rows.length} records, not ${KIOSKS * PER_KIOSK}`);
    const receivedAt = new Date().toISOString();
    rows = stored.rows.map((row) => copyRow(row.line, receivedAt));
    if (store === 'server') {
      await hub.pool.query('CREATE TABLE floor_records (LIKE records INCLUDING ALL)');
      const seconds = await timed(() => copyIntoServer(hub.pool, 'floor_records', rows));
      return result(store, sent, rows.length / seconds, cpu);
    }
  } finally {
    await hub.close();
  }
  // PGlite in-process on the same files, once the hub has let go of them.
  const db = await PGlite.create({ dataDir: path.join(dataDir, EMBEDDED_DIR) });
  try {
    await db.exec('CREATE TABLE floor_records (LIKE records INCLUDING ALL)');
    const seconds = await timed(() => copyIntoPglite(db, 'floor_records', rows));
    return result(store, sent, rows.length / seconds, cpu);
  } finally {
    await db.close();
  }
}

function result(store: 'embedded' | 'server', sent: KiosksResult, floorPerSecond: number, cpu: { hubNs: number; databaseNs: number | null }): Result {
  const perRecord = (ns: number) => ns / 1000 / sent.records;
  return {
    hubUs: perRecord(cpu.hubNs), databaseUs: cpu.databaseNs === null ? null : perRecord(cpu.databaseNs), kiosksUs: perRecord(sent.cpuNs),
    store: store === 'embedded' ? 'embedded (PGlite over its socket)' : 'PostgreSQL 15 server (Debian, loopback)',
    records: sent.records, seconds: sent.seconds, p50: quantile(sent.lags, 0.5), p99: quantile(sent.lags, 0.99), floorPerSecond,
  };
}

const loadBefore = loadavg().map((load) => load.toFixed(2)).join(', ');
const results: Result[] = [];
if (STORES.includes('embedded')) {
  const embeddedDir = await makeHubDataDir();
  try {
    results.push(await run('embedded', undefined, embeddedDir));
  } finally {
    await rm(embeddedDir, { recursive: true, force: true });
  }
}
if (STORES.includes('server')) {
  const server = await startPostgres();
  const serverDir = await mkdtemp(path.join(tmpdir(), 'kokuchi-hub-bench-'));
  try {
    results.push(await run('server', await server.createDatabase('hub_bench'), serverDir));
  } finally {
    await server.stop();
    await rm(serverDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ingestSection = [
  '<!-- hub-bench:start -->',
  '## Records hub ingest (`npm run bench:hub`)',
  '',
  `- Date: ${new Date().toISOString()}; ${KIOSKS} simulated kiosks in a worker thread, each writing ${PER_KIOSK} records and sending them in seq order, one at a time, each only after the hub's 2xx for the one before (the kiosk's own \`postEvent\` and Standard Webhooks signature, HTTP keep-alive on loopback).`,
  '- Floor: a bare `COPY` of exactly the lines the hub stored into a table of the same shape (`LIKE records INCLUDING ALL`: the same columns, primary key and indexes). On the server, `COPY … FROM STDIN` over `pg` (`pg-copy-streams`); on PGlite, `COPY … FROM \'/dev/blob\'` in-process, because PGlite\'s socket server loses protocol sync on `COPY FROM STDIN`.',
  '- Delivery lag: from the moment a kiosk wrote a record to the hub\'s answer, which the hub sends only once the record\'s transaction has committed (so an upper bound on write → commit). The simulated kiosks do not fsync their own files: on site each kiosk has its own disk, not the hub\'s.',
  '',
  `- CPU per record: on-CPU time (Linux schedstat) of the hub's thread (on the embedded store PGlite runs in it too), of the PostgreSQL server's processes, and of the kiosks' worker thread, over the ingest, ÷ records; "hub records/s per core" is 1,000,000 ÷ (hub + database µs), what one core given to the hub alone would ingest. This machine: ${cpus().length} cores, load average ${loadBefore} before the run (other work shares it).`,
  '',
  '| store | records | records/s | floor (bare COPY) records/s | ÷ floor | delivery lag p50 | p99 | hub CPU µs/record | database CPU µs/record | kiosks\' CPU µs/record | hub records/s per core |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => {
    const rate = r.records / r.seconds;
    const perCore = 1e6 / (r.hubUs + (r.databaseUs ?? 0));
    return `| ${r.store} | ${r.records} | ${rate.toFixed(0)} | ${r.floorPerSecond.toFixed(0)} | ${(rate / r.floorPerSecond).toFixed(2)}× | ${ms(r.p50)} | ${ms(r.p99)} | ${r.hubUs.toFixed(0)} | ${r.databaseUs === null ? 'in the hub\'s thread' : r.databaseUs.toFixed(0)} | ${r.kiosksUs.toFixed(0)} | ${perCore.toFixed(0)} |`;
  }),
  '<!-- hub-bench:end -->',
].join('\n');
if (STORES.length > 0) console.log(ingestSection);

if (STORES.length === 2) await writeMarkedSection('hub-bench', ingestSection);
else if (STORES.length === 1) console.log('(one store only: the ingest figures in BENCHMARKS.md are left as they are)');
if (flags.million) {
  const section = await millionSection(Number(flags['million-records']), KIOSKS);
  console.log(section);
  await writeMarkedSection('hub-million', section);
}
