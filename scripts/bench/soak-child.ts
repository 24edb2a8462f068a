// One soak run in a process of its own (started by soak.ts with --expose-gc and an IPC
// channel): the real core with a staff client on its staff link, webhooks to the parent's
// receiver and the hub, N sessions one after another. Reports tap-to-signal latencies, the
// heap after a forced GC and the RSS before, along the way and after, and what the staff
// client received; then keeps the core up (delivering) until the parent says stop.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startKiosk } from '../../electron/core/start-kiosk.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import type { KioskView } from '../../electron/shared/kiosk-api.js';
import { writeFile } from 'node:fs/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'b'.repeat(43);

export interface SoakChildInput {
  dataDir: string;
  sessions: number;
  webhook: { url: string; secret: string } | null;
  hub: { url: string; secret: string } | null;
}

export interface MemorySample {
  sessions: number;
  heapMiB: number;
  rssMiB: number;
}

export interface SoakChildReport {
  latencies: number[];
  samples: MemorySample[];
  lastSeq: number;
  /** Distinct seqs the staff client received as events, and the highest. */
  staffEvents: number;
  staffMinSeq: number;
  staffMaxSeq: number;
  wallMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function memory(sessions: number): MemorySample {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { sessions, heapMiB: usage.heapUsed / 2 ** 20, rssMiB: usage.rss / 2 ** 20 };
}

async function soak(input: SoakChildInput): Promise<{ report: SoakChildReport; close: () => Promise<number> }> {
  await mkdir(input.dataDir, { recursive: true });
  const config = {
    counterId: 'soak-1',
    webhooks: input.webhook ? [input.webhook] : [],
    ...(input.hub && { hub: input.hub }),
  };
  const configPath = join(input.dataDir, 'kokuchi.config.json');
  await writeFile(configPath, JSON.stringify(config));
  const settings = new Map<string, unknown>();
  const core = await startKiosk({
    dataDir: input.dataDir,
    configPath,
    settings: { get: (k) => settings.get(k), set: (k, v) => void settings.set(k, v) },
    version: 'bench',
    localesDir: join(ROOT, 'locales'),
    overrides: { host: '127.0.0.1', port: 0, token: TOKEN },
  });
  let view: KioskView = await core.call('getView', {});
  core.onView((next) => (view = next));
  const ws = new WebSocket(`${core.staffLinkUrl.replace('http', 'ws')}v1/staff`, { headers: { authorization: `Bearer ${TOKEN}` } });
  // The client keeps nothing per event but one bit per seq, so its own memory does not grow with the soak.
  const seen = new Uint8Array(input.sessions * 12 + 1024);
  let staffEvents = 0;
  let staffMaxSeq = 0;
  let staffMinSeq = Number.POSITIVE_INFINITY;
  type Frame = { type: string; id?: unknown; sessionId?: string; event?: { type: string; sessionId: string; seq: number } };
  let waiting: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void } | null = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.type === 'event' && frame.event) {
      const { seq } = frame.event;
      if (seq < seen.length && seen[seq] === 0) {
        seen[seq] = 1;
        staffEvents += 1;
      }
      staffMaxSeq = Math.max(staffMaxSeq, seq);
      staffMinSeq = Math.min(staffMinSeq, seq);
    }
    if (waiting?.match(frame)) {
      const { resolve } = waiting;
      waiting = null;
      resolve(frame);
    }
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const next = (match: (frame: Frame) => boolean) => new Promise<Frame>((resolve) => (waiting = { match, resolve }));
  const latencies = new Float64Array(input.sessions);
  const samples: MemorySample[] = [memory(0)];
  const every = Math.max(1, Math.floor(input.sessions / 20));
  const start = performance.now();
  for (let i = 0; i < input.sessions; i++) {
    const started = next((f) => f.type === 'result' && f.id === i);
    ws.send(JSON.stringify({ type: 'session.start', id: i }));
    const { sessionId } = (await started) as { sessionId: string };
    const version = view.session?.notice.version as string;
    await core.call('noticeShown', { sessionId, noticeVersion: version });
    const signal = next((f) => f.type === 'event' && f.event?.type === 'logging.start' && f.event.sessionId === sessionId);
    const tap = performance.now();
    void core.call('answer', { sessionId, answer: 'acknowledged' });
    await signal;
    latencies[i] = performance.now() - tap;
    const ended = next((f) => f.type === 'event' && f.event?.type === 'session.ended' && f.event.sessionId === sessionId);
    ws.send(JSON.stringify({ type: 'session.end', id: `end${i}`, sessionId }));
    await ended;
    if ((i + 1) % every === 0) samples.push(memory(i + 1));
  }
  const wallMs = performance.now() - start;
  const lastSeq = staffMaxSeq;
  return {
    report: { latencies: [...latencies], samples, lastSeq, staffEvents, staffMinSeq, staffMaxSeq, wallMs },
    close: async () => {
      ws.close();
      await core.close();
      const verified = await verifyLedger(join(input.dataDir, 'ledger'));
      if (!verified.ok) throw new Error(`soak ledger does not verify: ${verified.problem}`);
      return verified.events;
    },
  };
}

if (process.send) {
  process.once('message', (input: SoakChildInput) => {
    void (async () => {
      const { report, close } = await soak(input);
      process.send!({ kind: 'report', report });
      process.once('message', () => {
        void close().then((events) => {
          process.send!({ kind: 'closed', events }, () => process.exit(0));
        });
      });
    })().catch((error: unknown) => {
      process.send!({ kind: 'error', message: error instanceof Error ? error.stack : String(error) }, () => process.exit(1));
    });
  });
}
