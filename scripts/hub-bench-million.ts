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

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Measured {
  seconds: number;
  peakMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time: wall seconds and max RSS. */
async function measured(command: string, args: string[]): Promise<Measured> {
  const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], { maxBuffer: 64 * 1024 * 1024, cwd: ROOT })
    .catch((error: { stdout: string; stderr: string; code: number }) => {
      // hub verify exits 1 on a problem: the bench expects none, so say what it found.
      throw new Error(`${command} ${args.join(' ')} exited ${error.code}: ${error.stdout.slice(0, 500)} ${error.stderr.slice(-500)}`);
    });
  const line = stderr.split('\n').find((text) => text.startsWith('TIME '));
  if (!line) throw new Error(`no /usr/bin/time figures for ${command}: ${stderr.slice(-300)}`);
  const [, seconds, kb] = line.split(' ');
  return { seconds: Number(seconds), peakMb: Number(kb) / 1024, stdout, stderr };
}

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
    const bare = await measured(process.execPath, [path.join(ROOT, 'scripts', 'hub-bench-bare-loop.mjs'), url]);
    if (bare.stdout.trim() !== `${records} 0`) throw new Error(`the bare loop read ${bare.stdout.trim()}, expected ${records} records and 0 breaks`);
    const verify = await measured(process.execPath, [cli, 'hub', 'verify', '--database', url]);
    if (!verify.stdout.startsWith(`OK ${kiosks} kiosks, ${records} events`)) throw new Error(`hub verify said ${verify.stdout.slice(0, 300)} / ${verify.stderr.slice(-300)}`);
    const out = path.join(work, 'export.jsonl');
    const exported = await measured(process.execPath, [cli, 'hub', 'export', '--format', 'jsonl', '--out', out, '--database', url]);
    const lines = Number((await run('wc', ['-l', out])).stdout.trim().split(' ')[0]);
    if (lines !== records) throw new Error(`hub export wrote ${lines} lines, not ${records}`);
    const row = (name: string, m: Measured, goal: string) =>
      `| ${name} | ${m.seconds.toFixed(1)} s | ${(records / m.seconds).toFixed(0)} | ${m.peakMb.toFixed(0)} MB | ${(m.seconds / bare.seconds).toFixed(2)}× | ${goal} |`;
    return [
      '<!-- hub-million:start -->',
      '## Records hub verify and export over 1,000,000 records (`npm run bench:hub -- --million`)',
      '',
      `- Date: ${new Date().toISOString()}; ${records} records of ${kiosks} kiosks (real chained ledger lines) on the PostgreSQL 15 server, loaded with \`COPY\` in ${loadSeconds.toFixed(0)} s.`,
      '- Each command is the built CLI in a process of its own; peak memory is its max RSS (`/usr/bin/time`). The bare loop reads the same records the same way (kiosk by kiosk, seq order, 5000 a page), parses each line\'s JSON and checks the SHA-256 chain, nothing else.',
      '',
      '| run | time | records/s | peak memory | ÷ bare loop | goal |',
      '| --- | --- | --- | --- | --- | --- |',
      `| bare loop (read, JSON.parse, SHA-256 chain) | ${bare.seconds.toFixed(1)} s | ${(records / bare.seconds).toFixed(0)} | ${bare.peakMb.toFixed(0)} MB | 1.00× | |`,
      row('`kokuchi hub verify`', verify, '≤ 1.25×, ≤ 150 MB'),
      row('`kokuchi hub export --format jsonl`', exported, '≤ 2×, ≤ 150 MB'),
      '<!-- hub-million:end -->',
    ].join('\n');
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}
