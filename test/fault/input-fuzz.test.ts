// fast-check properties (fixed seed, bounded runs) over what reaches the running core from
// outside: staff link frames, staff link HTTP requests and the page's bridge calls. Input
// the contract calls invalid gets its error, and changes neither the ledger nor the screen.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { KIOSK_CALLS, type KioskCall } from '../../electron/shared/kiosk-api.js';
import { clientFrameSchema, endBody, ERROR_CODES, overrideBody, sessionStartBody } from '../../electron/shared/staff-protocol.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';

const SEED = 20261202;
const RUNS = 150;
const CONTRACT_STATUSES = [200, 400, 401, 404, 409, 413, 429];

let core: KioskCore;
let dataDir: string;
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir });
});
afterAll(async () => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
  await core.close();
  await removeDataDir(dataDir);
});

/** What must not move: the ledger's head, the screen and the open session. */
async function kioskState(): Promise<unknown> {
  const status = (await (await staffApi(core.staffLinkUrl).get('v1/status')).json()) as { ledger: { lastSeq: number }; activeSession: unknown };
  const view = await core.call('getView', {});
  return { lastSeq: status.ledger.lastSeq, active: status.activeSession, screen: view.screen, session: view.session?.sessionId ?? null };
}

/** Anything JSON can carry, plus shapes close to real frames: the right `type`, wrong fields. */
const nearFrame = fc.record(
  {
    type: fc.oneof(fc.constantFrom('hello', 'session.start', 'session.override', 'session.end', 'ping', 'session.pause'), fc.jsonValue()),
    id: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()),
    sessionId: fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue()),
    staffName: fc.oneof(fc.string({ maxLength: 60, unit: 'binary' }), fc.jsonValue()),
    reason: fc.oneof(fc.string({ maxLength: 240, unit: 'binary' }), fc.jsonValue()),
    recording: fc.oneof(fc.constantFrom('audio', 'video', 'AUDIO'), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const frameText = fc.oneof(
  nearFrame.map((frame) => JSON.stringify(frame)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function isValidFrame(text: string): boolean {
  try {
    return clientFrameSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

describe('fast-check: the staff link and the bridge under invalid input', () => {
  it('every invalid staff frame gets an error with a contract code, on a connection that stays open', async () => {
    const staff = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
    await staff.waitForWelcome();
    const before = await kioskState();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(frameText, async (text) => {
        fc.pre(!isValidFrame(text));
        const replies = staff.frames.filter((f) => f.type === 'error').length;
        staff.send(text);
        sent += 1;
        const reply = await staff.waitFor(() => staff.frames.filter((f) => f.type === 'error').slice(replies)[0] ?? (staff.closeCode !== null && { closed: staff.closeCode }), 'an error');
        expect(reply).toMatchObject({ type: 'error', code: expect.toBeOneOf([...ERROR_CODES]) });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    staff.send({ type: 'ping', id: 'still-there' });
    expect(await staff.waitForReply('still-there')).toMatchObject({ type: 'result', ok: true });
    expect(sent).toBeGreaterThan(RUNS / 2);
    expect(await kioskState()).toEqual(before);
    staff.close();
  });

  it('every invalid HTTP request gets a contract status and a JSON error, and changes nothing', async () => {
    const api = staffApi(core.staffLinkUrl);
    const before = await kioskState();
    const route = fc.oneof(
      fc.constantFrom('v1/sessions', 'v1/sessions/x/override', 'v1/sessions/x/end', 'v1/status', 'v1/events', 'healthz', 'metrics'),
      fc.webSegment().map((segment) => `v1/${segment}`),
      fc.webPath().map((p) => p.replace(/^\//, '')),
      fc.tuple(fc.webSegment(), fc.constantFrom('override', 'end')).map(([id, action]) => `v1/sessions/${id}/${action}`),
      fc.webQueryParameters().map((query) => `v1/events?${query}`),
    );
    const body = fc.oneof(fc.jsonValue(), nearFrame, fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ raw: text })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), route, body, async (method, path, json) => {
        // A well-formed POST starts or ends a session: not invalid input, so not for this property.
        if (method === 'POST' && path === 'v1/sessions') fc.pre(!sessionStartBody.safeParse(json).success);
        if (method === 'POST' && /\/end$/.test(path)) fc.pre(!endBody.safeParse(json).success);
        if (method === 'POST' && /\/override$/.test(path)) fc.pre(!overrideBody.safeParse(json).success);
        const res = await fetch(`${core.staffLinkUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: JSON.stringify(json) }),
        });
        const text = await res.text();
        expect(CONTRACT_STATUSES).toContain(res.status);
        if (res.status >= 400) expect(JSON.parse(text)).toMatchObject({ code: expect.toBeOneOf([...ERROR_CODES]), message: expect.any(String) });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await api.get('healthz')).status).toBe(200);
    expect(await kioskState()).toEqual(before);
  });

  it('every bridge call with input its schema refuses is a bad-request; wrong sessions are refused; nothing moves', async () => {
    const before = await kioskState();
    const calls = Object.keys(KIOSK_CALLS) as KioskCall[];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...calls), fc.oneof(fc.anything(), nearFrame), async (call, input) => {
        fc.pre(!KIOSK_CALLS[call].safeParse(input).success);
        await expect(core.call(call, input)).rejects.toMatchObject({ code: 'bad-request' });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Well-formed calls about a session that is not open.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('noticeShown', 'answer', 'changeLanguage'),
        fc.string({ minLength: 1, maxLength: 64 }),
        async (call, sessionId) => {
          const input = { noticeShown: { sessionId, noticeVersion: 'sha256:00' }, answer: { sessionId, answer: 'acknowledged' }, changeLanguage: { sessionId, language: 'en' } }[call];
          await expect(core.call(call, input)).rejects.toMatchObject({ code: expect.toBeOneOf(['not-found', 'invalid-state', 'bad-request']) });
        },
      ),
      { seed: SEED, numRuns: 50 },
    );
    await expect(core.call('nonsense' as KioskCall, {})).rejects.toMatchObject({ code: 'bad-request' });
    expect(await kioskState()).toEqual(before);
    expect(escaped).toEqual([]);
  });
});
