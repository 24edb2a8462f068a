// Soak and p99 (issue 12 part 4): sessions through the real core, one after another, with a
// staff client on its staff link, a webhook receiver and the records hub (embedded store)
// taking every record. The core and its staff client run in a child process (--expose-gc)
// that reports the heap after a forced GC and the RSS before, along the way and after; the
// receiver and the hub run here and count what reached them, against the ledger.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { enrol } from '../../electron/hub/enrolments.js';
import { startHub, type RunningHub } from '../../electron/hub/records-hub.js';
import type { SoakChildInput, SoakChildReport } from './soak-child.js';

const CHILD = fileURLToPath(new URL('./soak-child.ts', import.meta.url));
export const HEAP_GOAL_MIB = 5;
/** How long the receiver and the hub may take, after the last session, to hold every record. */
const DRAIN_MS = 120_000;

/** Counts distinct verified deliveries by seq, keeping one bit per seq (its own memory stays flat). */
async function countingReceiver(secret: string, capacity: number) {
  const verifier = new Webhook(secret);
  const seen = new Uint8Array(capacity);
  const state = { distinct: 0, invalid: 0, url: '' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        verifier.verify(body, req.headers as Record<string, string>);
        const { seq } = JSON.parse(body) as { seq: number };
        if (seq < seen.length && seen[seq] === 0) {
          seen[seq] = 1;
          state.distinct += 1;
        }
        res.writeHead(204).end();
      } catch {
        state.invalid += 1;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kokuchi`;
  return { state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function hubCount(hub: RunningHub): Promise<number> {
  const result = await hub.pool.query<{ n: string }>('SELECT count(*) AS n FROM records');
  return Number(result.rows[0]!.n);
}

/**
 * What the hub's chains hold, from its memory: polled while draining, where a count(*) over the
 * store every 250 ms would take the hub's own thread (PGlite runs in it) from the ingest.
 */
function hubHeld(hub: RunningHub): number {
  let held = 0;
  for (const chain of hub.ingest.chains.values()) if (chain.lastSeq > 0) held += chain.lastSeq - chain.firstSeq + 1;
  return held;
}

export interface SoakRun {
  sessions: number;
  withHub: boolean;
  report: SoakChildReport;
  ledgerEvents: number;
  webhookDistinct: number;
  webhookInvalid: number;
  hubRecords: number | null;
  drainMs: number;
}

async function soakOnce(dir: string, sessions: number, withHub: boolean): Promise<SoakRun> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = await countingReceiver(secret, sessions * 12 + 1024);
  let hub: RunningHub | null = null;
  let hubSecret = '';
  if (withHub) {
    hub = await startHub({ dataDir: join(dir, `hub-${sessions}`), host: '127.0.0.1', port: 0, token: 'h'.repeat(43) });
    hubSecret = await enrol(hub.pool, 'soak-1');
  }
  const child = fork(CHILD, [], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const message = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: { kind: string; message?: string }) => {
        if (m.kind === 'error') reject(new Error(m.message));
        else if (m.kind === kind) resolve(m as T);
        else return;
        child.off('message', on);
      };
      child.on('message', on);
    });
  try {
    const input: SoakChildInput = {
      dataDir: join(dir, `soak-${sessions}`),
      sessions,
      webhook: { url: receiver.state.url, secret },
      hub: hub ? { url: hub.url, secret: hubSecret } : null,
    };
    const reported = message<{ report: SoakChildReport }>('report');
    child.send(input);
    const { report } = await reported;
    // Every record must reach the receiver and the hub: wait (bounded) for the deliveries to drain.
    const drainStart = performance.now();
    while (performance.now() - drainStart < DRAIN_MS) {
      if (receiver.state.distinct >= report.lastSeq && (hub === null || hubHeld(hub) >= report.lastSeq)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const drainMs = performance.now() - drainStart;
    const hubRecords = hub ? await hubCount(hub) : null;
    const closed = message<{ events: number }>('closed');
    child.send('close');
    const { events } = await closed;
    return {
      sessions, withHub, report, ledgerEvents: events, webhookDistinct: receiver.state.distinct,
      webhookInvalid: receiver.state.invalid, hubRecords, drainMs,
    };
  } finally {
    if (child.exitCode === null) child.kill();
    await receiver.close();
    await hub?.close();
  }
}

/** Tap-to-signal over 1,000 sessions always; with `full`, the 10,000- and 30,000-session soaks too. */
export async function runSoak(dir: string, full: boolean): Promise<SoakRun[]> {
  const runs = [await soakOnce(dir, 1000, true)];
  if (full) {
    runs.push(await soakOnce(dir, 10_000, true));
    runs.push(await soakOnce(dir, 30_000, true));
  }
  return runs;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const met = (ok: boolean): string => (ok ? 'met' : '**not met**');

/** Least-squares slope of RSS over the second half of the run, MiB per 10,000 sessions. */
function rssSlope(samples: SoakChildReport['samples']): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  const mx = half.reduce((s, p) => s + p.sessions, 0) / half.length;
  const my = half.reduce((s, p) => s + p.rssMiB, 0) / half.length;
  const num = half.reduce((s, p) => s + (p.sessions - mx) * (p.rssMiB - my), 0);
  const den = half.reduce((s, p) => s + (p.sessions - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 10_000;
}

export function soakSection(runs: SoakRun[], floorMs: number | null): string {
  const rows = runs.map((run) => {
    const sorted = [...run.report.latencies].sort((a, b) => a - b);
    const first = run.report.samples[0]!;
    const last = run.report.samples.at(-1)!;
    const heap = last.heapMiB - first.heapMiB;
    const slope = rssSlope(run.report.samples);
    const lost = [
      // The staff client sees what is written after it connects (the records of the kiosk's start are before).
      run.report.staffEvents === run.report.staffMaxSeq - run.report.staffMinSeq + 1 && run.report.staffMaxSeq === run.ledgerEvents
        ? null
        : `staff ${run.report.staffEvents} of seq ${run.report.staffMinSeq}–${run.ledgerEvents}`,
      run.webhookDistinct >= run.ledgerEvents ? null : `webhook ${run.webhookDistinct}`,
      run.hubRecords === null || run.hubRecords >= run.ledgerEvents ? null : `hub ${run.hubRecords}`,
    ].filter((x) => x !== null);
    return {
      run, sorted, heap, slope,
      line: `| ${run.sessions.toLocaleString('en')} | ${quantile(sorted, 0.5).toFixed(2)} ms | ${quantile(sorted, 0.99).toFixed(2)} ms | ${sorted.at(-1)!.toFixed(1)} ms | ${first.heapMiB.toFixed(1)} → ${last.heapMiB.toFixed(1)} MiB (${heap >= 0 ? '+' : ''}${heap.toFixed(1)}; ${met(heap <= HEAP_GOAL_MIB)}) | ${first.rssMiB.toFixed(0)} → ${last.rssMiB.toFixed(0)} MiB, ${run.sessions >= 10_000 ? `${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MiB per 10k sessions over the second half` : '(too short for a slope)'} | ${run.ledgerEvents} / ${run.report.staffEvents} / ${run.webhookDistinct} / ${run.hubRecords ?? '—'} (${lost.length === 0 ? 'none lost' : `**short: ${lost.join(', ')}**`}) | ${(run.report.wallMs / 1000).toFixed(0)} s + ${(run.drainMs / 1000).toFixed(0)} s |`,
    };
  });
  const rssLines = runs
    .filter((run) => run.sessions >= 10_000)
    .map((run) => `- ${run.sessions.toLocaleString('en')} sessions, RSS (MiB) every ${run.report.samples[1]?.sessions ?? 0} sessions: ${run.report.samples.map((s) => s.rssMiB.toFixed(0)).join(' ')}`);
  return `## Soak and p99 (sessions through the core)

Each session as a counter has it: the staff client starts it on the staff link, the kiosk shows
the notice, the resident taps "I understand" (the figure: from the core receiving the tap to the
staff client holding \`logging.start\`), the staff client ends it. The core, with a webhook
endpoint and the records hub (embedded store) configured, runs in a child process with
\`--expose-gc\`; heap is \`heapUsed\` after a forced GC, before the first session and after the
last. The webhook receiver (checking every signature with \`standardwebhooks\`) and the hub run in
the bench process and count distinct records; after the last session they get up to
${DRAIN_MS / 1000} s to catch up.${floorMs === null ? '' : ` Floor for tap to signal: ${floorMs.toFixed(3)} ms (one fdatasync + one loopback round trip, above).`}
Goals: heap growth ≤ ${HEAP_GOAL_MIB} MiB; RSS a plateau, not a slope; no event lost.

The staff client counts what is written after it connects (every seq from its first to the ledger's last).

| sessions | tap to signal p50 | p99 | max | heap after GC | RSS | events: ledger / staff / webhook / hub | sessions + drain |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((row) => row.line).join('\n')}

${rssLines.join('\n')}
`;
}
