// The kiosk never leaves its own origin: no navigation, redirect, popup or <webview>
// can take the screen to another page.
import { isAppUrl } from './app-origin.js';

export interface NavigationAttempt {
  readonly url: string;
  preventDefault(): void;
}

export interface NavigableContents {
  on(event: 'will-navigate', listener: (event: NavigationAttempt) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationAttempt) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationAttempt) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function denyNavigation(contents: NavigableContents): void {
  const stayInApp = (event: NavigationAttempt): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
