import { describe, expect, it } from 'vitest';
import { keepDisplayAwake } from '../../../electron/main/display-awake.js';
import { FakePowerSaveBlocker } from '../../fixtures/fake-electron.js';

describe('keepDisplayAwake', () => {
  it('keeps the display from sleeping, not just the app from suspending', () => {
    const blocker = new FakePowerSaveBlocker();
    expect(keepDisplayAwake(blocker, true)).toBe(1);
    expect(blocker.started).toEqual([{ id: 1, type: 'prevent-display-sleep' }]);
  });

  it('does nothing when the office turned it off', () => {
    const blocker = new FakePowerSaveBlocker();
    expect(keepDisplayAwake(blocker, false)).toBeNull();
    expect(blocker.started).toEqual([]);
  });
});
