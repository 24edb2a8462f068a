// Pause and resume over the real staff link (WebSocket and HTTP) on the real core: the
// events a staff app records by, `invalid-state` out of turn, and paused time in /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

let core: KioskCore;
let dataDir: string;
let staff: RawStaffClient;
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

async function post(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const init = { method: 'POST', headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  const res = await fetch(new URL(path, core.staffLinkUrl), init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A session the resident acknowledged: logging has started. */
async function loggingSession(): Promise<string> {
  const sessionId = (await post('v1/sessions', {})).body.sessionId as string;
  const view = await core.call('getView', {});
  await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version });
  await core.call('answer', { sessionId, answer: 'acknowledged' });
  return sessionId;
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir });
  staff = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
  await staff.waitForWelcome();
});

afterAll(async () => {
  staff?.close();
  await core?.close();
  await removeDataDir(dataDir);
});

describe('session.pause and session.resume over the WebSocket', () => {
  it('emit logging.paused with the reason and logging.resumed; out of turn is invalid-state', async () => {
    const sessionId = await loggingSession();
    staff.send({ type: 'session.resume', id: 'r0', sessionId });
    expect(await staff.waitForReply('r0')).toMatchObject({ type: 'error', code: 'invalid-state' });
    staff.send({ type: 'session.pause', id: 'p1', sessionId, reason: 'resident asked' });
    expect(await staff.waitForReply('p1')).toMatchObject({ type: 'result', ok: true });
    expect(await staff.waitForEvent('logging.paused', sessionId)).toMatchObject({ reason: 'resident asked' });
    expect((await core.call('getView', {})).session?.pausedSince).toEqual(expect.any(Number));
    staff.send({ type: 'session.pause', id: 'p2', sessionId });
    expect(await staff.waitForReply('p2')).toMatchObject({ type: 'error', code: 'invalid-state' });
    staff.send({ type: 'session.resume', id: 'r1', sessionId });
    expect(await staff.waitForReply('r1')).toMatchObject({ type: 'result', ok: true });
    await staff.waitForEvent('logging.resumed', sessionId);
    expect((await core.call('getView', {})).session?.pausedSince).toBeNull();
    staff.send({ type: 'session.pause', id: 'p3', sessionId, reason: 'line\u2028break' });
    expect(await staff.waitForReply('p3')).toMatchObject({ type: 'error', code: 'bad-request' });
    staff.send({ type: 'session.end', id: 'e1', sessionId });
    await staff.waitForEvent('session.ended', sessionId);
  });
});

describe('POST /v1/sessions/{id}/pause and /resume', () => {
  it('pause with a reason, 409 when already paused, resume with an empty body, 409 when recording, 404 unknown', async () => {
    const sessionId = await loggingSession();
    expect(await post(`v1/sessions/${sessionId}/pause`, { reason: 'private aside' })).toEqual({ status: 200, body: { ok: true } });
    expect(await staff.waitForEvent('logging.paused', sessionId)).toMatchObject({ reason: 'private aside' });
    expect((await post(`v1/sessions/${sessionId}/pause`, {})).body).toMatchObject({ code: 'invalid-state' });
    expect((await post(`v1/sessions/${sessionId}/resume`)).status).toBe(200);
    await staff.waitForEvent('logging.resumed', sessionId);
    const again = await post(`v1/sessions/${sessionId}/resume`);
    expect(again).toMatchObject({ status: 409, body: { code: 'invalid-state' } });
    expect((await post(`v1/sessions/${sessionId}/resume`, { extra: 1 })).status).toBe(400);
    expect((await post('v1/sessions/nope/pause', {})).status).toBe(404);
    expect((await post(`v1/sessions/${sessionId}/end`, {})).status).toBe(200);
  });

  it('/metrics counts the paused seconds', async () => {
    const res = await fetch(new URL('metrics', core.staffLinkUrl), { headers: auth });
    const line = (await res.text()).split('\n').find((l) => l.startsWith('kokuchi_paused_seconds_total '));
    expect(line).toBeDefined();
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(0);
  });
});
