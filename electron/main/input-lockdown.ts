// On the counter, a keyboard must not open devtools, reload, zoom or close the kiosk.
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/** Whether `input` is a devtools, reload, zoom, fullscreen or close shortcut. */
export function isLockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  const letter = (name: string): boolean => key === name || input.code === `Key${name.toUpperCase()}`;
  if (key === 'f12' || key === 'f5' || key === 'f11') return true;
  if (input.alt && key === 'f4') return true;
  if (!command) return false;
  if (input.shift && (letter('i') || letter('j') || letter('c'))) return true;
  if (input.meta && input.alt && letter('i')) return true;
  if (letter('r') || letter('w') || letter('q')) return true;
  return ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code);
}

export interface LockableContents {
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): unknown;
}

export function lockdownInput(contents: LockableContents, options: { packaged: boolean }): void {
  // Pinch zoom on the touch screen is never wanted, packaged or not.
  Promise.resolve(contents.setVisualZoomLevelLimits(1, 1)).catch(() => undefined);
  if (!options.packaged) return;
  contents.on('before-input-event', (event, input) => {
    if (isLockedShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
