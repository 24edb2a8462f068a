// Sandboxed preload, bundled to CommonJS: imports only 'electron' and runtime-free
// shared code. The page sees `window.kokuchi` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApiOverIpc } from './kiosk-api-over-ipc.js';

contextBridge.exposeInMainWorld('kokuchi', createKioskApiOverIpc(ipcRenderer));
