// On a touch tablet the mouse pointer is only a stray arrow in the middle of the notice.
import type { KioskConfig } from '../core/index.js';

export const HIDDEN_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

export type TouchSupport = 'available' | 'unavailable' | 'unknown';

export function shouldHideCursor(setting: KioskConfig['kiosk']['hideCursor'], touchSupport: TouchSupport): boolean {
  return setting === 'auto' ? touchSupport === 'available' : setting;
}

export interface StylableContents {
  on(event: 'did-finish-load', listener: () => void): unknown;
  insertCSS(css: string): Promise<string>;
}

/** Hides the pointer on every load: inserted CSS does not survive a reload. */
export function hideCursorOnEveryLoad(contents: StylableContents): void {
  contents.on('did-finish-load', () => {
    contents.insertCSS(HIDDEN_CURSOR_CSS).catch((error: unknown) => {
      console.error('kokuchi: could not hide the cursor:', error instanceof Error ? error.message : String(error));
    });
  });
}
