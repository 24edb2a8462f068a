// The ledger at the speed of its floor (issue 12 part 2): a ledger of a million records,
// then the bare parse-and-hash loop, `kokuchi ledger verify` and `kokuchi ledger export`
// (CSV and JSONL), each in a child process of its own, so that its wall time and its peak
// resident set size are its alone. Rounds are interleaved and the median taken, so that a
// busy moment of the machine falls on all of them alike.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LedgerMode } from './ledger-child.js';
import { writeBenchLedger } from './ledger-fixture.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./ledger-child.ts', import.meta.url));
const ROUNDS = 3;

export const VERIFY_GOAL = 1.25;
export const EXPORT_GOAL = 2;
export const MEMORY_GOAL_MIB = 150;

interface ChildRun {
  ms: number;
  maxRssMiB: number;
  output: string;
}

async function child(mode: LedgerMode, dataDir: string): Promise<ChildRun> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildRun;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface MillionResult {
  records: number;
  bytes: number;
  segments: number;
  writeMs: number;
  runs: Record<LedgerMode, { ms: number; maxRssMiB: number; output: string }>;
}

export async function ledgerMillion(dir: string, records = 1_000_000): Promise<MillionResult> {
  const dataDir = join(dir, 'million');
  await mkdir(dataDir, { recursive: true });
  const start = performance.now();
  const written = await writeBenchLedger(join(dataDir, 'ledger'), records);
  const writeMs = performance.now() - start;
  const modes: LedgerMode[] = ['idle', 'floor', 'verify', 'export-csv', 'export-jsonl'];
  const samples = new Map<LedgerMode, ChildRun[]>(modes.map((mode) => [mode, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) samples.get(mode)!.push(await child(mode, dataDir));
  }
  const runs = Object.fromEntries(
    modes.map((mode) => {
      const all = samples.get(mode)!;
      return [mode, { ms: median(all.map((r) => r.ms)), maxRssMiB: Math.max(...all.map((r) => r.maxRssMiB)), output: all[0]!.output }];
    }),
  ) as MillionResult['runs'];
  const { readdir, stat } = await import('node:fs/promises');
  const files = (await readdir(join(dataDir, 'ledger'))).filter((name) => name.endsWith('.jsonl'));
  let bytes = 0;
  for (const name of files) bytes += (await stat(join(dataDir, 'ledger', name))).size;
  for (const mode of ['verify'] as const) {
    if (!runs[mode].output.startsWith(`OK ${written} events`)) throw new Error(`bench ledger does not verify: ${runs[mode].output}`);
  }
  return { records: written, bytes, segments: files.length, writeMs, runs };
}

const met = (ok: boolean): string => (ok ? 'met' : '**not met**');

/** The BENCHMARKS.md section for the million-record ledger. */
export function millionSection(result: MillionResult): string {
  const { runs } = result;
  const floor = runs.floor.ms;
  const row = (what: string, mode: LedgerMode, goal: number | null) => {
    const r = runs[mode];
    const ratio = r.ms / floor;
    const time = goal === null ? '—' : `${ratio.toFixed(2)}× (goal ≤ ${goal}×: ${met(ratio <= goal)})`;
    const memory = mode === 'idle' ? '—' : met(r.maxRssMiB <= MEMORY_GOAL_MIB);
    return `| ${what} | ${(r.ms / 1000).toFixed(2)} s | ${time} | ${r.maxRssMiB.toFixed(0)} MiB | ${memory} |`;
  };
  return `## The ledger at a million records

${result.records.toLocaleString('en')} records (${(result.bytes / 2 ** 20).toFixed(0)} MiB in ${result.segments} monthly segments), written by the
ledger's own writer (group commits, fdatasync) in ${(result.writeMs / 1000).toFixed(0)} s: sessions of 6–8 records, a few staff
names in Japanese, some reasons with quotes and commas. Each figure is the median of ${ROUNDS} interleaved runs, each
run a child process of its own (\`scripts/bench/ledger-child.ts\`); peak memory is the child's \`maxRSS\`, the
highest of the runs. Verify and export run as \`kokuchi ledger …\` does (the CLI's command), export to a
stdout that goes to /dev/null.

The floor is the bare loop: read the segments in 1 MiB pieces, split lines, \`JSON.parse\` each, SHA-256 it and
compare with the next record's \`prev\` — with the same fastest primitives the ledger uses (a fatal
\`TextDecoder\`, one-shot \`crypto.hash\`), so it is a strict floor.

| run | wall time | ÷ floor | peak RSS | memory goal ≤ ${MEMORY_GOAL_MIB} MiB |
| --- | --- | --- | --- | --- |
${row('runtime alone (Node + TypeScript loader, no work)', 'idle', null)}
${row('**floor**: split, parse, hash, chain', 'floor', null)}
${row('`ledger verify` (schema, key order, canonical form, seq run, chain, segment months, head.json, torn lines)', 'verify', VERIFY_GOAL)}
${row('`ledger export --format csv`', 'export-csv', EXPORT_GOAL)}
${row('`ledger export --format jsonl`', 'export-jsonl', EXPORT_GOAL)}

Memory is flat in the ledger's size: verify and export hold one 1 MiB piece of one segment at a time
(and, for verify, the line before). About ${runs.idle.maxRssMiB.toFixed(0)} MiB of each peak is the runtime itself.
`;
}
