// The console's view of the latest session, followed from ledger events.
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../electron/staff-client/index.js';
import { followSession, fromSnapshot, isOpen, needsStaff, type SessionProgress } from '../../../renderer/staff/session-progress.js';

let seq = 0;
type OwnFields<E> = E extends LedgerEvent ? Omit<E, 'seq' | 'id' | 'ts' | 'kioskId' | 'counterId' | 'prev'> : never;
function record(fields: OwnFields<LedgerEvent>): LedgerEvent {
  seq += 1;
  const ts = `2026-11-02T01:02:${String(seq).padStart(2, '0')}.000Z`;
  return { seq, id: `id-${seq}`, ts, kioskId: 'k', counterId: 'c', prev: '0'.repeat(64), ...fields } as LedgerEvent;
}

const version = `sha256:${'a'.repeat(64)}`;

function follow(events: LedgerEvent[], from: SessionProgress | null = null): SessionProgress | null {
  return events.reduce<SessionProgress | null>(followSession, from);
}

describe('followSession', () => {
  it('walks a question, a staff override and the end, remembering who decided and why', () => {
    const progress = follow([
      record({ type: 'session.started', sessionId: 's1', by: 'staff', staffName: '佐藤', recording: 'audio' }),
      record({ type: 'notice.shown', sessionId: 's1', language: 'vi', noticeVersion: version, reviewed: false }),
      record({ type: 'consent.questioned', sessionId: 's1', language: 'vi', noticeVersion: version, elapsedMs: 4000 }),
    ]);
    expect(progress).toMatchObject({ sessionId: 's1', step: 'questioned', staffName: '佐藤', language: 'vi' });
    expect(needsStaff(progress)).toBe(true);

    const done = follow(
      [
        record({ type: 'logging.start', sessionId: 's1', by: 'staff-override', reason: 'explained', recording: 'audio' }),
        record({ type: 'logging.stop', sessionId: 's1', reason: 'staff' }),
        record({ type: 'session.ended', sessionId: 's1', reason: 'staff' }),
      ],
      progress,
    );
    expect(done?.step).toBe('ended');
    expect(done?.logging).toEqual({ by: 'staff-override', reason: 'explained' });
    expect(done?.history.map((h) => h.step)).toEqual(['started', 'notice', 'questioned', 'logging', 'ended']);
    expect(done?.history[1]?.at).toBe('2026-11-02T01:02:02.000Z');
    expect(isOpen(done)).toBe(false);
    expect(needsStaff(done)).toBe(false);
  });

  it('follows a pause and a resume, and a snapshot taken while paused', () => {
    const progress = follow([
      record({ type: 'session.started', sessionId: 's1', by: 'staff', staffName: null, recording: 'audio' }),
      record({ type: 'logging.start', sessionId: 's1', by: 'staff-override', reason: 'explained', recording: 'audio' }),
      record({ type: 'logging.paused', sessionId: 's1', reason: '' }),
    ]);
    expect(progress?.step).toBe('paused');
    expect(isOpen(progress)).toBe(true);
    const resumed = follow([record({ type: 'logging.resumed', sessionId: 's1' })], progress);
    expect(resumed?.step).toBe('logging');
    expect(resumed?.history.map((h) => h.step)).toEqual(['started', 'logging', 'paused', 'resumed']);
    expect(fromSnapshot({ sessionId: 's2', state: 'paused' })?.step).toBe('paused');
  });

  it('keeps the pause reason the ledger recorded while paused, and forgets it on resume', () => {
    const started = follow([
      record({ type: 'session.started', sessionId: 's1', by: 'staff', staffName: null, recording: 'audio' }),
      record({ type: 'logging.start', sessionId: 's1', by: 'acknowledgement', recording: 'audio' }),
    ]);
    expect(started?.pause).toBeNull();
    const paused = follow([record({ type: 'logging.paused', sessionId: 's1', reason: '<b>電話</b> 本人確認' })], started);
    expect(paused?.pause).toEqual({ reason: '<b>電話</b> 本人確認' });
    const resumed = follow([record({ type: 'logging.resumed', sessionId: 's1' })], paused);
    expect(resumed?.pause).toBeNull();
    const again = follow([record({ type: 'logging.paused', sessionId: 's1', reason: '' })], resumed);
    expect(again?.pause).toEqual({ reason: '' });
    // A snapshot says paused but not why: nothing is made up.
    expect(fromSnapshot({ sessionId: 's2', state: 'paused' })?.pause).toBeNull();
  });

  it('ignores other sessions’ events and kiosk-level ones, and a new session replaces the last', () => {
    const first = follow([record({ type: 'session.started', sessionId: 's1', by: 'resident', staffName: null, recording: 'audio-video' })]);
    const same = follow(
      [
        record({ type: 'consent.timeout', sessionId: 'other', language: 'en', noticeVersion: version, elapsedMs: 90000 }),
        record({ type: 'kiosk.started', sessionId: null, version: '1', configVersion: 'x' }),
      ],
      first,
    );
    expect(same).toBe(first);
    const next = follow([record({ type: 'session.started', sessionId: 's2', by: 'staff', staffName: null, recording: 'audio' })], same);
    expect(next).toMatchObject({ sessionId: 's2', step: 'started', by: 'staff', history: [{ step: 'started' }] });
  });
});

describe('fromSnapshot', () => {
  it('takes an open session from the welcome, and nothing for idle or ended', () => {
    expect(fromSnapshot({ sessionId: 's9', state: 'timeout' })).toMatchObject({ sessionId: 's9', step: 'timeout', history: [{ step: 'timeout', at: null }] });
    expect(needsStaff(fromSnapshot({ sessionId: 's9', state: 'timeout' }))).toBe(true);
    expect(fromSnapshot({ sessionId: 's9', state: 'ended' })).toBeNull();
    expect(fromSnapshot(null)).toBeNull();
  });
});
