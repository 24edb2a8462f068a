// Webhooks across crashes: a real `kokuchi serve` killed with SIGKILL twice while the
// receiver is down, then restarted; every event still arrives, in seq order, signed.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

let dataDir: string;
let configPath: string;
let receiver: WebhookReceiver;
let kiosk: KioskProcess | null = null;

/** The staff link of the kiosk running now. */
function staffLink(): StaffApi {
  if (!kiosk) throw new Error('no kiosk is running');
  return staffApi(kiosk.staffUrl);
}

async function post(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await staffLink().post(path, body);
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

async function status(): Promise<{ ledger: { lastSeq: number }; webhooks: Array<Record<string, unknown>> }> {
  const res = await staffLink().get('v1/status');
  return (await res.json()) as { ledger: { lastSeq: number }; webhooks: Array<Record<string, unknown>> };
}

/** A staff-started session that is logged by override and ended: four events. */
async function fullSession(): Promise<void> {
  const { sessionId } = (await post('v1/sessions', { staffName: 'Sato' })) as { sessionId: string };
  await post(`v1/sessions/${sessionId}/override`, { reason: 'explained' });
  await post(`v1/sessions/${sessionId}/end`);
}

/** Waits until this run of the kiosk has retried against the dead receiver (1 s, then 2 s backoff). */
async function untilFailures(count: number): Promise<void> {
  await receiver.waitFor(async () => Number((await status()).webhooks[0]?.failures) >= count, `${count} failed attempts`);
}

async function crash(): Promise<void> {
  await kiosk?.stop('SIGKILL');
  kiosk = null;
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  receiver = await WebhookReceiver.listen();
  configPath = await writeKioskConfig(dataDir, { webhooks: [{ url: receiver.url(), secret: TEST_SECRET }] });
});

afterAll(async () => {
  await kiosk?.stop();
  await receiver?.down();
  await removeDataDir(dataDir);
});

describe('webhooks across kiosk crashes', () => {
  it('delivers every event in seq order after two SIGKILLs while the receiver was down', async () => {
    kiosk = await startKioskProcess({ dataDir, config: configPath });
    await fullSession();
    const firstRun = (await status()).ledger.lastSeq;
    await receiver.waitFor(() => receiver.accepted().length >= firstRun, 'the first run delivered');

    await receiver.down();
    await fullSession();
    await untilFailures(2);
    await crash();

    kiosk = await startKioskProcess({ dataDir, config: configPath });
    await fullSession();
    await post('v1/sessions', { staffName: 'Suzuki' }); // left open: the next start closes it as kiosk-restart
    const down = await status();
    expect(down.webhooks).toHaveLength(1);
    expect(down.webhooks[0]).toMatchObject({ url: `${new URL(receiver.url()).origin}/` });
    expect(down.webhooks[0]?.backlog).toBeGreaterThan(8);
    await untilFailures(2);
    await crash();

    kiosk = await startKioskProcess({ dataDir, config: configPath });
    await untilFailures(1);
    await receiver.up();
    const { lastSeq } = (await status()).ledger;
    await receiver.waitFor(() => new Set(receiver.accepted().map((d) => d.id)).size >= lastSeq, 'every event delivered', 30_000);

    // A fresh data folder: the endpoint's cursor started at 0, so the whole ledger is due.
    const lines = await ledgerLines(join(dataDir, 'ledger'));
    expect(lines.map((entry) => entry.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const accepted = receiver.accepted();
    const firstArrivals = [...new Map(accepted.map((d) => [d.id, d] as const)).values()];
    expect(firstArrivals.map((d) => d.id)).toEqual(lines.map((entry) => entry.id));
    // At-least-once: a repeat is the same webhook-id with the same body, never a different event.
    const lineById = new Map(lines.map((entry) => [entry.id, entry.line]));
    expect(receiver.arrivals.every((d) => d.valid && d.body === lineById.get(d.id))).toBe(true);
    const attempted = receiver.arrivals.map((d) => d.seq);
    expect(attempted).toEqual([...attempted].sort((a, b) => a - b));
    expect(lines.some((entry) => entry.line.includes('"reason":"kiosk-restart"'))).toBe(true);

    await receiver.waitFor(async () => (await status()).webhooks[0]?.backlog === 0, 'status to show no backlog');
    expect((await status()).webhooks[0]).toMatchObject({ url: `${new URL(receiver.url()).origin}/`, backlog: 0, lastError: null, nextAttemptAt: null });
    expect((await readdir(join(dataDir, 'outbox'))).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  }, 90_000);
});
