// The session machine against a real ledger in a temp folder: every step is a durable
// event, answers count only once written, and nothing can be answered out of turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_CONFIG } from '../../../electron/core/config/load-config.js';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { loadLocales } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import { CounterSession } from '../../../electron/core/session/counter-session.js';
import { closeSessionLeftOpen } from '../../../electron/core/session/restart-recovery.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';

const { locales } = await loadLocales(join(import.meta.dirname, '../../../locales'));
let dir: string;
let ledger: ConsentLedger;
let events: LedgerRecord[];

function machine(timing: Partial<typeof EXAMPLE_CONFIG.session> = {}): CounterSession {
  let n = 0;
  return new CounterSession({
    events: ledger,
    timing: { ...EXAMPLE_CONFIG.session, ...timing },
    renderNotice: (language, ctx) => renderNotice(locales.get(language)!, EXAMPLE_CONFIG, ctx),
    newSessionId: () => `s${++n}`,
    onChange: () => undefined,
  });
}

/** The session's timers run on Vitest's fake clock; its ledger writes are real, so they are awaited. */
function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/** Waits (real time) for the record a fired timer is writing, without moving the fake clock on. */
async function written(type: string): Promise<LedgerRecord> {
  await vi.waitFor(() => expect(events.at(-1)?.type).toBe(type), { interval: 0 });
  return events.at(-1)!;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-session-'));
  ledger = await ConsentLedger.open({ dir, kioskId: 'k1', counterId: 'c1' });
  events = [];
  ledger.onAppend((record) => events.push(record));
});

afterEach(async () => {
  vi.useRealTimers();
  await ledger.close();
  await rm(dir, { recursive: true, force: true });
});

describe('CounterSession', () => {
  it('runs acknowledge → logging → end, and each event is durable before the state moves', async () => {
    const session = machine();
    const id = await session.start({ by: 'staff', staffName: 'Sato', language: 'en', recording: 'audio' });
    expect(session.screen()).toBe('notice');
    const version = session.session!.notice.version;
    await session.noticeShown(id, version);
    await session.answer(id, 'acknowledged');
    expect(session.screen()).toBe('thanks');
    expect(ledger.lastSeq).toBe(events.length);
    await session.end(id);
    expect(session.screen()).toBe('ended');
    expect(events.map((e) => e.type)).toEqual([
      'session.started', 'notice.shown', 'consent.acknowledged', 'logging.start', 'logging.stop', 'session.ended',
    ]);
    expect(events[2]).toMatchObject({ language: 'en', noticeVersion: version, sessionId: id });
    expect(events[4]).toMatchObject({ reason: 'staff' });
  });

  it('refuses an answer before the notice was shown, a second session, and unknown sessions', async () => {
    const session = machine();
    const id = await session.start({ by: 'resident', staffName: null, language: 'ja', recording: 'audio' });
    await expect(session.answer(id, 'acknowledged')).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(session.end('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(session.noticeShown(id, 'sha256:' + '0'.repeat(64))).rejects.toMatchObject({ code: 'invalid-state' });
    expect(events.map((e) => e.type)).toEqual(['session.started']);
  });

  it('a question does not start logging; a staff override does, with its reason', async () => {
    const session = machine();
    const id = await session.start({ by: 'staff', staffName: null, language: 'ja', recording: 'audio-video' });
    await session.noticeShown(id, session.session!.notice.version);
    await session.answer(id, 'questioned');
    expect(session.screen()).toBe('question');
    expect(events.some((e) => e.type === 'logging.start')).toBe(false);
    await session.override(id, 'explained');
    expect(events.at(-1)).toMatchObject({ type: 'logging.start', by: 'staff-override', reason: 'explained', recording: 'audio-video' });
    expect(session.screen()).toBe('recording');
  });

  it('times out an unanswered notice, and a touch can extend the time', async () => {
    useFakeClock();
    const session = machine({ answerTimeoutSeconds: 30, idleResetSeconds: 600 });
    const id = await session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' });
    await session.noticeShown(id, session.session!.notice.version);
    await vi.advanceTimersByTimeAsync(20_000);
    session.touch(true);
    await vi.advanceTimersByTimeAsync(29_999);
    // 50 s after the notice was shown, the touch at 20 s has kept it open.
    expect(session.screen()).toBe('notice');
    await vi.advanceTimersByTimeAsync(1);
    expect(await written('consent.timeout')).toMatchObject({ language: 'en', elapsedMs: 50_000 });
    expect(session.screen()).toBe('timeout');
  });

  it('a language change is recorded once the page shows the new notice', async () => {
    const session = machine();
    const id = await session.start({ by: 'staff', staffName: null, language: 'ja', recording: 'audio' });
    const jaVersion = session.session!.notice.version;
    await session.noticeShown(id, jaVersion);
    await session.changeLanguage(id, 'vi');
    const viVersion = session.session!.notice.version;
    expect(viVersion).not.toBe(jaVersion);
    await expect(session.answer(id, 'acknowledged')).rejects.toMatchObject({ code: 'invalid-state' });
    await session.noticeShown(id, viVersion);
    await session.answer(id, 'acknowledged');
    expect(events.map((e) => e.type)).toContain('language.changed');
    expect(events.find((e) => e.type === 'consent.acknowledged')).toMatchObject({ language: 'vi', noticeVersion: viVersion });
  });

  it('idle reset closes an unanswered session and returns to idle', async () => {
    useFakeClock();
    const session = machine({ idleResetSeconds: 120, endedSeconds: 10 });
    await session.start({ by: 'resident', staffName: null, language: 'en', recording: 'audio' });
    await vi.advanceTimersByTimeAsync(119_999);
    expect(session.screen()).toBe('notice');
    await vi.advanceTimersByTimeAsync(1);
    expect(await written('session.ended')).toMatchObject({ reason: 'idle' });
    expect(session.screen()).toBe('ended');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(session.screen()).toBe('idle');
    expect(session.session).toBeNull();
  });

  it('remembers a language tapped at idle until a session opens or the idle reset forgets it', async () => {
    useFakeClock();
    const session = machine({ idleResetSeconds: 120 });
    session.chooseLanguage('ne');
    await vi.advanceTimersByTimeAsync(119_999);
    expect(session.chosenLanguage).toBe('ne');
    await vi.advanceTimersByTimeAsync(1);
    expect(session.chosenLanguage).toBeNull();
    session.chooseLanguage('th');
    await session.start({ by: 'staff', staffName: null, language: 'th', recording: 'audio' });
    expect(session.chosenLanguage).toBeNull();
    expect(() => session.chooseLanguage('my')).toThrow(/session is open/);
  });

  it('a restart closes a session left open, stopping logging first', async () => {
    const session = machine();
    const id = await session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' });
    await session.noticeShown(id, session.session!.notice.version);
    await session.answer(id, 'acknowledged');
    // The kiosk dies here; the next run finds the session open.
    expect(await closeSessionLeftOpen(ledger, 'kiosk-restart')).toBe(id);
    expect(events.slice(-2)).toMatchObject([
      { type: 'logging.stop', reason: 'kiosk-restart', sessionId: id },
      { type: 'session.ended', reason: 'kiosk-restart', sessionId: id },
    ]);
    expect(await closeSessionLeftOpen(ledger, 'kiosk-restart')).toBeNull();
  });
});
