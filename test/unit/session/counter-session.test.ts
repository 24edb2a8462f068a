// The session machine against a real ledger in a temp folder: every step is a durable
// event, answers count only once written, and nothing can be answered out of turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-session-'));
  ledger = await ConsentLedger.open({ dir, kioskId: 'k1', counterId: 'c1' });
  events = [];
  ledger.onAppend((record) => events.push(record));
});

afterEach(async () => {
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
    const session = machine({ answerTimeoutSeconds: 0.3, idleResetSeconds: 60 });
    const id = await session.start({ by: 'staff', staffName: null, language: 'en', recording: 'audio' });
    await session.noticeShown(id, session.session!.notice.version);
    await new Promise((r) => setTimeout(r, 200));
    session.touch(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(session.screen()).toBe('notice');
    await until(() => session.screen() === 'timeout');
    expect(events.at(-1)).toMatchObject({ type: 'consent.timeout', language: 'en' });
    expect(events.at(-1)!.elapsedMs as number).toBeGreaterThanOrEqual(400);
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
    const session = machine({ idleResetSeconds: 0.2, endedSeconds: 0.1 });
    await session.start({ by: 'resident', staffName: null, language: 'en', recording: 'audio' });
    await until(() => session.screen() === 'idle');
    expect(events.at(-1)).toMatchObject({ type: 'session.ended', reason: 'idle' });
    expect(session.session).toBeNull();
  });

  it('remembers a language tapped at idle until a session opens or the idle reset forgets it', async () => {
    const session = machine({ idleResetSeconds: 0.2 });
    session.chooseLanguage('ne');
    expect(session.chosenLanguage).toBe('ne');
    await until(() => session.chosenLanguage === null);
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
