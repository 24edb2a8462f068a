// Staff words cannot change what the notice says or what the record means: hidden,
// bidi and line-breaking characters are refused on HTTP and WebSocket alike, and a
// staff end is recorded as `staff` even when the staff's words name a kiosk reason.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

let core: KioskCore;
let dataDir: string;
let base: string;
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, base), { method: 'POST', headers: auth, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function lineCount(): Promise<number> {
  return (await ledgerLines(join(dataDir, 'ledger'))).length;
}

// Each hides or reorders text on the notice or breaks a ledger reader's line.
const HOSTILE = {
  'right-to-left override': 'Sato\u202Eotas',
  'bidi isolate': 'Sato\u2066x\u2069',
  'zero-width space': 'Sa\u200Bto',
  'line separator': 'Sato\u2028Tanaka',
  'paragraph separator': 'Sato\u2029',
  newline: 'Sato\nTanaka',
  'trailing carriage return': 'Sato\r',
  'escape (terminal control)': 'Sato\u001b[2J',
  'Arabic letter mark': 'Sato\u061C',
};

beforeAll(async () => {
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir, settings: memorySettings() });
  base = core.staffLinkUrl;
});

afterAll(async () => {
  await core.close();
  await removeDataDir(dataDir);
});

describe('staff text on HTTP', () => {
  it.each(Object.entries(HOSTILE))('refuses a staff name with a %s (400 bad-request) and records nothing', async (_what, name) => {
    const before = await lineCount();
    const res = await post('v1/sessions', { staffName: name });
    expect(res).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(String(res.body.message)).toMatch(/^staffName: .*control, format \(bidi\) or line\/paragraph separator/);
    expect(await lineCount()).toBe(before);
    expect((await core.call('getView', {})).session).toBeNull();
  });

  it('refuses such an override or end reason, and the session stays as it was', async () => {
    const started = await post('v1/sessions', { staffName: '佐藤' });
    expect(started.status).toBe(201);
    const id = started.body.sessionId as string;
    const before = await lineCount();
    expect(await post(`v1/sessions/${id}/override`, { reason: 'explained\u202E' })).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(await post(`v1/sessions/${id}/end`, { reason: 'done\u2028idle' })).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(await lineCount()).toBe(before);
    expect((await core.call('getView', {})).session?.sessionId).toBe(id);
    expect((await post(`v1/sessions/${id}/end`, {})).status).toBe(200);
  });

  it('records a staff end whose words are a kiosk reason as `staff`, the words beside it', async () => {
    const id = (await post('v1/sessions', {})).body.sessionId as string;
    expect((await post(`v1/sessions/${id}/override`, { reason: 'explained' })).status).toBe(200);
    expect((await post(`v1/sessions/${id}/end`, { reason: 'kiosk-restart' })).status).toBe(200);
    const lines = (await ledgerLines(join(dataDir, 'ledger'))).map((l) => l.line).filter((l) => l.includes(id));
    const stop = lines.find((l) => l.includes('"logging.stop"'));
    const ended = lines.find((l) => l.includes('"session.ended"'));
    expect(stop).toMatch(/"reason":"staff","staffReason":"kiosk-restart"}$/);
    expect(ended).toMatch(/"reason":"staff","staffReason":"kiosk-restart"}$/);
  });
});

describe('staff text on the WebSocket', () => {
  it('refuses a hidden character in a name, an override and an end reason with bad-request', async () => {
    const client = await RawStaffClient.connect(base, { token: TOKEN });
    client.send({ type: 'hello', token: TOKEN });
    await client.waitForWelcome();
    const before = await lineCount();
    client.send({ type: 'session.start', id: 'name', staffName: HOSTILE['right-to-left override'] });
    expect(await client.waitForReply('name')).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(await lineCount()).toBe(before);

    client.send({ type: 'session.start', id: 'open', staffName: 'Sato' });
    const sessionId = (await client.waitForReply('open')).sessionId as string;
    const opened = await lineCount();
    client.send({ type: 'session.override', id: 'why', sessionId, reason: 'ok\u2029' });
    expect(await client.waitForReply('why')).toMatchObject({ type: 'error', code: 'bad-request' });
    client.send({ type: 'session.end', id: 'end', sessionId, reason: 'idle\u0000' });
    expect(await client.waitForReply('end')).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(await lineCount()).toBe(opened);

    client.send({ type: 'session.end', id: 'idle', sessionId, reason: 'idle' });
    expect(await client.waitForReply('idle')).toMatchObject({ type: 'result', ok: true });
    expect(await client.waitForEvent('session.ended', sessionId)).toMatchObject({ reason: 'staff', staffReason: 'idle' });
    client.close();
  });
});
