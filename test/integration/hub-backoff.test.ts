// A hub that refuses a record (409 diverged or gap) is asked again on a slow schedule that
// grows to minutes, never in a loop; the refusal, its seq and since when stay on /v1/status
// and /metrics; the counter and the webhooks go on; and once an operator has resolved it at
// the hub, the kiosk's next attempt drains the backlog by itself. Time is a stepped clock.
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { registerHubMetrics } from '../../electron/core/metrics/hub-metrics.js';
import { WebhookOutbox } from '../../electron/core/webhooks/webhook-outbox.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ManualClock } from '../support/manual-clock.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function session(ledger: ConsentLedger, sessionId: string): Promise<void> {
  await ledger.append('session.started', sessionId, { by: 'staff', staffName: 'Sato', recording: 'audio' });
  await ledger.append('logging.start', sessionId, { by: 'staff-override', reason: 'explained', recording: 'audio' });
  await ledger.append('session.ended', sessionId, { reason: 'staff' });
}

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

async function setUp(refusal: { code: string; message: string }) {
  const dataDir = await makeDataDir();
  const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'kiosk-backoff', counterId: 'c-1' });
  const hub = await WebhookReceiver.listen();
  hub.mode = 'refuse';
  hub.refusal = { status: 409, body: JSON.stringify(refusal) };
  const hook = await WebhookReceiver.listen();
  cleanups.push(() => removeDataDir(dataDir), () => ledger.close(), () => hub.down(), () => hook.down());
  // The contract's schedule (only the answer timeout shortened): the clock makes minutes instant.
  const openOutbox = async (clock: ManualClock) => {
    const outbox = await WebhookOutbox.open({
      dataDir,
      endpoints: [{ url: hook.url(), secret: TEST_SECRET }],
      hub: { url: hub.url(''), secret: TEST_SECRET },
      ledger,
      timing: { timeoutMs: 2_000 },
      clock,
    });
    cleanups.push(() => outbox.stop());
    return outbox;
  };
  const clock = new ManualClock();
  const outbox = await openOutbox(clock);
  const registry = new Registry();
  registerHubMetrics(registry, () => outbox.hubStatus());
  return { ledger, hub, hook, clock, outbox, openOutbox, metrics: () => registry.metrics() };
}

describe('a hub that refuses a record', () => {
  it('is asked again after 15 s, then ever longer up to 10 min, shows diverged for seq 1 since its first answer, and drains once it accepts', async () => {
    const { ledger, hub, hook, clock, outbox, metrics } = await setUp({ code: 'diverged', message: 'seq 1 differs from the stored line' });
    outbox.start();
    const refusedAt = clock.now();
    await session(ledger, 'refused');
    await hub.waitFor(() => hub.arrivals.length === 1 && clock.sleeping === 1, 'the first refusal');
    expect(outbox.hubStatus()).toMatchObject({
      backlog: 3,
      refusal: 'diverged',
      refusedSeq: 1,
      refusedSince: new Date(refusedAt).toISOString(),
      nextAttemptAt: new Date(clock.now() + clock.waits[0]!).toISOString(),
    });
    expect(outbox.hubStatus()?.problem).toMatch(/^the hub refused seq 1 \(diverged, HTTP 409: diverged — seq 1 differs from the stored line\); the hub holds a different record for this seq; an operator must compare the two at the hub/);

    const steps: number[] = [];
    for (let attempt = 2; attempt <= 9; attempt += 1) {
      steps.push(clock.toNextWait());
      // One attempt per wait, and the next wait begins: no attempt without the clock moving.
      await hub.waitFor(() => hub.arrivals.length === attempt && clock.sleeping === 1, `attempt ${attempt}`);
      if (attempt === 4) {
        // Meanwhile the counter writes and the webhook takes everything.
        await session(ledger, 'while-refused');
        await hook.waitFor(() => hook.accepted().length === 6 && outbox.status()[0]?.backlog === 0, 'the webhook to take all six');
        expect(ledger.lastSeq).toBe(6);
        expect(outbox.status()[0]).toMatchObject({ backlog: 0, lastError: null });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hub.arrivals).toHaveLength(9);
    expect(new Set(hub.arrivals.map((d) => d.seq))).toEqual(new Set([1]));
    // Each wait is half to all of 15 s doubled per refusal, capped at 10 min.
    const ceilings = [15, 30, 60, 120, 240, 480, 600, 600].map((s) => s * 1000);
    steps.forEach((step, i) => {
      expect(step).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(step).toBeLessThanOrEqual(ceilings[i]!);
    });
    for (let i = 1; i < 6; i += 1) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]!);

    // Still shown after minutes of refusals, with the time of the first one.
    const text = await metrics();
    expect(text).toContain('kokuchi_hub_refusing{reason="diverged"} 1');
    expect(sample(text, 'kokuchi_hub_refused_seq')).toBe(1);
    expect(sample(text, 'kokuchi_hub_refused_since_timestamp_seconds')).toBe(refusedAt / 1000);
    expect(sample(text, 'kokuchi_hub_backlog')).toBe(6);
    expect(outbox.hubStatus()).toMatchObject({ refusal: 'diverged', refusedSeq: 1, refusedSince: new Date(refusedAt).toISOString(), failures: 9 });

    // An operator resolves it at the hub; nobody touches the kiosk.
    hub.mode = 'ok';
    clock.toNextWait();
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0, 'the backlog to drain');
    expect(hub.accepted().map((d) => d.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(outbox.hubStatus()).toMatchObject({ problem: null, refusal: null, refusedSeq: null, refusedSince: null, nextAttemptAt: null });
    const after = await metrics();
    expect(after).toContain('kokuchi_hub_refusing{reason="diverged"} 0');
    expect(sample(after, 'kokuchi_hub_refused_seq')).toBe(0);
    expect(sample(after, 'kokuchi_hub_refused_since_timestamp_seconds')).toBe(0);
  });

  it('still says since when after a kiosk restart, and asks the restarted kiosk\'s first time at once', async () => {
    const { ledger, hub, clock, outbox, openOutbox } = await setUp({ code: 'diverged', message: 'seq 1 differs' });
    outbox.start();
    const refusedAt = clock.now();
    await session(ledger, 'refused');
    await hub.waitFor(() => hub.arrivals.length === 1 && clock.sleeping === 1, 'the first refusal');
    clock.toNextWait();
    await hub.waitFor(() => hub.arrivals.length === 2 && clock.sleeping === 1, 'the second refusal');
    await outbox.stop();

    const later = new ManualClock(refusedAt + 3 * 3_600_000);
    const restarted = await openOutbox(later);
    restarted.start();
    // The first attempt of the new run goes out without waiting, and is refused again.
    await hub.waitFor(() => hub.arrivals.length === 3 && later.sleeping === 1, 'the refusal after the restart');
    expect(restarted.hubStatus()).toMatchObject({ refusal: 'diverged', refusedSeq: 1, refusedSince: new Date(refusedAt).toISOString(), backlog: 3 });

    hub.mode = 'ok';
    later.toNextWait();
    await hub.waitFor(() => restarted.hubStatus()?.backlog === 0, 'the backlog to drain');
    await restarted.stop();
    // Taken: the next run has no refusal to remember.
    const next = await openOutbox(new ManualClock());
    expect(next.hubStatus()).toMatchObject({ refusal: null, refusedSince: null, lastDeliveredSeq: 3 });
  });

  it('shows a gap with its seq, keeps the first refusal\'s time while the hub is briefly unreachable, and retries that outage on the quick schedule', async () => {
    const { ledger, hub, clock, outbox } = await setUp({ code: 'gap', message: 'seq 1 does not follow seq 0' });
    outbox.start();
    const refusedAt = clock.now();
    await session(ledger, 'gap');
    await hub.waitFor(() => hub.arrivals.length === 1 && clock.sleeping === 1, 'the gap refusal');
    expect(outbox.hubStatus()).toMatchObject({ refusal: 'gap', refusedSeq: 1, refusedSince: new Date(refusedAt).toISOString() });
    expect(outbox.hubStatus()?.problem).toMatch(/refused seq 1 \(gap, HTTP 409/);

    hub.mode = 'fail';
    clock.toNextWait();
    await hub.waitFor(() => hub.arrivals.length === 2 && clock.sleeping === 1, 'a failed attempt');
    // A 500 is not a refusal: shown as not taken, and asked again within a second or so.
    expect(outbox.hubStatus()).toMatchObject({ refusal: null, refusedSeq: null, refusedSince: null });
    expect(clock.waits.at(-1)).toBeLessThanOrEqual(1_000);

    hub.mode = 'refuse';
    clock.toNextWait();
    await hub.waitFor(() => hub.arrivals.length === 3 && clock.sleeping === 1, 'the gap again');
    expect(outbox.hubStatus()).toMatchObject({ refusal: 'gap', refusedSeq: 1, refusedSince: new Date(refusedAt).toISOString() });
    // The second refusal of the record: the slow schedule goes on where it was (up to 30 s).
    expect(clock.waits.at(-1)).toBeGreaterThanOrEqual(15_000);
    expect(clock.waits.at(-1)).toBeLessThanOrEqual(30_000);
  });
});
