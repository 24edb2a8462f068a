// The integrators' StaffClient against the real core on loopback: typed commands with
// the kiosk's answers, refused tokens, and resume through dropped connections and a
// kiosk restart without losing or repeating an event.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { StaffClient, type LedgerEvent, type ConnectionState } from '../../electron/staff-client/index.js';
import { CuttingProxy } from '../support/cutting-proxy.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';
import { unusedLoopbackPort } from '../support/unused-port.js';
import { waitFor } from '../support/wait-for.js';

let core: KioskCore;
let dataDir: string;
let port: number;
// Kept across the restart below, as the settings file would be.
const settings = memorySettings();

function startCore(): Promise<KioskCore> {
  return startCoreInProcess({ dataDir, settings, overrides: { port } });
}

async function post(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await staffApi(core.staffLinkUrl).post(path, body);
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

async function ledgerAfter(after: number): Promise<LedgerEvent[]> {
  const res = await staffApi(core.staffLinkUrl).get(`v1/events?after=${after}&limit=1000`);
  return ((await res.json()) as { events: LedgerEvent[] }).events;
}

function collect(client: StaffClient): { events: LedgerEvent[]; states: ConnectionState[] } {
  const seen = { events: [] as LedgerEvent[], states: [] as ConnectionState[] };
  client.on('event', (event) => seen.events.push(event));
  client.on('state', (state) => seen.states.push(state));
  return seen;
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  port = await unusedLoopbackPort();
  core = await startCore();
});

afterAll(async () => {
  await core.close();
  await removeDataDir(dataDir);
});

describe('StaffClient commands', () => {
  it('starts, overrides and ends a session, each answered or refused with the kiosk’s code', async () => {
    const client = new StaffClient({ WebSocket, client: { name: 'test', version: '1' } });
    const seen = collect(client);
    const welcome = await client.connect(core.staffLinkUrl, TOKEN);
    expect(welcome).toMatchObject({ counterId: 'counter-1', screen: 'disconnected', activeSession: null });
    expect(client.state).toBe('open');
    expect(client.lastSeq).toBe(welcome.lastSeq);
    await client.ping();

    const { sessionId } = await client.startSession({ staffName: 'Sato', language: 'vi', recording: 'audio-video' });
    await expect(client.startSession()).rejects.toMatchObject({ code: 'conflict' });
    await expect(client.override(sessionId, 'x'.repeat(201))).rejects.toMatchObject({ code: 'bad-request' });
    await expect(client.override('no-such-session', 'explained')).rejects.toMatchObject({ code: 'not-found' });
    await client.override(sessionId, 'explained the purpose');
    await client.end(sessionId);
    await expect(client.end(sessionId)).rejects.toMatchObject({ code: 'invalid-state' });

    await waitFor(() => seen.events.some((e) => e.type === 'session.ended'), 'session.ended');
    const ofSession = seen.events.filter((e) => e.sessionId === sessionId);
    expect(ofSession.map((e) => e.type)).toEqual(['session.started', 'logging.start', 'logging.stop', 'session.ended']);
    const started = ofSession[0];
    const logging = ofSession[1];
    // The union narrows on `type`: the fields below are typed, not `unknown`.
    if (started?.type !== 'session.started' || logging?.type !== 'logging.start') throw new Error('unexpected order');
    expect([started.staffName, started.recording, started.by]).toEqual(['Sato', 'audio-video', 'staff']);
    expect([logging.by, logging.reason]).toEqual(['staff-override', 'explained the purpose']);
    expect(client.lastSeq).toBe(ofSession[3]?.seq);

    client.close();
    expect(client.state).toBe('closed');
    await expect(client.ping()).rejects.toMatchObject({ code: 'not-connected' });
    expect(seen.states).toEqual(['connecting', 'open', 'closed']);
  });

  it('pauses and resumes logging, refused out of turn with `invalid-state`', async () => {
    const client = new StaffClient({ WebSocket });
    const seen = collect(client);
    await client.connect(core.staffLinkUrl, TOKEN);
    const { sessionId } = await client.startSession();
    await expect(client.pause(sessionId)).rejects.toMatchObject({ code: 'invalid-state' });
    await client.override(sessionId, 'explained');
    await expect(client.resume(sessionId)).rejects.toMatchObject({ code: 'invalid-state' });
    await client.pause(sessionId, 'a private aside');
    await expect(client.pause(sessionId)).rejects.toMatchObject({ code: 'invalid-state' });
    await client.resume(sessionId);
    await client.end(sessionId);
    await waitFor(() => seen.events.some((e) => e.type === 'session.ended' && e.sessionId === sessionId), 'session.ended');
    const ofSession = seen.events.filter((e) => e.sessionId === sessionId);
    expect(ofSession.map((e) => e.type)).toEqual([
      'session.started', 'logging.start', 'logging.paused', 'logging.resumed', 'logging.stop', 'session.ended',
    ]);
    expect(ofSession[2]).toMatchObject({ reason: 'a private aside' });
    client.close();
  });

  it('rejects a wrong token with `unauthorized` and stops', async () => {
    const client = new StaffClient({ WebSocket, backoff: { firstMs: 10 } });
    const seen = collect(client);
    await expect(client.connect(core.staffLinkUrl, 'not-the-token')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(client.state).toBe('closed');
    expect(seen.states).toEqual(['connecting', 'closed']);
  });
});

describe('StaffClient resume', () => {
  it('sees every event exactly once, in seq order, through cut connections and a kiosk restart', async () => {
    const proxy = await CuttingProxy.listen(port);
    const client = new StaffClient({ WebSocket, backoff: { firstMs: 5, maxMs: 100 } });
    const seen = collect(client);
    const welcome = await client.connect(proxy.url, TOKEN);

    // Cut every connection at random moments while the kiosk keeps writing events.
    let cutting = true;
    const cutter = (async () => {
      while (cutting) {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
        proxy.cutAll();
      }
    })();
    for (let round = 0; round < 30; round++) {
      const { sessionId } = (await post('v1/sessions', { staffName: `Round ${round}` })) as { sessionId: string };
      await post(`v1/sessions/${sessionId}/override`, { reason: `round ${round}` });
      if (round === 15) {
        // The kiosk stops with the session open and comes back on the same port.
        await core.close();
        core = await startCore();
      } else {
        await post(`v1/sessions/${sessionId}/end`);
      }
    }
    cutting = false;
    await cutter;

    const expected = await ledgerAfter(welcome.lastSeq);
    const last = expected.at(-1)?.seq ?? 0;
    await waitFor(() => client.lastSeq === last, `the client to reach seq ${last}`);
    expect(proxy.cuts).toBeGreaterThan(5);
    expect(seen.states.filter((s) => s === 'reconnecting').length).toBeGreaterThan(5);
    expect(seen.events).toEqual(expected);
    expect(seen.events.map((e) => e.type)).toContain('kiosk.started');
    expect(seen.events.filter((e) => e.type === 'session.ended' && e.reason === 'kiosk-restart')).toHaveLength(1);

    client.close();
    await proxy.close();
  });
});
