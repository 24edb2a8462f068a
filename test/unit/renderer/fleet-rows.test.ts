// The fleet table's judgement: quiet counters, delivery lag, problems, the filter and the order.
import { describe, expect, it } from 'vitest';
import { durationParts, fleetView, isQuiet, lagSeconds, matchesFilter } from '../../../renderer/fleet/fleet-rows.js';
import type { FleetKiosk } from '../../../renderer/fleet/hub-answers.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const kiosk = (overrides: Partial<FleetKiosk>): FleetKiosk => ({
  kioskId: 'kiosk-1',
  counterId: 'shimin-1',
  lastSeq: 10,
  lastTs: '2026-12-02T09:59:50.000Z',
  lastSeenAt: '2026-12-02T09:59:53.000Z',
  chain: 'ok',
  version: '0.1.0',
  ...overrides,
});

describe('fleet rows', () => {
  it('calls a counter quiet once it has not been heard from for longer than the minutes chosen, or never', () => {
    expect(isQuiet(kiosk({ lastSeenAt: '2026-12-02T09:45:00.000Z' }), NOW, 15)).toBe(false);
    expect(isQuiet(kiosk({ lastSeenAt: '2026-12-02T09:44:59.000Z' }), NOW, 15)).toBe(true);
    expect(isQuiet(kiosk({ lastSeenAt: null }), NOW, 15)).toBe(true);
    expect(isQuiet(kiosk({ lastSeenAt: 'yesterday' }), NOW, 15)).toBe(true);
  });

  it('measures the lag from the record\'s own time to its arrival at the hub', () => {
    expect(lagSeconds(kiosk({}))).toBe(3);
    // A kiosk clock ahead of the hub's is no negative lag.
    expect(lagSeconds(kiosk({ lastTs: '2026-12-02T10:00:10.000Z' }))).toBe(0);
    expect(lagSeconds(kiosk({ lastTs: null }))).toBeNull();
  });

  it('matches office, counter and kiosk id, ignoring case and full width', () => {
    const k = kiosk({ office: '港区役所 区民課' });
    expect(matchesFilter(k, ' ＳＨＩＭＩＮ ')).toBe(true);
    expect(matchesFilter(k, '区民課')).toBe(true);
    expect(matchesFilter(k, 'KIOSK-1')).toBe(true);
    expect(matchesFilter(k, 'kokuho')).toBe(false);
    expect(matchesFilter(k, '')).toBe(true);
  });

  it('puts counters with problems first, then quiet ones, and counts both over the whole fleet', () => {
    const view = fleetView(
      [
        kiosk({ kioskId: 'a', counterId: 'a' }),
        kiosk({ kioskId: 'q', counterId: 'q', lastSeenAt: '2026-12-02T08:00:00.000Z' }),
        kiosk({ kioskId: 'd', counterId: 'd', chain: 'diverged', problems: ['forged record refused'] }),
        kiosk({ kioskId: 'x', counterId: 'x', chain: 'rewound' }),
      ],
      { now: NOW, quietMinutes: 15, filter: '' },
    );
    expect(view.rows.map((row) => row.kiosk.kioskId)).toEqual(['d', 'x', 'q', 'a']);
    expect(view.rows[0]?.problems).toEqual([{ kind: 'diverged' }, { kind: 'hub', text: 'forged record refused' }]);
    // A chain state this page does not know is shown as a problem, never as fine.
    expect(view.rows[1]?.problems).toEqual([{ kind: 'chain', chain: 'rewound' }]);
    expect(view).toMatchObject({ total: 4, quiet: 1, withProblems: 2 });
    expect(fleetView(view.rows.map((row) => row.kiosk), { now: NOW, quietMinutes: 15, filter: 'q' })).toMatchObject({ total: 4, quiet: 1 });
  });

  it('words a duration in its largest whole unit', () => {
    expect(durationParts(42)).toEqual({ unit: 'seconds', n: 42 });
    expect(durationParts(61)).toEqual({ unit: 'minutes', n: 1 });
    expect(durationParts(3 * 3600 + 5)).toEqual({ unit: 'hours', n: 3 });
    expect(durationParts(2 * 86_400)).toEqual({ unit: 'days', n: 2 });
  });
});
