// `npm run bench`: the speed goals, measured against this machine's own floors in the
// same run (fdatasync of one small write, a loopback WebSocket round trip), written to
// BENCHMARKS.md as ratios so that figures from different machines can be compared.
import { execSync } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { ConsentLedger } from '../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../electron/core/ledger/verify-ledger.js';
import { startKiosk } from '../electron/core/start-kiosk.js';
import type { KioskView } from '../electron/shared/kiosk-api.js';
import { benchmarksFile, writeMarkedSection } from './bench/benchmarks-file.js';
import { ledgerMillion, millionSection } from './bench/ledger-million.js';
import { soakSection, runSoak } from './bench/soak.js';
import { firstPaintSection, measureFirstPaint } from './bench/first-paint.js';
import { measureTapLatency, tapLatencySection } from './bench/tap-latency.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'b'.repeat(43);

interface Stats {
  median: number;
  p95: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

async function fdatasyncFloor(dir: string, n = 200): Promise<Stats> {
  const file = await open(join(dir, 'floor.bin'), 'a');
  const line = Buffer.from(`${'x'.repeat(300)}\n`);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await file.write(line);
    await file.datasync();
    samples.push(performance.now() - start);
  }
  await file.close();
  return stats(samples);
}

async function loopbackRoundTrip(n = 500): Promise<Stats> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve) => ws.once('open', resolve));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    ws.send('{"type":"ping","id":1}');
    await new Promise((resolve) => ws.once('message', resolve));
    samples.push(performance.now() - start);
  }
  ws.close();
  await new Promise((resolve) => server.close(resolve));
  return stats(samples);
}

async function ledgerAppend(dir: string, n = 200): Promise<{ single: Stats; burst: { records: number; ms: number } }> {
  const ledger = await ConsentLedger.open({ dir: join(dir, 'ledger-bench'), kioskId: 'bench', counterId: 'bench' });
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await ledger.append('session.ended', `s${i}`, { reason: 'staff' });
    samples.push(performance.now() - start);
  }
  const records = 2000;
  const start = performance.now();
  await Promise.all(Array.from({ length: records }, (_, i) => ledger.append('session.ended', `b${i}`, { reason: 'staff' })));
  const ms = performance.now() - start;
  await ledger.close();
  return { single: stats(samples), burst: { records, ms } };
}

/** From the core receiving the resident's tap to a staff client holding `logging.start`. */
async function tapToSignal(dir: string, n = 60): Promise<{ latency: Stats; startupMs: number }> {
  const settings = new Map<string, unknown>();
  const startupStart = performance.now();
  const core = await startKiosk({
    dataDir: join(dir, 'kiosk'),
    settings: { get: (k) => settings.get(k), set: (k, v) => void settings.set(k, v) },
    version: 'bench',
    localesDir: join(ROOT, 'locales'),
    overrides: { host: '127.0.0.1', port: 0, token: TOKEN },
  });
  const startupMs = performance.now() - startupStart;
  let view: KioskView = await core.call('getView', {});
  core.onView((next) => (view = next));
  const ws = new WebSocket(`${core.staffLinkUrl.replace('http', 'ws')}v1/staff`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const frames: Array<{ type: string; id?: unknown; sessionId?: string; event?: { type: string; sessionId: string } }> = [];
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    wake?.();
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const waitFor = async <T>(find: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    ws.send(JSON.stringify({ type: 'session.start', id: i }));
    const result = await waitFor(() => frames.find((f) => f.type === 'result' && f.id === i));
    const sessionId = (result as { sessionId: string }).sessionId;
    const version = view.session?.notice.version as string;
    await core.call('noticeShown', { sessionId, noticeVersion: version });
    const start = performance.now();
    void core.call('answer', { sessionId, answer: 'acknowledged' });
    await waitFor(() => frames.find((f) => f.type === 'event' && f.event?.type === 'logging.start' && f.event.sessionId === sessionId));
    samples.push(performance.now() - start);
    await core.call('getView', {});
    ws.send(JSON.stringify({ type: 'session.end', id: `end${i}`, sessionId }));
    await waitFor(() => frames.find((f) => f.type === 'event' && f.event?.type === 'session.ended' && f.event.sessionId === sessionId));
  }
  ws.close();
  await core.close();
  return { latency: stats(samples), startupMs };
}

async function verifySpeed(dir: string): Promise<{ events: number; ms: number }> {
  const start = performance.now();
  const result = await verifyLedger(join(dir, 'ledger-bench'));
  if (!result.ok) throw new Error(`bench ledger does not verify: ${result.problem}`);
  return { events: result.events, ms: performance.now() - start };
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let fs = 'unknown';
  try {
    fs = execSync(`df -T ${JSON.stringify(tmpdir())} | tail -1`, { encoding: 'utf8' }).trim().split(/\s+/)[1] ?? fs;
  } catch {
    // df is only for the report
  }
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}, temp file system ${fs}`;
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}×`;

const dir = await mkdtemp(join(tmpdir(), 'kokuchi-bench-'));
try {
  const sync = await fdatasyncFloor(dir);
  const rtt = await loopbackRoundTrip();
  const append = await ledgerAppend(dir);
  const signal = await tapToSignal(dir);
  const verify = await verifySpeed(dir);
  const rss = process.memoryUsage().rss / 2 ** 20;
  const million = millionSection(await ledgerMillion(dir));
  // Tap to signal over 1,000 sessions always; the 10,000- and 30,000-session soaks take many
  // minutes: `npm run bench -- --soak` runs them, and without it the last soak's figures are kept.
  const full = process.argv.includes('--soak');
  const soak = soakSection(await runSoak(dir, full), sync.median + rtt.median);
  const report = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts). Absolute times vary between machines;
the ratios compare each figure with this machine's own floor measured in the same run.

- Date: ${new Date().toISOString()}
- Machine: ${machine()}

## Floors

| floor | median | p95 | n |
| --- | --- | --- | --- |
| \`write\` + \`fdatasync\` of one 300-byte line | ${ms(sync.median)} | ${ms(sync.p95)} | ${sync.n} |
| loopback WebSocket round trip (ws) | ${ms(rtt.median)} | ${ms(rtt.p95)} | ${rtt.n} |

## Results

| what | median | p95 | median ÷ floor |
| --- | --- | --- | --- |
| ledger append, one at a time (write + fdatasync + hash chain) | ${ms(append.single.median)} | ${ms(append.single.p95)} | ${ratio(append.single.median, sync.median)} fdatasync |
| **tap to signal**: core receives "I understand" → staff client holds \`logging.start\` (both events durable) | ${ms(signal.latency.median)} | ${ms(signal.latency.p95)} | ${ratio(signal.latency.median, sync.median + rtt.median)} of its floor (1 fdatasync + 1 round trip) |

| what | figure | per floor |
| --- | --- | --- |
| ledger burst: ${append.burst.records} appends queued together (group commit) | ${ms(append.burst.ms)} in all, ${(append.burst.records / (append.burst.ms / 1000)).toFixed(0)} records/s | ${ratio(append.burst.ms, sync.median * append.burst.records)} of one fdatasync per record |
| \`ledger verify\` over the bench ledger | ${verify.events} events in ${ms(verify.ms)} | — |
| core start-up (config, locales, ledger open, staff link listening) | ${ms(signal.startupMs)} | — |
| resident set size of the bench process at the end | ${rss.toFixed(0)} MiB | — |

The tap-to-signal floor is one fdatasync — the acknowledgement and \`logging.start\`
are written together, in one write and one fdatasync, before the staff app sees either —
plus one loopback hop. What is above it is the core's own work: validation, the
session machine, two records built and hashed, the view pushed to the page, JSON.

${million}`;
  const file = join(ROOT, 'BENCHMARKS.md');
  const written = await benchmarksFile(file, report, soak, full);
  await writeFile(file, written);
  process.stdout.write(written);
  // Finger to staff through Chromium, beside its minimal page (scripts/bench/tap-latency.ts): its own section.
  const tap = tapLatencySection(await measureTapLatency());
  await writeMarkedSection('tap-latency', tap);
  process.stdout.write(`\n${tap}\n`);
  // Its own section (scripts/bench/first-paint.ts), after the report above is written.
  const paint = firstPaintSection(await measureFirstPaint());
  await writeMarkedSection('first-paint', paint);
  process.stdout.write(`\n${paint}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
