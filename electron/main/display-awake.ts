// A counter screen that dims or sleeps looks broken to the next resident.
export interface DisplaySleepBlocker {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
}

/** Keeps the display on while the kiosk runs; returns the blocker id, or null when the office turned it off. */
export function keepDisplayAwake(blocker: DisplaySleepBlocker, enabled: boolean): number | null {
  return enabled ? blocker.start('prevent-display-sleep') : null;
}
