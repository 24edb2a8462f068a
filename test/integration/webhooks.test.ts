// The webhook outbox against a real ledger in a temp folder and a real receiver on
// loopback that checks every signature with the independent `standardwebhooks` package.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { WebhookOutbox, type WebhookEndpoint } from '../../electron/core/webhooks/webhook-outbox.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { staffApi } from '../support/staff-api.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

/** Short timeout and retries so a test sees many failures quickly; the defaults are 10 s and 1 s–5 min. */
const FAST = { timeoutMs: 200, firstRetryMs: 10, maxRetryMs: 80 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ dataDir: string; ledger: ConsentLedger; receiver: WebhookReceiver }> {
  const dataDir = await makeDataDir();
  const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'kiosk-test', counterId: 'counter-1' });
  const receiver = await WebhookReceiver.listen();
  cleanups.push(() => removeDataDir(dataDir), () => ledger.close(), () => receiver.down());
  return { dataDir, ledger, receiver };
}

async function openOutbox(dataDir: string, ledger: ConsentLedger, endpoints: WebhookEndpoint[]): Promise<WebhookOutbox> {
  const outbox = await WebhookOutbox.open({ dataDir, endpoints, ledger, timing: FAST });
  cleanups.push(() => outbox.stop());
  outbox.start();
  return outbox;
}

async function session(ledger: ConsentLedger, sessionId: string): Promise<void> {
  await ledger.append('session.started', sessionId, { by: 'staff', staffName: 'Sato', recording: 'audio' });
  await ledger.append('logging.start', sessionId, { by: 'staff-override', reason: 'explained', recording: 'audio' });
  await ledger.append('logging.stop', sessionId, { reason: 'staff' });
  await ledger.append('session.ended', sessionId, { reason: 'staff' });
}

function seqs(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('webhook outbox', () => {
  it('sends every new event once, in seq order, signed, through 500s, timeouts and recovery', async () => {
    const { dataDir, ledger, receiver } = await setUp();
    await session(ledger, 'before-configured');
    const startAt = ledger.lastSeq;
    receiver.mode = 'fail';
    const outbox = await openOutbox(dataDir, ledger, [{ url: receiver.url(), secret: TEST_SECRET }]);

    await session(ledger, 'during-500s');
    // Read while it waits to retry (between attempts nextAttemptAt is null).
    await receiver.waitFor(
      () => (outbox.status()[0]?.failures ?? 0) >= 3 && outbox.status()[0]?.nextAttemptAt != null,
      'three failed attempts and a retry waiting',
    );
    const failing = outbox.status()[0];
    expect(failing).toMatchObject({ url: `${new URL(receiver.url()).origin}/`, backlog: 4, lastError: 'answered HTTP 500' });
    expect(failing?.failures).toBeGreaterThanOrEqual(3);
    expect(failing?.nextAttemptAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    receiver.mode = 'hang';
    const heldBefore = receiver.arrivals.length;
    await receiver.waitFor(() => receiver.arrivals.slice(heldBefore).filter((d) => d.answer === 'held').length >= 2, 'two timeouts');
    await session(ledger, 'during-timeouts');
    await receiver.waitFor(() => outbox.status()[0]?.lastError === 'no answer within 0.2 s', 'the timeout as last error');

    receiver.mode = 'ok';
    await receiver.waitFor(() => outbox.status()[0]?.backlog === 0, 'the backlog to drain');

    const lines = (await ledgerLines(ledger.dir)).filter((entry) => entry.seq > startAt);
    const accepted = receiver.accepted();
    expect(accepted.map((d) => d.seq)).toEqual(seqs(startAt + 1, ledger.lastSeq));
    expect(accepted.map((d) => d.id)).toEqual(lines.map((entry) => entry.id));
    expect(accepted.map((d) => d.body)).toEqual(lines.map((entry) => entry.line));
    // Every attempt, failed or not, was signed and was the oldest undelivered event: nothing skipped ahead.
    expect(receiver.arrivals.every((d) => d.valid && d.contentType === 'application/json')).toBe(true);
    const attempted = receiver.arrivals.map((d) => d.seq);
    expect(attempted).toEqual([...attempted].sort((a, b) => a - b));
    expect(attempted[0]).toBe(startAt + 1);
    expect(outbox.status()[0]).toMatchObject({ backlog: 0, lastError: null, nextAttemptAt: null });

    // Healthy again: a new event goes out on its own.
    await ledger.append('kiosk.started', null, { version: 't', configVersion: 'c' });
    await receiver.waitFor(() => receiver.accepted().length === accepted.length + 1, 'the live event');
    expect(receiver.accepted().at(-1)?.seq).toBe(ledger.lastSeq);
  });

  it('sends only the subscribed types and moves the cursor past the others', async () => {
    const { dataDir, ledger, receiver } = await setUp();
    const outbox = await openOutbox(dataDir, ledger, [
      { url: receiver.url(), secret: TEST_SECRET, events: ['logging.start', 'session.ended'] },
    ]);
    await session(ledger, 's1');
    await session(ledger, 's2');
    await receiver.waitFor(() => outbox.status()[0]?.backlog === 0, 'the backlog to drain');
    expect(receiver.arrivals.every((d) => d.valid)).toBe(true);
    expect(receiver.accepted().map((d) => JSON.parse(d.body) as { type: string; sessionId: string })).toMatchObject([
      { type: 'logging.start', sessionId: 's1' },
      { type: 'session.ended', sessionId: 's1' },
      { type: 'logging.start', sessionId: 's2' },
      { type: 'session.ended', sessionId: 's2' },
    ]);
  });

  it('keeps the cursor on disk (0600, in a 0700 outbox) and resumes there after a restart', async () => {
    const { dataDir, ledger, receiver } = await setUp();
    await receiver.down();
    const endpoint = { url: receiver.url(), secret: TEST_SECRET };
    const first = await WebhookOutbox.open({ dataDir, endpoints: [endpoint], ledger, timing: FAST });
    first.start();
    await session(ledger, 'while-down');
    await receiver.waitFor(() => (first.status()[0]?.failures ?? 0) >= 2, 'failed attempts');
    expect(first.status()[0]?.lastError).toBe('request failed: ECONNREFUSED');
    await first.stop();

    await receiver.up();
    await session(ledger, 'while-stopped');
    const outbox = await openOutbox(dataDir, ledger, [endpoint]);
    expect(outbox.status()[0]?.backlog).toBe(8);
    await receiver.waitFor(() => outbox.status()[0]?.backlog === 0, 'the backlog to drain');
    expect(receiver.accepted().map((d) => d.seq)).toEqual(seqs(1, 8));
    expect(receiver.arrivals.every((d) => d.valid)).toBe(true);

    const outboxDir = join(dataDir, 'outbox');
    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    const [cursorFile] = (await readdir(outboxDir)).filter((name) => name.endsWith('.json'));
    const cursorPath = join(outboxDir, cursorFile ?? 'missing');
    expect((await stat(cursorPath)).mode & 0o777).toBe(0o600);
    const cursor = JSON.parse(await readFile(cursorPath, 'utf8')) as Record<string, unknown>;
    expect(cursor).toEqual({ endpoint: `${new URL(receiver.url()).origin}/`, deliveredSeq: 8, deliveredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(cursorFile).not.toContain('127.0.0.1');
  });

  it('an endpoint added to the configuration starts at the next kiosk start, not with the history', async () => {
    const dataDir = await makeDataDir();
    const receiver = await WebhookReceiver.listen();
    cleanups.push(() => removeDataDir(dataDir), () => receiver.down());
    // The same kiosk twice: its settings (kioskId) carry over the restart.
    const settings = memorySettings();

    const before = await startCoreInProcess({ dataDir, settings, config: { webhooks: [] } });
    const started = await staffApi(before.staffLinkUrl).post('v1/sessions');
    expect(started.status).toBe(201);
    await before.close();
    const history = (await ledgerLines(join(dataDir, 'ledger'))).length;

    const after = await startCoreInProcess({ dataDir, settings, config: { webhooks: [{ url: receiver.url(), secret: TEST_SECRET }] } });
    cleanups.push(() => after.close());
    await receiver.waitFor(() => receiver.accepted().length >= 1, "this start's kiosk.started");
    const first = JSON.parse(receiver.accepted()[0]?.body ?? '{}') as { seq: number; type: string };
    expect(first).toMatchObject({ seq: history + 1, type: 'kiosk.started' });
    expect(receiver.arrivals.every((d) => d.seq > history && d.valid)).toBe(true);
  });
});
