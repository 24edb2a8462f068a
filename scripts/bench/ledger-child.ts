// One measured run over a bench ledger, in a process of its own so that its wall time and
// peak resident set size are its alone: `tsx scripts/bench/ledger-child.ts MODE DIR`.
// Prints one JSON line: { ms, maxRssMiB, output }.
import { open, readdir } from 'node:fs/promises';
import * as crypto from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ledgerCommand } from '../../electron/cli/ledger-command.js';

export const LEDGER_MODES = ['idle', 'floor', 'verify', 'export-csv', 'export-jsonl'] as const;
export type LedgerMode = (typeof LEDGER_MODES)[number];

const CHUNK = 1 << 20;
// The fastest primitives Node has for each step, the same ones the ledger uses: the floor is strict.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const hash = (crypto as unknown as { hash: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/**
 * The floor: the least any verifier must do — read the segments in 1 MiB pieces, split lines,
 * JSON.parse each and check its prev against the SHA-256 of the line before. Nothing else.
 */
async function bareLoop(dir: string): Promise<string> {
  const segments = (await readdir(dir)).filter((name) => /^\d{4}-\d{2}\.jsonl$/.test(name)).sort();
  let prev = '0'.repeat(64);
  let count = 0;
  for (const segment of segments) {
    const handle = await open(join(dir, segment), 'r');
    let carry = Buffer.alloc(0);
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const data = carry.length ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        const line = data.subarray(start, end);
        const record = JSON.parse(utf8.decode(line)) as { prev: string };
        if (record.prev !== prev) throw new Error(`chain broken at record ${count + 1}`);
        prev = hash('sha256', line, 'hex');
        count += 1;
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    await handle.close();
  }
  return `${count} records, head ${prev}`;
}

async function cli(args: string[]): Promise<string> {
  // Export goes to stdout as in `kokuchi ledger export > file`, here a stdout sent to /dev/null.
  const sink = openSync('/dev/null', 'w');
  let bytes = 0;
  let said = '';
  const code = await ledgerCommand(args, {
    dataDir: '',
    retentionDays: 3650,
    stdout: (text) => {
      bytes += Buffer.byteLength(text);
      if (args[0] === 'verify') said += text;
      else writeSync(sink, text);
    },
    stderr: (text) => void (said += text),
  });
  if (code !== 0) throw new Error(`kokuchi ledger ${args.join(' ')} exited ${code}: ${said}`);
  return args[0] === 'verify' ? said.trim() : `${bytes} bytes written`;
}

async function run(mode: LedgerMode, dir: string): Promise<string> {
  switch (mode) {
    case 'idle':
      // The runtime alone (Node and the TypeScript loader): the part of every peak that is not the ledger's.
      return 'nothing';
    case 'floor':
      return bareLoop(join(dir, 'ledger'));
    case 'verify':
      return cli(['verify', '--data', dir]);
    case 'export-csv':
      return cli(['export', '--format', 'csv', '--data', dir]);
    case 'export-jsonl':
      return cli(['export', '--format', 'jsonl', '--data', dir]);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [mode, dir] = process.argv.slice(2) as [LedgerMode, string];
  if (!LEDGER_MODES.includes(mode) || !dir) throw new Error(`usage: ledger-child.ts ${LEDGER_MODES.join('|')} DATA_DIR`);
  const start = performance.now();
  const output = await run(mode, dir);
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, output })}\n`);
}
