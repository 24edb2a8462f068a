// The notice archive travels to the records hub (hub.md, "Notice wording"): every text the
// kiosk keeps reaches the hub before the first record that names it, through the durable
// outbox — a hub that is down at first gets them when it comes up, across a kiosk restart —
// and a hub that refuses a text shows it on the kiosk's status and metrics.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore, SettingsStore } from '../../electron/core/kiosk-core.js';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { registerHubMetrics } from '../../electron/core/metrics/hub-metrics.js';
import { archiveNotice, noticeArchiveDir } from '../../electron/core/notice/notice-archive.js';
import { WebhookOutbox } from '../../electron/core/webhooks/webhook-outbox.js';
import { enrol } from '../../electron/hub/enrolments.js';
import { startHub } from '../../electron/hub/records-hub.js';
import { hubUnderTest, storedLines, TOKEN, type HubUnderTest } from '../hub/hub-fixture.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { staffApi } from '../support/staff-api.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

// A hub's first start on a loaded machine (PGlite in WebAssembly) can take tens of seconds.
vi.setConfig({ testTimeout: 120_000 });

const FAST = { timeoutMs: 2_000, firstRetryMs: 10, maxRetryMs: 80, firstRefusalRetryMs: 10, maxRefusalRetryMs: 80 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface KioskHubStatus {
  kioskId: string;
  ledger: { lastSeq: number };
  hub: { backlog: number; problem: string | null; notices: { pending: number; problem: string | null; refusal: string | null } };
}

async function until(done: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The kiosk's archive: version → exact text. */
async function archived(dataDir: string): Promise<Map<string, string>> {
  const dir = noticeArchiveDir(dataDir);
  const texts = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) {
    const hex = /^sha256-([0-9a-f]{64})\.txt$/.exec(name)?.[1];
    if (hex) texts.set(`sha256:${hex}`, await readFile(join(dir, name), 'utf8'));
  }
  return texts;
}

async function held(fixture: HubUnderTest): Promise<Map<string, string>> {
  const { rows } = await fixture.hub.pool.query<{ version: string; text: string }>('SELECT version, text FROM notices ORDER BY version');
  return new Map(rows.map((row) => [row.version, row.text]));
}

/** A session the resident starts in `language`, reads and acknowledges, and the staff ends. */
async function counterSession(core: KioskCore, language: 'ja' | 'en'): Promise<string> {
  const { sessionId } = await core.call('startSession', { language });
  const view = await core.call('getView', {});
  const version = view.session?.notice.version as string;
  await core.call('noticeShown', { sessionId, noticeVersion: version });
  await core.call('answer', { sessionId, answer: 'acknowledged' });
  expect((await staffApi(core.staffLinkUrl).post(`v1/sessions/${sessionId}/end`)).status).toBe(200);
  return version;
}

async function startKiosk(dataDir: string, settings: SettingsStore, hubUrl: string, secret: string): Promise<KioskCore> {
  const core = await startCoreInProcess({ dataDir, settings, config: { counterId: 'c-1', hub: { url: hubUrl, secret } }, delivery: { timing: FAST } });
  return core;
}

const statusOf = async (core: KioskCore) => (await (await staffApi(core.staffLinkUrl).get('v1/status')).json()) as KioskHubStatus;

describe('the notice archive at the records hub (embedded store)', () => {
  it('after sessions in two languages the hub holds exactly the archived texts, each before the first record naming it', async () => {
    const fixture = await hubUnderTest('embedded');
    const dataDir = await makeDataDir();
    cleanups.push(() => fixture.close(), () => removeDataDir(dataDir));
    const secret = await enrol(fixture.hub.pool, 'c-1');
    const core = await startKiosk(dataDir, memorySettings(), fixture.hub.url, secret);
    cleanups.push(() => core.close());

    const versions = [await counterSession(core, 'ja'), await counterSession(core, 'en'), await counterSession(core, 'ja')];
    await until(async () => {
      const { hub, ledger } = await statusOf(core);
      return hub.backlog === 0 && hub.notices.pending === 0 && ledger.lastSeq > 0;
    }, 'records and notice texts to reach the hub');

    const kept = await archived(dataDir);
    expect(new Set(versions)).toEqual(new Set(kept.keys()));
    expect(kept.size).toBe(2);
    expect(await held(fixture)).toEqual(kept);
    for (const [version, text] of kept) {
      expect(await fixture.cli(['notice', 'show', version])).toEqual({ code: 0, stdout: text, stderr: '' });
      // Before the first record that names it (the hub answers the text before that record is sent).
      const { rows } = await fixture.hub.pool.query<{ ok: boolean }>(
        `SELECT (SELECT received_at FROM notices WHERE version = $1) <= (SELECT min(received_at) FROM records WHERE notice_version = $1) AS ok`,
        [version],
      );
      expect(rows[0]?.ok).toBe(true);
    }
    const status = await statusOf(core);
    expect(status.hub.notices).toMatchObject({ pending: 0, problem: null, refusal: null });
    const metrics = await (await staffApi(core.staffLinkUrl).get('metrics')).text();
    expect(metrics).toContain('kokuchi_hub_notices_pending 0');
  });

  it('a hub down at first gets every text and record once it comes up, with a kiosk restart in between', async () => {
    const fixture = await hubUnderTest('embedded');
    const dataDir = await makeDataDir();
    cleanups.push(() => fixture.close(), () => removeDataDir(dataDir));
    const secret = await enrol(fixture.hub.pool, 'c-1');
    const hubUrl = fixture.hub.url;
    await fixture.hub.close();

    const settings = memorySettings();
    const first = await startKiosk(dataDir, settings, hubUrl, secret);
    await counterSession(first, 'ja');
    await counterSession(first, 'en');
    const down = await statusOf(first);
    // Two texts and every record waiting; the counter went on regardless.
    expect(down.hub.notices.pending).toBe(2);
    expect(down.hub.backlog).toBe(down.ledger.lastSeq);
    expect(await (await staffApi(first.staffLinkUrl).get('metrics')).text()).toContain('kokuchi_hub_notices_pending 2');
    await first.close();

    const again = await startKiosk(dataDir, settings, hubUrl, secret);
    cleanups.push(() => again.close());
    await counterSession(again, 'en');
    expect((await statusOf(again)).hub.notices.pending).toBe(2);

    fixture.hub = await startHub({ dataDir: fixture.dataDir, host: '127.0.0.1', port: Number(new URL(hubUrl).port), token: TOKEN });
    await until(async () => {
      const { hub } = await statusOf(again);
      return hub.backlog === 0 && hub.notices.pending === 0;
    }, 'the hub to catch up');
    const kept = await archived(dataDir);
    expect(kept.size).toBe(2);
    expect(await held(fixture)).toEqual(kept);
    const { kioskId } = await statusOf(again);
    expect(await storedLines(fixture.hub, kioskId)).toEqual((await ledgerLines(join(dataDir, 'ledger'))).map((entry) => entry.line));
  });
});

describe('a hub that refuses a notice text', () => {
  it('shows the refusal on status and metrics, lets the records go on, and sends the text once the hub takes it', async () => {
    const dataDir = await makeDataDir();
    const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'kiosk-n', counterId: 'c-1' });
    const hub = await WebhookReceiver.listen();
    cleanups.push(() => removeDataDir(dataDir), () => ledger.close(), () => hub.down());
    const text = 'Recording notice\nWe keep the recording for 365 days.\nI understand\n';
    const version = `sha256:${(await import('node:crypto')).createHash('sha256').update(text, 'utf8').digest('hex')}`;
    await archiveNotice(noticeArchiveDir(dataDir), version, text);
    await ledger.append('session.started', 's-1', { by: 'staff', staffName: null, recording: 'audio' });
    await ledger.append('notice.shown', 's-1', { language: 'en', noticeVersion: version, reviewed: true });

    hub.noticeMode = 'refuse';
    hub.refusal = { status: 400, body: JSON.stringify({ code: 'malformed', message: 'a notice text holds no NUL character' }) };
    const outbox = await WebhookOutbox.open({ dataDir, endpoints: [], hub: { url: hub.url(''), secret: TEST_SECRET }, ledger, timing: FAST });
    cleanups.push(() => outbox.stop());
    const registry = new Registry();
    registerHubMetrics(registry, () => outbox.hubStatus());
    outbox.start();

    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0 && outbox.hubStatus()?.notices.refusal === 'refused', 'the records, and the text refused');
    const status = outbox.hubStatus();
    expect(status).toMatchObject({ problem: null, refusal: null });
    expect(status?.notices).toMatchObject({ pending: 1, refusal: 'refused', version, refusedSince: expect.stringMatching(/^\d{4}-/) });
    expect(status?.notices.problem).toBe(
      `the hub refused the notice text ${version} (refused, HTTP 400: malformed — a notice text holds no NUL character); see the hub's log; the kiosk's own copy is \`kokuchi notice show\``,
    );
    const metrics = await registry.metrics();
    expect(metrics).toContain('kokuchi_hub_notice_refusing{reason="refused"} 1');
    expect(metrics).toContain('kokuchi_hub_notices_pending 1');
    // The text was offered before the record naming it, signed, as text.
    const firstNotice = hub.arrivals.findIndex((d) => d.path === '/v1/notices');
    const shownRecord = hub.arrivals.findIndex((d) => d.seq === 2);
    expect(firstNotice).toBeGreaterThanOrEqual(0);
    expect(firstNotice).toBeLessThan(shownRecord);
    expect(hub.arrivals[firstNotice]).toMatchObject({ id: version, body: text, valid: true, contentType: 'text/plain; charset=utf-8' });

    hub.noticeMode = null;
    await hub.waitFor(() => outbox.hubStatus()?.notices.pending === 0, 'the text to go through');
    expect(outbox.hubStatus()?.notices).toMatchObject({ pending: 0, problem: null, refusal: null, version: null });
    expect(await registry.metrics()).toContain('kokuchi_hub_notice_refusing{reason="refused"} 0');
    // Acknowledged texts are remembered: a restarted outbox sends no text again.
    await outbox.stop();
    const sent = hub.arrivals.filter((d) => d.path === '/v1/notices').length;
    const restarted = await WebhookOutbox.open({ dataDir, endpoints: [], hub: { url: hub.url(''), secret: TEST_SECRET }, ledger, timing: FAST });
    cleanups.push(() => restarted.stop());
    restarted.start();
    await ledger.append('session.ended', 's-1', { reason: 'staff' });
    await hub.waitFor(() => restarted.hubStatus()?.backlog === 0, 'the last record');
    expect(restarted.hubStatus()?.notices.pending).toBe(0);
    expect(hub.arrivals.filter((d) => d.path === '/v1/notices')).toHaveLength(sent);
  });

  it('names a record\'s text the archive does not hold, and delivers the records regardless', async () => {
    const dataDir = await makeDataDir();
    const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'kiosk-m', counterId: 'c-1' });
    const hub = await WebhookReceiver.listen();
    cleanups.push(() => removeDataDir(dataDir), () => ledger.close(), () => hub.down());
    const missing = `sha256:${'ab'.repeat(32)}`;
    await ledger.append('session.started', 's-1', { by: 'staff', staffName: null, recording: 'audio' });
    await ledger.append('notice.shown', 's-1', { language: 'en', noticeVersion: missing, reviewed: true });
    const outbox = await WebhookOutbox.open({ dataDir, endpoints: [], hub: { url: hub.url(''), secret: TEST_SECRET }, ledger, timing: FAST });
    cleanups.push(() => outbox.stop());
    outbox.start();
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0, 'the records');
    // Still shown after the delivery went idle (and looked at the archive again).
    await ledger.append('session.ended', 's-1', { reason: 'staff' });
    await hub.waitFor(() => outbox.hubStatus()?.backlog === 0, 'the last record');
    expect(outbox.hubStatus()?.notices).toMatchObject({ pending: 0, refusal: null, version: missing, nextAttemptAt: null });
    expect(outbox.hubStatus()?.notices.problem).toMatch(new RegExp(`^the notice text ${missing} cannot be sent from the archive: no such notice in the notice archive$`));
    expect(hub.arrivals.filter((d) => d.path === '/v1/notices')).toEqual([]);
  });
});
