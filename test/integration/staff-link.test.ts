// The staff link over real HTTP and a real WebSocket on loopback, with the real core
// and a real ledger in a temp folder: the contract of staff-link.md, point by point.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

let core: KioskCore;
let dataDir: string;
let base: string;
const settings = memorySettings();
const auth = { authorization: `Bearer ${TOKEN}` };

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, base), { ...init, headers: { ...auth, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir, settings });
  base = core.staffLinkUrl;
});

afterAll(async () => {
  await core.close();
  await removeDataDir(dataDir);
});

describe('staff link HTTP', () => {
  it('/healthz says ok and nothing more, without a token', async () => {
    const res = await fetch(new URL('healthz', base));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/v1/status needs the token and then shows the kiosk', async () => {
    expect((await fetch(new URL('v1/status', base))).status).toBe(401);
    const { status, body } = await api('v1/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ counterId: 'counter-1', version: '0.0.0-test', activeSession: null, screen: 'disconnected' });
    expect(body.kioskId).toBe(settings.get('kioskId'));
    expect((body.ledger as { lastSeq: number }).lastSeq).toBeGreaterThanOrEqual(1);
  });

  it('runs a session over HTTP: 201, 409 on a second start, override, end, and /v1/events pages them', async () => {
    const before = (await api('v1/events?after=0&limit=1000')).body.lastSeq as number;
    const started = await api('v1/sessions', { method: 'POST', body: JSON.stringify({ staffName: 'Tanaka', language: 'pt', recording: 'audio' }) });
    expect(started.status).toBe(201);
    const sessionId = started.body.sessionId as string;
    expect((await api('v1/sessions', { method: 'POST', body: '{}' })).status).toBe(409);
    const view = await core.call('getView', {});
    expect(view.session?.language).toBe('pt-BR');
    expect((await api(`v1/sessions/${sessionId}/override`, { method: 'POST', body: JSON.stringify({ reason: 'explained' }) })).status).toBe(200);
    expect((await api(`v1/sessions/${sessionId}/end`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await api(`v1/sessions/${sessionId}/end`, { method: 'POST', body: '{}' })).status).toBe(409);
    expect((await api('v1/sessions/nope/end', { method: 'POST', body: '{}' })).status).toBe(404);

    const page1 = await api(`v1/events?after=${before}&limit=2`);
    const page2 = await api(`v1/events?after=${before + 2}&limit=10`);
    const types = [...(page1.body.events as Array<{ type: string }>), ...(page2.body.events as Array<{ type: string }>)].map((e) => e.type);
    expect(types).toEqual(['session.started', 'logging.start', 'logging.stop', 'session.ended']);
    expect(page2.body.lastSeq).toBe(before + 4);
  });

  it('rejects bad bodies with the contract error and changes nothing', async () => {
    const lastSeq = (await api('v1/status')).body.ledger;
    const notJson = await api('v1/sessions', { method: 'POST', body: '{"staffName":' });
    expect(notJson).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    const unknownField = await api('v1/sessions', { method: 'POST', body: JSON.stringify({ residentName: 'Yamada' }) });
    expect(unknownField).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    const huge = await api('v1/sessions', { method: 'POST', body: JSON.stringify({ staffName: 'x'.repeat(70_000) }) });
    expect(huge).toMatchObject({ status: 413, body: { code: 'too-large' } });
    expect((await api('v1/events?after=-1')).status).toBe(400);
    expect((await api('v1/status')).body.ledger).toEqual(lastSeq);
  });
});

describe('staff link WebSocket', () => {
  it('closes a frame over 64 KiB with 1009', async () => {
    const client = await RawStaffClient.connect(base, { token: TOKEN });
    client.send({ type: 'ping', id: 'x'.repeat(70_000) });
    expect(await client.waitForClose()).toBe(1009);
  });

  it('refuses a browser upgrade from another origin', async () => {
    const ws = new WebSocket(base.replace('http', 'ws') + 'v1/staff', { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number | undefined>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });

  it('replays from `since` in order, then streams live events', async () => {
    const client = await RawStaffClient.connect(base);
    client.send({ type: 'hello', token: TOKEN, since: 0 });
    const welcome = await client.waitForWelcome();
    await client.waitFor(() => client.events().length >= (welcome.lastSeq as number), 'replay');
    expect(client.events().map((e) => e.seq)).toEqual(Array.from({ length: welcome.lastSeq as number }, (_, i) => i + 1));
    client.send({ type: 'session.start', id: 1 });
    const reply = await client.waitForReply(1);
    await client.waitForEvent('session.started', reply.sessionId as string);
    client.send({ type: 'session.start', id: 2 });
    expect(await client.waitForReply(2)).toMatchObject({ type: 'error', code: 'conflict' });
    client.send({ type: 'session.end', id: 3, sessionId: reply.sessionId });
    await client.waitForEvent('session.ended', reply.sessionId as string);
    client.close();
  });

  it('closes a signed-in socket whose later hello carries a wrong token', async () => {
    const client = await RawStaffClient.connect(base, { token: TOKEN });
    await client.waitForWelcome();
    client.send({ type: 'hello', token: 'not-the-token' });
    expect(await client.waitForClose()).toBe(4401);
    expect(client.frames.filter((f) => f.type === 'welcome')).toHaveLength(1);
  });

  it('slows down an address after repeated wrong tokens (429 / 4429)', async () => {
    // Earlier tests in this file already failed once from this address; five failures in all block it.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await fetch(new URL('v1/status', base), { headers: { authorization: `Bearer wrong${i}` } })).status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    const limited = await fetch(new URL('v1/status', base), { headers: auth });
    expect(limited.status).toBe(429);
    const client = await RawStaffClient.connect(base);
    client.send({ type: 'hello', token: TOKEN });
    expect(await client.waitForClose()).toBe(4429);
  });
});
