// `npm run bench:hub`: the records hub's ingest from 100 simulated kiosks (each sending in
// seq order, one at a time, as the outbox does) on the embedded store and on a PostgreSQL
// server, against the same records written by one bare batched INSERT as the floor; the
// delivery lag is from each record's ts to the hub's answer. Written into BENCHMARKS.md.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { enrol } from '../electron/hub/enrolments.js';
import { startHub, type RunningHub } from '../electron/hub/records-hub.js';
import { makeHubDataDir } from '../test/support/hub-store.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { SimulatedKiosk, deliver } from '../test/support/simulated-kiosk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KIOSKS = 100;
const PER_KIOSK = Number(process.env.HUB_BENCH_RECORDS ?? 50);

interface Result {
  store: string;
  records: number;
  seconds: number;
  p50: number;
  p99: number;
  floorPerSecond: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function floor(hub: RunningHub, kiosks: SimulatedKiosk[]): Promise<number> {
  // The same lines into a table of the same shape, 1000 to an INSERT: what the database alone can do.
  await hub.pool.query('CREATE TEMP TABLE floor_records (LIKE records INCLUDING DEFAULTS)');
  const lines = kiosks.flatMap((kiosk) => kiosk.lines.map((entry) => ({ kiosk: kiosk.kioskId, ...entry })));
  const start = performance.now();
  for (let i = 0; i < lines.length; i += 1000) {
    const batch = lines.slice(i, i + 1000);
    await hub.pool.query(
      `INSERT INTO floor_records (kiosk_id, seq, id, ts, type, counter_id, prev, hash, line)
       SELECT k, s, i, now(), 't', 'c', repeat('0', 64), repeat('0', 64), l FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS t(k, s, i, l)`,
      [batch.map((b) => b.kiosk), batch.map((b) => b.seq), batch.map((b) => b.id), batch.map((b) => b.line)],
    );
  }
  return lines.length / ((performance.now() - start) / 1000);
}

async function run(store: string, url: string | undefined, dataDir: string): Promise<Result> {
  const hub = await startHub({ url, dataDir, host: '127.0.0.1', port: 0, token: 'bench-token-0123456789' });
  try {
    const kiosks = Array.from({ length: KIOSKS }, (_, i) => new SimulatedKiosk(`kiosk-${i}`, `c-${i}`));
    const secrets: string[] = [];
    for (const kiosk of kiosks) secrets.push(await enrol(hub.pool, kiosk.counterId));
    const lags: number[] = [];
    const start = performance.now();
    await Promise.all(kiosks.map(async (kiosk, i) => {
      for (let n = 0; n < PER_KIOSK; n += 1) {
        const [entry] = kiosk.write(1, () => Date.now());
        const answer = await deliver(hub.url, secrets[i]!, entry!);
        if (answer.status !== 200) throw new Error(`${kiosk.kioskId} seq ${entry!.seq}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        lags.push(Date.now() - Date.parse(JSON.parse(entry!.line).ts));
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    lags.sort((a, b) => a - b);
    return { store, records: KIOSKS * PER_KIOSK, seconds, p50: quantile(lags, 0.5), p99: quantile(lags, 0.99), floorPerSecond: await floor(hub, kiosks) };
  } finally {
    await hub.close();
  }
}

const results: Result[] = [];
const embeddedDir = await makeHubDataDir();
results.push(await run('embedded (PGlite over its socket)', undefined, embeddedDir));
await rm(embeddedDir, { recursive: true, force: true });
const server = await startPostgres();
const serverDir = await mkdtemp(path.join(tmpdir(), 'kokuchi-hub-bench-'));
try {
  results.push(await run('PostgreSQL 15 server (Debian, loopback)', await server.createDatabase('hub_bench'), serverDir));
} finally {
  await server.stop();
  await rm(serverDir, { recursive: true, force: true });
}

const section = [
  '<!-- hub-bench:start -->',
  '## Records hub ingest (`npm run bench:hub`)',
  '',
  `- Date: ${new Date().toISOString()}; ${KIOSKS} simulated kiosks, each sending ${PER_KIOSK} records in seq order, one at a time, signed (HTTP on loopback, the senders in the same process).`,
  '- Floor: the same lines inserted by one bare batched `INSERT … SELECT FROM unnest` (1000 rows each) into a table of the same shape (`pg-copy-streams` for a real `COPY` is not installed).',
  '',
  '| store | records | records/s | floor records/s | ÷ floor | delivery lag p50 | p99 |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => {
    const rate = r.records / r.seconds;
    return `| ${r.store} | ${r.records} | ${rate.toFixed(0)} | ${r.floorPerSecond.toFixed(0)} | ${(rate / r.floorPerSecond).toFixed(2)}× | ${r.p50} ms | ${r.p99} ms |`;
  }),
  '<!-- hub-bench:end -->',
].join('\n');
const file = path.join(ROOT, 'BENCHMARKS.md');
const current = await readFile(file, 'utf8');
const marked = /<!-- hub-bench:start -->[\s\S]*<!-- hub-bench:end -->/;
await writeFile(file, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
console.log(section);
