// Staff pause and resume the recording: each a durable event, only from the right state,
// and a paused session still closes honestly with `logging.stop`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../../electron/core/config/load-config.js';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { loadLocales } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import { CounterSession } from '../../../electron/core/session/counter-session.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';

const { locales } = await loadLocales(join(import.meta.dirname, '../../../locales'));
let dir: string;
let ledger: ConsentLedger;
let events: LedgerRecord[];
let clock: number;

function machine(): CounterSession {
  return new CounterSession({
    events: ledger,
    timing: EXAMPLE_CONFIG.session,
    renderNotice: (language, ctx) => renderNotice(locales.get(language)!, EXAMPLE_CONFIG, ctx),
    newSessionId: () => 's1',
    onChange: () => undefined,
    now: () => clock,
  });
}

async function logging(session: CounterSession): Promise<string> {
  const id = await session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' });
  await session.noticeShown(id, session.session!.notice.version);
  await session.answer(id, 'acknowledged');
  return id;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-pause-'));
  ledger = await ConsentLedger.open({ dir, kioskId: 'k1', counterId: 'c1' });
  events = [];
  clock = 1_000_000;
  ledger.onAppend((record) => events.push(record));
});

afterEach(async () => {
  await ledger.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pause and resume', () => {
  it('pauses and resumes while logging, with the reason recorded, and the staff see the state', async () => {
    const session = machine();
    const id = await logging(session);
    await session.pause(id, 'private aside');
    expect(session.state).toBe('paused');
    expect(session.activeSession()).toEqual({ sessionId: id, state: 'paused' });
    expect(session.session!.pausedSince).toBe(clock);
    expect(events.at(-1)).toMatchObject({ type: 'logging.paused', reason: 'private aside', sessionId: id });
    await session.resume(id);
    expect(session.state).toBe('logging');
    expect(session.session!.pausedSince).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'logging.resumed', sessionId: id });
    await session.pause(id);
    expect(events.at(-1)).toMatchObject({ type: 'logging.paused', reason: '' });
  });

  it('a pause while paused, a resume while recording, and either before logging are invalid-state and write nothing', async () => {
    const session = machine();
    const id = await session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' });
    await expect(session.pause(id)).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(session.resume(id)).rejects.toMatchObject({ code: 'invalid-state' });
    await session.noticeShown(id, session.session!.notice.version);
    await session.answer(id, 'acknowledged');
    await expect(session.resume(id)).rejects.toMatchObject({ code: 'invalid-state' });
    await session.pause(id);
    const written = events.length;
    await expect(session.pause(id)).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(session.pause('other')).rejects.toMatchObject({ code: 'not-found' });
    expect(events).toHaveLength(written);
  });

  it('ending a paused session still writes logging.stop, and a paused session cannot be answered again', async () => {
    const session = machine();
    const id = await logging(session);
    await session.pause(id);
    await expect(session.override(id, 'again')).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(session.changeLanguage(id, 'ja')).rejects.toMatchObject({ code: 'invalid-state' });
    await session.end(id);
    expect(events.map((e) => e.type).slice(-4)).toEqual(['logging.start', 'logging.paused', 'logging.stop', 'session.ended']);
    await expect(session.resume(id)).rejects.toMatchObject({ code: 'invalid-state' });
  });
});
