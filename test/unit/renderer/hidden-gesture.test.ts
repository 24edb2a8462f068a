import { describe, expect, it } from 'vitest';
import { TAPS_TO_OPEN, TAP_WINDOW_MS, countTap } from '../../../renderer/admin/hidden-gesture.js';

function tapAt(times: number[]): boolean[] {
  let taps: number[] = [];
  return times.map((now) => {
    const counted = countTap(taps, now);
    taps = counted.taps;
    return counted.complete;
  });
}

describe('countTap', () => {
  it('completes on the fifth tap within three seconds', () => {
    expect([TAPS_TO_OPEN, TAP_WINDOW_MS]).toEqual([5, 3000]);
    expect(tapAt([0, 500, 1000, 1500, 2000])).toEqual([false, false, false, false, true]);
  });

  it('does not complete when the taps are spread out, and starts over after completing', () => {
    expect(tapAt([0, 1000, 2000, 3000, 4000])).toEqual([false, false, false, false, false]);
    expect(tapAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([false, false, false, false, true, false, false, false, false, true]);
  });
});
