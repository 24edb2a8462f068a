// The page's one way to the core: Electron's preload if present, else the headless
// shell's WebSocket (let in by the cookie the printed link set). Screens never know which.
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { createWebSocketBridge } from './ws-bridge.js';

declare global {
  interface Window {
    kokuchi?: KioskApi;
  }
}

let api: KioskApi | null = null;

export function getKioskApi(options: { onTakenOver?: () => void } = {}): KioskApi {
  if (api) return api;
  if (window.kokuchi) return (api = window.kokuchi);
  return (api = createWebSocketBridge(options));
}
