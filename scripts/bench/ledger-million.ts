// The ledger at the speed of its floor (issue 12 part 2): a ledger of a million records,
// then the bare parse-and-hash loop, `kokuchi ledger verify` and `kokuchi ledger export`
// (CSV and JSONL), each the built command in a process of its own, so that its wall time,
// CPU time and peak resident set size are its alone. Rounds are interleaved and the median
// taken, so that a busy moment of the machine falls on all of them alike.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchLedger } from './ledger-fixture.js';
import { measuredRun, type MeasuredRun } from './measured-run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'kokuchi.mjs');
const FLOOR = fileURLToPath(new URL('./ledger-floor.mjs', import.meta.url));
const ROUNDS = 3;

export const VERIFY_GOAL = 1.25;
export const EXPORT_GOAL = 2;
export const MEMORY_GOAL_MIB = 150;

const MODES = ['idle', 'floor', 'verify', 'export-csv', 'export-jsonl'] as const;
type LedgerMode = (typeof MODES)[number];

/** The command each mode runs, over the bench ledger in `dataDir` (and an empty one in `emptyDir`). */
function command(mode: LedgerMode, dataDir: string, emptyDir: string): { args: string[]; discardStdout: boolean } {
  switch (mode) {
    case 'idle':
      // The built CLI with nothing to do: the part of every peak that is not the ledger's.
      return { args: [CLI, 'ledger', 'verify', '--data', emptyDir], discardStdout: false };
    case 'floor':
      return { args: [FLOOR, join(dataDir, 'ledger')], discardStdout: false };
    case 'verify':
      return { args: [CLI, 'ledger', 'verify', '--data', dataDir], discardStdout: false };
    case 'export-csv':
      return { args: [CLI, 'ledger', 'export', '--format', 'csv', '--data', dataDir], discardStdout: true };
    case 'export-jsonl':
      return { args: [CLI, 'ledger', 'export', '--format', 'jsonl', '--data', dataDir], discardStdout: true };
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface MillionResult {
  records: number;
  bytes: number;
  segments: number;
  writeMs: number;
  threads: number;
  runs: Record<LedgerMode, { seconds: number; cpuSeconds: number; peakMiB: number; stdout: string }>;
}

export async function ledgerMillion(dir: string, records = 1_000_000): Promise<MillionResult> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'kokuchi.mjs'))) throw new Error('the ledger bench runs the built CLI: run `node scripts/build.mjs` first');
  const dataDir = join(dir, 'million');
  await mkdir(join(dataDir, 'ledger'), { recursive: true });
  const emptyDir = await mkdtemp(join(dir, 'empty-'));
  await mkdir(join(emptyDir, 'ledger'));
  const start = performance.now();
  const written = await writeBenchLedger(join(dataDir, 'ledger'), records);
  const writeMs = performance.now() - start;
  const samples = new Map<LedgerMode, MeasuredRun[]>(MODES.map((mode) => [mode, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of MODES) {
      const { args, discardStdout } = command(mode, dataDir, emptyDir);
      samples.get(mode)!.push(await measuredRun(process.execPath, args, { cwd: ROOT, discardStdout }));
    }
  }
  await rm(emptyDir, { recursive: true, force: true });
  const runs = Object.fromEntries(
    MODES.map((mode) => {
      const all = samples.get(mode)!;
      const seconds = median(all.map((r) => r.seconds));
      return [mode, { seconds, cpuSeconds: median(all.map((r) => r.cpuSeconds)), peakMiB: Math.max(...all.map((r) => r.peakMiB)), stdout: all[0]!.stdout }];
    }),
  ) as MillionResult['runs'];
  const files = (await readdir(join(dataDir, 'ledger'))).filter((name) => name.endsWith('.jsonl'));
  let bytes = 0;
  for (const name of files) bytes += (await stat(join(dataDir, 'ledger', name))).size;
  if (!runs.verify.stdout.startsWith(`OK ${written} events`)) throw new Error(`bench ledger does not verify: ${runs.verify.stdout}`);
  if (!runs.floor.stdout.startsWith(`${written} records`)) throw new Error(`the floor did not read the bench ledger: ${runs.floor.stdout}`);
  return { records: written, bytes, segments: files.length, writeMs, threads: Math.min(4, availableParallelism()), runs };
}

const met = (ok: boolean): string => (ok ? 'met' : '**not met**');

/** The BENCHMARKS.md section for the million-record ledger. */
export function millionSection(result: MillionResult): string {
  const { runs } = result;
  const floor = runs.floor.seconds;
  const row = (what: string, mode: LedgerMode, goal: number | null) => {
    const r = runs[mode];
    const ratio = r.seconds / floor;
    const time = goal === null ? '—' : `${ratio.toFixed(2)}× (goal ≤ ${goal}×: ${met(ratio <= goal)})`;
    const memory = mode === 'idle' ? '—' : met(r.peakMiB <= MEMORY_GOAL_MIB);
    return `| ${what} | ${r.seconds.toFixed(2)} s | ${r.cpuSeconds.toFixed(2)} s | ${time} | ${r.peakMiB.toFixed(0)} MiB | ${memory} |`;
  };
  return `## The ledger at a million records

${result.records.toLocaleString('en')} records (${(result.bytes / 2 ** 20).toFixed(0)} MiB in ${result.segments} monthly segments), written by the
ledger's own writer (group commits, fdatasync) in ${(result.writeMs / 1000).toFixed(0)} s: sessions of 6–8 records, a few staff
names in Japanese, some reasons with quotes and commas. Each figure is the median of ${ROUNDS} interleaved runs of the
built command (\`node bin/kokuchi.mjs ledger …\`, as \`npx kokuchi\` runs it), each a process of its own under
\`/usr/bin/time\`: wall time, CPU time of all its threads, and peak RSS (the highest of the runs). Export goes to
a stdout sent to /dev/null.

The floor is the bare loop (\`scripts/bench/ledger-floor.mjs\`, plain JavaScript on one thread): read the
segments in 1 MiB pieces, split lines, \`JSON.parse\` each, SHA-256 it and compare with the next record's
\`prev\` — with the fastest primitives the ledger uses (a fatal \`TextDecoder\`, one-shot \`crypto.hash\`).
Verify and export work range by range on ${result.threads} threads here (the machine's cores, at most 4: one
worker thread per core but one, and the command's own); the CPU column shows what that costs in all. Each
thread reads its ranges synchronously (a read from the page cache is shorter than a hop to the thread pool),
and a line of the common types is checked in one pass over its text — schema, key order and canonical form
together — so verify and the JSONL export parse no JSON for it; any other line takes JSON.parse and zod.

| run | wall time | CPU time | ÷ floor | peak RSS | memory goal ≤ ${MEMORY_GOAL_MIB} MiB |
| --- | --- | --- | --- | --- | --- |
${row('the CLI with nothing to do (an empty ledger)', 'idle', null)}
${row('**floor**: split, parse, hash, chain', 'floor', null)}
${row('`ledger verify` (schema, key order, canonical form, seq run, chain, segment months, head.json, torn lines)', 'verify', VERIFY_GOAL)}
${row('`ledger export --format csv`', 'export-csv', EXPORT_GOAL)}
${row('`ledger export --format jsonl`', 'export-jsonl', EXPORT_GOAL)}

Memory is flat in the ledger's size: each thread holds one range (128 KiB of lines) at a time, and
the command at most two ranges per thread ahead of what it has written.
`;
}
