import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  RECOVERY_POLICY,
  healKioskPage,
  nextRecoveryStep,
  recoveryCause,
  type RecoveryPolicy,
} from '../../../electron/main/page-recovery.js';
import type { RecoveryAction, RecoveryCause } from '../../../electron/shared/events.js';
import { FakeWebContents, fakeEvent } from '../../fixtures/fake-electron.js';

const POLICY: RecoveryPolicy = { firstDelayMs: 1000, maxDelayMs: 8000, relaunchAfter: 5, windowMs: 60_000, hangGraceMs: 5000 };

describe('nextRecoveryStep', () => {
  it('reloads after 1 s, 2 s, 4 s… for failures close together, then relaunches', () => {
    const steps = [1, 2, 3, 4, 5].map((n) =>
      nextRecoveryStep(Array.from({ length: n }, (_, i) => i * 10), 100, POLICY),
    );
    expect(steps).toEqual([
      { action: 'reload', delayMs: 1000 },
      { action: 'reload', delayMs: 2000 },
      { action: 'reload', delayMs: 4000 },
      { action: 'reload', delayMs: 8000 },
      { action: 'relaunch' },
    ]);
  });

  it('forgets failures older than the window, and caps the delay', () => {
    expect(nextRecoveryStep([0, 1, 2, 3, 70_000], 70_000, POLICY)).toEqual({ action: 'reload', delayMs: 1000 });
    expect(nextRecoveryStep([1, 2, 3, 4], 5, { ...POLICY, maxDelayMs: 3000 })).toEqual({ action: 'reload', delayMs: 3000 });
  });

  it('defaults to 1 s first, relaunch on the fifth failure in ten minutes', () => {
    expect(RECOVERY_POLICY).toMatchObject({ firstDelayMs: 1000, relaunchAfter: 5, windowMs: 600_000 });
  });
});

describe('recoveryCause', () => {
  it("maps Electron's reasons to the ledger's causes; a clean exit needs no recovery", () => {
    expect(recoveryCause('crashed')).toBe('crashed');
    expect(recoveryCause('oom')).toBe('oom');
    expect(recoveryCause('killed')).toBe('killed');
    expect(recoveryCause('clean-exit')).toBeNull();
    expect(recoveryCause('some-future-reason')).toBe('crashed');
  });
});

describe('healKioskPage', () => {
  let contents: FakeWebContents;
  let recorded: [RecoveryCause, RecoveryAction][];
  let relaunches: number;
  let clock: number;

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    recorded = [];
    relaunches = 0;
    contents = new FakeWebContents();
    healKioskPage(contents, {
      core: { recordRecovery: async (cause, action) => void recorded.push([cause, action]) },
      relaunch: () => void (relaunches += 1),
      policy: POLICY,
      now: () => clock,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const crash = (reason: string): void => void contents.emit('render-process-gone', fakeEvent(), { reason });

  it('reloads a crashed page after the backoff and records each recovery', async () => {
    crash('crashed');
    expect(recorded).toEqual([['crashed', 'reload']]);
    await vi.advanceTimersByTimeAsync(999);
    expect(contents.reloads).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(contents.reloads).toBe(1);

    clock = 5000;
    crash('oom');
    await vi.advanceTimersByTimeAsync(1999);
    expect(contents.reloads).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(contents.reloads).toBe(2);
    expect(recorded).toEqual([['crashed', 'reload'], ['oom', 'reload']]);
  });

  it('does nothing for a clean exit', async () => {
    crash('clean-exit');
    await vi.runAllTimersAsync();
    expect(contents.reloads).toBe(0);
    expect(recorded).toEqual([]);
  });

  it('relaunches the kiosk once reloading keeps failing, after recording it', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock += 100;
      crash('crashed');
    }
    await vi.runAllTimersAsync();
    expect(recorded.at(-1)).toEqual(['crashed', 'relaunch']);
    expect(relaunches).toBe(1);
    crash('crashed');
    await vi.runAllTimersAsync();
    expect(relaunches).toBe(1);
  });

  it('ends and reloads a page that stays unresponsive, counting the hang once', async () => {
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(4999);
    expect(contents.rendererCrashes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(contents.rendererCrashes).toBe(1);
    // The renderer we ended reports itself gone ('killed'); that is the same recovery, not another.
    await vi.advanceTimersByTimeAsync(1000);
    expect(recorded).toEqual([['unresponsive', 'reload']]);
    expect(contents.reloads).toBe(1);
  });

  it('lets a page that becomes responsive again carry on', async () => {
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(3000);
    contents.emit('responsive');
    await vi.runAllTimersAsync();
    expect(contents.rendererCrashes).toBe(0);
    expect(recorded).toEqual([]);
  });

  it('does not reload a destroyed page', async () => {
    crash('crashed');
    contents.destroy();
    await vi.runAllTimersAsync();
    expect(contents.reloads).toBe(0);
  });
});
