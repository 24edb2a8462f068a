// The page's one way to the core: Electron's preload if present, else the headless
// shell's WebSocket (secret from the kiosk URL). Screens never know which.
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { createWebSocketBridge } from './ws-bridge.js';

declare global {
  interface Window {
    kokuchi?: KioskApi;
  }
}

let api: KioskApi | null = null;

export function getKioskApi(): KioskApi {
  if (api) return api;
  if (window.kokuchi) return (api = window.kokuchi);
  const secret = new URLSearchParams(location.search).get('secret');
  if (!secret) throw new Error('This page must be opened from the kiosk URL that `kokuchi serve` prints.');
  return (api = createWebSocketBridge(secret));
}
