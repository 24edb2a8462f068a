// The simulated kiosks of `npm run bench:hub`, in a worker thread of their own so that the
// hub's thread does only the hub's work (on site each kiosk is its own machine). Each kiosk
// writes a record, then sends it as its outbox does — the kiosk's own postEvent and
// Standard Webhooks signature, one record at a time in seq order, the next only after the
// hub's 2xx — and notes how long from the write to the hub's answer (given after its commit).
import { parentPort, workerData } from 'node:worker_threads';
import { postEvent } from '../electron/core/webhooks/post-event.js';
import { signingKey, webhookSignature } from '../electron/core/webhooks/webhook-signature.js';
import { SimulatedKiosk } from '../test/support/simulated-kiosk.js';
import { threadCpuNs } from './hub-bench-cpu.js';

export interface KiosksTask {
  hubUrl: string;
  secrets: string[];
  perKiosk: number;
}

export interface KiosksResult {
  records: number;
  /** From the first write to the last answer. */
  seconds: number;
  /** Per record: ms from its write to the hub's 2xx, sorted. */
  lags: number[];
  /** CPU ns this worker thread (all the simulated kiosks) used while sending. */
  cpuNs: number;
}

const task = workerData as KiosksTask;
const target = new URL('v1/ingest', task.hubUrl);
const stopping = new AbortController();
const lags: number[] = [];

async function kiosk(index: number): Promise<void> {
  const simulated = new SimulatedKiosk(`kiosk-${index}`, `c-${index}`);
  const key = signingKey(task.secrets[index]!);
  for (let n = 0; n < task.perKiosk; n += 1) {
    const [entry] = simulated.write(1, () => Date.now());
    const written = performance.now();
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postEvent(
      target,
      { 'webhook-id': entry!.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': webhookSignature(key, entry!.id, timestamp, entry!.line) },
      entry!.line,
      { timeoutMs: 60_000, signal: stopping.signal },
    );
    if (!outcome.ok) throw new Error(`kiosk-${index} seq ${entry!.seq}: ${outcome.error} ${outcome.reply ?? ''}`);
    lags.push(performance.now() - written);
  }
}

const start = performance.now();
const cpuStart = threadCpuNs();
await Promise.all(task.secrets.map((_, index) => kiosk(index)));
const seconds = (performance.now() - start) / 1000;
const cpuNs = threadCpuNs() - cpuStart;
lags.sort((a, b) => a - b);
parentPort!.postMessage({ records: lags.length, seconds, lags, cpuNs } satisfies KiosksResult);
