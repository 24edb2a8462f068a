// `/metrics` and the webhook part of `/v1/status` on the real core: a real ledger in a
// temp folder, the staff link on loopback, and a webhook receiver that checks signatures.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

let core: KioskCore;
let dataDir: string;
let receiver: WebhookReceiver;
let staff: RawStaffClient;
const auth = { authorization: `Bearer ${TOKEN}` };

async function api(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(path, core.staffLinkUrl), { ...init, headers: { ...auth, 'content-type': 'application/json' } });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

/** One sample's value from Prometheus text, e.g. `kokuchi_sessions_total{outcome="acknowledged"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

/** A counter session the way the page and a staff app drive it; ends with the staff ending it. */
async function counterSession(answer: 'acknowledged' | 'questioned'): Promise<void> {
  const { sessionId } = (await api('v1/sessions', { method: 'POST', body: JSON.stringify({ staffName: 'Sato' }) })) as { sessionId: string };
  const view = await core.call('getView', {});
  await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version });
  await core.call('answer', { sessionId, answer });
  if (answer === 'questioned') await api(`v1/sessions/${sessionId}/override`, { method: 'POST', body: JSON.stringify({ reason: 'explained' }) });
  await api(`v1/sessions/${sessionId}/end`, { method: 'POST', body: '{}' });
}

/** Scheme, host and port: the path of a webhook URL may hold a token as well as its query. */
const shownUrl = (): string => `${new URL(receiver.url()).origin}/`;

async function everythingDelivered(): Promise<void> {
  await receiver.waitFor(async () => ((await api('v1/status')).webhooks as Array<{ backlog: number }>)[0]?.backlog === 0, 'no backlog');
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  receiver = await WebhookReceiver.listen();
  const url = new URL(receiver.url());
  url.username = 'hook';
  url.password = 'p@ss';
  url.search = '?token=query-secret';
  core = await startCoreInProcess({ dataDir, config: { webhooks: [{ url: url.toString(), secret: TEST_SECRET }] } });
  staff = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
  await staff.waitForWelcome();
  await counterSession('acknowledged');
  await counterSession('questioned');
});

afterAll(async () => {
  staff?.close();
  await core?.close();
  await receiver?.down();
  await removeDataDir(dataDir);
});

describe('/v1/status webhooks', () => {
  it('shows each endpoint without credentials or query, with its backlog draining to 0', async () => {
    await everythingDelivered();
    const status = await api('v1/status');
    const lastSeq = (status.ledger as { lastSeq: number }).lastSeq;
    expect(status.webhooks).toEqual([
      { url: shownUrl(), backlog: 0, failures: 0, lastError: null, nextAttemptAt: null },
    ]);
    expect(JSON.stringify(status)).not.toMatch(/query-secret|p@ss|p%40ss|whsec_|hooks\/kokuchi/);
    // A fresh data folder: the endpoint gets the whole ledger from kiosk.started on, with Basic auth from the URL.
    expect(receiver.accepted().map((d) => d.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    expect(receiver.arrivals.every((d) => d.valid && d.authorization === `Basic ${Buffer.from('hook:p@ss').toString('base64')}`)).toBe(true);
  });
});

describe('/metrics', () => {
  it('needs the token', async () => {
    expect((await fetch(new URL('metrics', core.staffLinkUrl))).status).toBe(401);
  });

  it('counts the sessions, times the answers and the tap-to-signal path, and shows ledger, staff and webhooks', async () => {
    await everythingDelivered();
    const status = await api('v1/status');
    const res = await fetch(new URL('metrics', core.staffLinkUrl), { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();

    expect(sample(text, 'kokuchi_sessions_total{outcome="acknowledged"}')).toBe(1);
    expect(sample(text, 'kokuchi_sessions_total{outcome="questioned"}')).toBe(1);
    expect(sample(text, 'kokuchi_sessions_total{outcome="override"}')).toBe(1);
    expect(sample(text, 'kokuchi_sessions_total{outcome="timeout"}')).toBe(0);
    expect(sample(text, 'kokuchi_sessions_ended_total{reason="staff"}')).toBe(2);
    expect(sample(text, 'kokuchi_answer_seconds_count{answer="acknowledged"}')).toBe(1);
    expect(sample(text, 'kokuchi_answer_seconds_count{answer="questioned"}')).toBe(1);
    expect(sample(text, 'kokuchi_tap_to_signal_seconds_count')).toBe(1);
    expect(sample(text, 'kokuchi_tap_to_signal_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'kokuchi_staff_clients')).toBe(1);

    expect(sample(text, 'kokuchi_ledger_last_seq')).toBe((status.ledger as { lastSeq: number }).lastSeq);
    const ledgerDir = join(dataDir, 'ledger');
    const segments = (await readdir(ledgerDir)).filter((name) => name.endsWith('.jsonl'));
    const bytes = (await Promise.all(segments.map((name) => stat(join(ledgerDir, name))))).reduce((sum, s) => sum + s.size, 0);
    expect(sample(text, 'kokuchi_ledger_bytes')).toBe(bytes);

    expect(sample(text, `kokuchi_webhook_backlog{endpoint="${shownUrl()}"}`)).toBe(0);
    expect(sample(text, `kokuchi_webhook_failures_total{endpoint="${shownUrl()}"}`)).toBe(0);
    expect(text).not.toMatch(/query-secret|p@ss|p%40ss|whsec_|hooks\/kokuchi/);
  });
});
