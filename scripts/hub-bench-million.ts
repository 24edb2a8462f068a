// `npm run bench:hub -- --million`: `hub verify` and `hub export` (the built CLI, each in a
// process of its own) over a million stored records on a PostgreSQL server, with their time
// and peak memory (max RSS from /usr/bin/time), against a bare loop over the same records
// that only reads them, parses the JSON and checks the SHA-256 chain. The records are real
// chained ledger lines of 100 kiosks, loaded with COPY.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openHubDatabase } from '../electron/hub/hub-database.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { SimulatedKiosk } from '../test/support/simulated-kiosk.js';
import { copyIntoServer, copyRow } from './hub-bench-copy.js';
import { measuredRun, type MeasuredRun } from './bench/measured-run.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function* fleetRows(records: number, kiosks: number): Generator<string> {
  const perKiosk = Math.ceil(records / kiosks);
  const receivedAt = new Date().toISOString();
  for (let k = 0; k < kiosks; k += 1) {
    const kiosk = new SimulatedKiosk(`kiosk-${String(k).padStart(3, '0')}`, `c-${k}`);
    for (const entry of kiosk.write(Math.min(perKiosk, records - k * perKiosk))) yield copyRow(entry.line, receivedAt);
  }
}

export async function millionSection(records: number, kiosks: number): Promise<string> {
  const cli = path.join(ROOT, 'bin', 'kokuchi.mjs');
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'kokuchi.mjs'))) throw new Error('--million runs the built CLI: run `node scripts/build.mjs` first');
  const server = await startPostgres();
  const work = await mkdtemp(path.join(tmpdir(), 'kokuchi-hub-million-'));
  try {
    const url = await server.createDatabase('hub_million');
    const db = await openHubDatabase({ url, dataDir: work });
    const loadStart = performance.now();
    try {
      const perKiosk = Math.ceil(records / kiosks);
      await db.pool.query(
        `INSERT INTO kiosks (kiosk_id, counter_id) SELECT 'kiosk-' || lpad(k::text, 3, '0'), 'c-' || k FROM generate_series(0, $1 - 1) AS k
          WHERE k * $2 < $3`,
        [kiosks, perKiosk, records],
      );
      await copyIntoServer(db.pool, 'records', fleetRows(records, kiosks));
      await db.pool.query('VACUUM ANALYZE records');
    } finally {
      await db.close();
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const bare = await measuredRun(process.execPath, [path.join(ROOT, 'scripts', 'hub-bench-bare-loop.mjs'), url], { cwd: ROOT });
    if (bare.stdout.trim() !== `${records} 0`) throw new Error(`the bare loop read ${bare.stdout.trim()}, expected ${records} records and 0 breaks`);
    const verify = await measuredRun(process.execPath, [cli, 'hub', 'verify', '--database', url], { cwd: ROOT });
    if (!verify.stdout.startsWith(`OK ${kiosks} kiosks, ${records} events`)) throw new Error(`hub verify said ${verify.stdout.slice(0, 300)} / ${verify.stderr.slice(-300)}`);
    const out = path.join(work, 'export.jsonl');
    const exported = await measuredRun(process.execPath, [cli, 'hub', 'export', '--format', 'jsonl', '--out', out, '--database', url], { cwd: ROOT });
    const lines = Number((await run('wc', ['-l', out])).stdout.trim().split(' ')[0]);
    if (lines !== records) throw new Error(`hub export wrote ${lines} lines, not ${records}`);
    const row = (name: string, m: MeasuredRun, goal: string) =>
      `| ${name} | ${m.seconds.toFixed(1)} s | ${(records / m.seconds).toFixed(0)} | ${m.peakMiB.toFixed(0)} MiB | ${(m.seconds / bare.seconds).toFixed(2)}× | ${goal} |`;
    return [
      '<!-- hub-million:start -->',
      '## Records hub verify and export over 1,000,000 records (`npm run bench:hub -- --million`)',
      '',
      `- Date: ${new Date().toISOString()}; ${records} records of ${kiosks} kiosks (real chained ledger lines) on the PostgreSQL 15 server, loaded with \`COPY\` in ${loadSeconds.toFixed(0)} s.`,
      '- Each command is the built CLI in a process of its own; peak memory is its max RSS (`/usr/bin/time`). The bare loop reads the same records the same way (kiosk by kiosk, seq order, 5000 a page), parses each line\'s JSON and checks the SHA-256 chain, nothing else.',
      '',
      '| run | time | records/s | peak memory | ÷ bare loop | goal |',
      '| --- | --- | --- | --- | --- | --- |',
      `| bare loop (read, JSON.parse, SHA-256 chain) | ${bare.seconds.toFixed(1)} s | ${(records / bare.seconds).toFixed(0)} | ${bare.peakMiB.toFixed(0)} MiB | 1.00× | |`,
      row('`kokuchi hub verify`', verify, '≤ 1.25×, ≤ 150 MB'),
      row('`kokuchi hub export --format jsonl`', exported, '≤ 2×, ≤ 150 MB'),
      '<!-- hub-million:end -->',
    ].join('\n');
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}
