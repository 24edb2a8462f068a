// The kiosk's side of the records hub (hub.md): the whole ledger from the oldest record
// still held, each body the exact ledger line, signed; the hub's refusals shown on
// /v1/status, /metrics and the admin screen's status, never stopping the counter.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminStatus } from '../../electron/core/admin/admin-status.js';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { pruneLedger } from '../../electron/core/ledger/prune-ledger.js';
import { WebhookOutbox } from '../../electron/core/webhooks/webhook-outbox.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { staffApi } from '../support/staff-api.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

const FAST = { timeoutMs: 200, firstRetryMs: 10, maxRetryMs: 80, firstRefusalRetryMs: 10, maxRefusalRetryMs: 80 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function session(ledger: ConsentLedger, sessionId: string): Promise<void> {
  // Non-ASCII staff text: the hub must get the same UTF-8 bytes, not an escaped copy.
  await ledger.append('session.started', sessionId, { by: 'staff', staffName: '佐藤 ✓', recording: 'audio' });
  await ledger.append('logging.start', sessionId, { by: 'staff-override', reason: '説明済み', recording: 'audio' });
  await ledger.append('session.ended', sessionId, { reason: 'staff' });
}

async function setUp(now?: () => Date) {
  const dataDir = await makeDataDir();
  const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'kiosk-hub', counterId: 'c-1', ...(now && { now }) });
  const hub = await WebhookReceiver.listen();
  cleanups.push(() => removeDataDir(dataDir), () => ledger.close(), () => hub.down());
  return { dataDir, ledger, hub };
}

async function openOutbox(dataDir: string, ledger: ConsentLedger, hubUrl: string, secret = TEST_SECRET) {
  const outbox = await WebhookOutbox.open({ dataDir, endpoints: [], hub: { url: hubUrl, secret }, ledger, timing: FAST });
  cleanups.push(() => outbox.stop());
  outbox.start();
  return outbox;
}

describe('delivery to the records hub', () => {
  it('sends the whole history, byte for byte as the ledger holds it, to <url>v1/ingest, signed', async () => {
    const { dataDir, ledger, hub } = await setUp();
    await session(ledger, 'before-the-hub');
    const outbox = await openOutbox(dataDir, ledger, hub.url(''));
    await session(ledger, 'after');
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0 && hub.accepted().length === 6, 'all six records');

    const lines = await ledgerLines(ledger.dir);
    expect(hub.accepted().map((d) => d.body)).toEqual(lines.map((entry) => entry.line));
    expect(hub.arrivals.every((d) => d.valid && d.path === '/v1/ingest' && d.contentType === 'application/json')).toBe(true);
    expect(outbox.hubStatus()).toMatchObject({
      url: hub.url(''),
      backlog: 0,
      lastDeliveredSeq: 6,
      lastDeliveryAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      problem: null,
      refusal: null,
    });
    // The hub is not a webhook: the webhook list stays as configured.
    expect(outbox.status()).toEqual([]);
  });

  it('shows a refused signature and a divergence, keeps the kiosk writing, and catches up once accepted', async () => {
    const { dataDir, ledger, hub } = await setUp();
    hub.mode = 'refuse';
    const outbox = await openOutbox(dataDir, ledger, hub.url(''));
    await session(ledger, 'refused');
    await hub.waitFor(() => outbox.hubStatus()?.refusal === 'bad-signature', 'the signature refusal');
    const refused = outbox.hubStatus();
    expect(refused).toMatchObject({ backlog: 3, lastDeliveredSeq: 0, lastDeliveryAt: null });
    expect(refused?.problem).toMatch(/refused seq 1 \(bad-signature, HTTP 401: bad-signature — the signature does not match\); check hub\.secret/);

    hub.refusal = { status: 409, body: JSON.stringify({ code: 'diverged', message: 'seq 1 differs\u202e from the stored line' }) };
    await hub.waitFor(() => outbox.hubStatus()?.refusal === 'diverged', 'the divergence');
    expect(outbox.hubStatus()?.problem).toMatch(/refused seq 1 \(diverged, HTTP 409: diverged — seq 1 differs {2}from the stored line\)/);
    // The counter goes on: the ledger takes records while the hub refuses them.
    await session(ledger, 'while-refused');
    expect(ledger.lastSeq).toBe(6);
    expect(outbox.hubStatus()?.backlog).toBe(6);
    // Never past a refused record: everything tried so far was seq 1.
    expect(new Set(hub.arrivals.map((d) => d.seq))).toEqual(new Set([1]));

    hub.mode = 'ok';
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0, 'the backlog to drain');
    expect(outbox.hubStatus()).toMatchObject({ lastDeliveredSeq: 6, problem: null, refusal: null });
    expect(hub.accepted().map((d) => d.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names an unreachable hub without calling it a refusal, and resumes from its cursor after a restart', async () => {
    const { dataDir, ledger, hub } = await setUp();
    await hub.down();
    const first = await WebhookOutbox.open({ dataDir, endpoints: [], hub: { url: hub.url(''), secret: TEST_SECRET }, ledger, timing: FAST });
    first.start();
    await session(ledger, 'while-down');
    await hub.waitFor(() => (first.hubStatus()?.failures ?? 0) >= 2, 'failed attempts');
    expect(first.hubStatus()).toMatchObject({ refusal: null, backlog: 3 });
    expect(first.hubStatus()?.problem).toBe('the hub has not taken seq 1: request failed: ECONNREFUSED; the kiosk keeps it and retries');
    await hub.up();
    await hub.waitFor(() => first.hubStatus()?.backlog === 0, 'the first three');
    const deliveredAt = first.hubStatus()?.lastDeliveryAt;
    await first.stop();

    await session(ledger, 'while-stopped');
    const again = await openOutbox(dataDir, ledger, hub.url(''));
    // The last delivery survives the restart: the admin screen still says when the hub last took a record.
    expect(again.hubStatus()).toMatchObject({ backlog: 3, lastDeliveredSeq: 3, lastDeliveryAt: deliveredAt });
    await hub.waitFor(() => again.hubStatus()?.backlog === 0, 'the rest');
    expect(hub.accepted().map((d) => d.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('starts from the oldest retained record when retention has deleted older ones', async () => {
    let clock = new Date('2024-01-10T09:00:00Z');
    const { dataDir, ledger, hub } = await setUp(() => clock);
    await session(ledger, 'old');
    clock = new Date();
    await session(ledger, 'kept');
    const removed = await pruneLedger(ledger, { retentionDays: 30, now: clock });
    expect(removed.map((segment) => segment.segment)).toEqual(['2024-01.jsonl']);

    const outbox = await openOutbox(dataDir, ledger, hub.url(''));
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0, 'every retained record');
    const types = hub.accepted().map((d) => [d.seq, (JSON.parse(d.body) as { type: string }).type]);
    expect(types).toEqual([[4, 'session.started'], [5, 'logging.start'], [6, 'session.ended'], [7, 'ledger.pruned']]);
    expect(hub.accepted().map((d) => d.body)).toEqual((await ledgerLines(ledger.dir)).map((entry) => entry.line));
  });

  it('a kiosk with a hub shows its delivery on /v1/status, /metrics and the admin status', async () => {
    const dataDir = await makeDataDir();
    const hub = await WebhookReceiver.listen();
    hub.mode = 'refuse';
    cleanups.push(() => removeDataDir(dataDir), () => hub.down());
    const kiosk = await startCoreInProcess({
      dataDir,
      settings: memorySettings(),
      config: { counterId: 'shimin-3', hub: { url: hub.url(''), secret: TEST_SECRET } },
      delivery: { timing: FAST },
    });
    cleanups.push(() => kiosk.close());
    const api = staffApi(kiosk.staffLinkUrl);
    expect((await api.post('v1/sessions')).status).toBe(201);
    const status = async () => (await (await api.get('v1/status')).json()) as { hub: Record<string, unknown>; ledger: { lastSeq: number } };
    await hub.waitFor(async () => (await status()).hub.refusal === 'bad-signature', 'the refusal on /v1/status');
    const refused = await status();
    expect(refused.hub).toMatchObject({ url: hub.url(''), lastDeliveredSeq: 0, lastDeliveryAt: null, backlog: refused.ledger.lastSeq });

    const metrics = await (await api.get('metrics')).text();
    expect(metrics).toContain('kokuchi_hub_refusing{reason="bad-signature"} 1');
    expect(metrics).toContain('kokuchi_hub_refusing{reason="diverged"} 0');
    expect(metrics).toMatch(/^kokuchi_hub_backlog [1-9]\d*$/m);
    expect(metrics).toContain('kokuchi_hub_last_delivered_seq 0');

    hub.mode = 'ok';
    await hub.waitFor(async () => (await status()).hub.backlog === 0, 'the backlog to drain');
    const caughtUp = await status();
    expect(caughtUp.hub).toMatchObject({ problem: null, refusal: null, lastDeliveredSeq: caughtUp.ledger.lastSeq });
    const after = await (await api.get('metrics')).text();
    expect(after).toContain('kokuchi_hub_backlog 0');
    expect(after).toContain('kokuchi_hub_refusing{reason="bad-signature"} 0');
    expect(after).toMatch(/^kokuchi_hub_last_delivery_timestamp_seconds [1-9]/m);
    // The secret never leaves the configuration.
    expect(JSON.stringify(caughtUp) + after).not.toContain(TEST_SECRET.slice(6, 20));
  });

  it('the admin status carries the hub line: url, backlog, last delivery and problem', async () => {
    const base = { kioskId: 'k', counterId: 'c', version: '1', staffLinkUrl: 'http://127.0.0.1:1/', token: () => 't', staffClients: () => 0, receiptKeyFingerprint: `sha256:${'0'.repeat(64)}` };
    const common = { ...base, webhooks: () => [], ledgerDir: '/nonexistent', lastSeq: () => 0, clock: () => ({ trusted: true, offsetMs: 0, jumps: 0, lastJumpAt: null }), languages: [], problems: [], interfaces: () => ({}) };
    const hubStatus = {
      url: 'http://192.0.2.20:4790/',
      backlog: 4,
      lastDeliveredSeq: 9,
      lastDeliveryAt: '2026-12-01T10:00:00.000Z',
      problem: 'the hub refused seq 10 (bad-signature, HTTP 401)',
      refusal: 'bad-signature' as const,
      refusedSeq: 10,
      refusedSince: '2026-12-01T10:00:05.000Z',
      failures: 3,
      nextAttemptAt: null,
      notices: { pending: 0, problem: null, refusal: null, version: null, refusedSince: null, nextAttemptAt: null },
    };
    expect((await adminStatus({ ...common, hub: () => hubStatus }, false)).hub).toEqual({
      url: 'http://192.0.2.20:4790/',
      backlog: 4,
      lastDeliveredSeq: 9,
      lastDeliveryAt: '2026-12-01T10:00:00.000Z',
      problem: 'the hub refused seq 10 (bad-signature, HTTP 401)',
    });
    // Records flowing, a notice text refused: the admin screen names the text.
    const noticeRefused = {
      ...hubStatus, backlog: 0, problem: null, refusal: null, refusedSeq: null, refusedSince: null,
      notices: { ...hubStatus.notices, pending: 1, problem: 'the hub refused the notice text sha256:ab (refused, HTTP 400)', refusal: 'refused' as const, version: 'sha256:ab' },
    };
    expect((await adminStatus({ ...common, hub: () => noticeRefused }, false)).hub?.problem).toBe('the hub refused the notice text sha256:ab (refused, HTTP 400)');
    expect((await adminStatus({ ...common, hub: () => null }, false)).hub).toBeNull();
  });
});
