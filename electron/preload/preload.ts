// Sandboxed preload, bundled to CommonJS: imports only 'electron' and runtime-free
// shared code. The page sees `window.kokuchi` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { blockContextMenu, type ContextMenuTarget } from './context-menu.js';
import { createKioskApiOverIpc } from './kiosk-api-over-ipc.js';

// The page's window, which the preload shares; declared so the tests' Node-only typecheck knows it too.
declare const window: ContextMenuTarget;

contextBridge.exposeInMainWorld('kokuchi', createKioskApiOverIpc(ipcRenderer));
blockContextMenu(window);
