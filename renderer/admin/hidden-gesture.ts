// The admin screen opens on a gesture no resident makes by chance: five taps within
// three seconds on the idle screen's top-left corner.
export const TAPS_TO_OPEN = 5;
export const TAP_WINDOW_MS = 3000;

/** Adds a tap at `now` to `taps`; returns the taps still counting, and whether the gesture is complete. */
export function countTap(taps: readonly number[], now: number): { taps: number[]; complete: boolean } {
  const recent = [...taps.filter((time) => now - time < TAP_WINDOW_MS), now];
  if (recent.length >= TAPS_TO_OPEN) return { taps: [], complete: true };
  return { taps: recent, complete: false };
}
