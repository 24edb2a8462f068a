// What a shell (Electron or headless) gets from the core: the page's calls, the view
// stream, and an orderly shutdown. Shells never reach further in than this.
import type { RecoveryAction, RecoveryCause } from '../shared/events.js';
import type { KioskConfig } from './config/schema.js';
import type { KioskEndReason } from './session/counter-session.js';
import type { KioskCall, KioskCallOutput, KioskView } from '../shared/kiosk-api.js';
import type { LedgerFiles } from './ledger/ledger-files.js';
import type { DeliveryClock } from './webhooks/delivery-clock.js';
import type { DeliveryTiming } from './webhooks/endpoint-deliverer.js';

export interface KioskCore {
  /** Validates `input` against `KIOSK_CALLS[call]`, then runs it. Rejects with a `KioskCallError`-shaped error. */
  call<C extends KioskCall>(call: C, input: unknown): Promise<KioskCallOutput[C]>;
  onView(listener: (view: KioskView) => void): () => void;
  /** The page (kiosk screen) connected or went away; reported to staff as `screen`. */
  setScreenConnected(connected: boolean): void;
  /** Where the staff link listens, e.g. `http://127.0.0.1:4780/`. */
  readonly staffLinkUrl: string;
  /** Closes open sessions in the ledger (`kiosk-restart` unless told otherwise), stops listeners, releases the lock. */
  close(reason?: KioskEndReason): Promise<void>;
  /** The shell brought the kiosk screen back: closes an open session (`kiosk-recovery`), then writes `kiosk.recovered`. */
  recordRecovery(cause: RecoveryCause, action: RecoveryAction): Promise<void>;
  /** The shell refused a LAN update (unsigned, bad signature): written as `update.refused`. */
  recordUpdateRefused(version: string, reason: string): Promise<void>;
  /** The admin screen asked to exit; only a shell that can exit subscribes (the admin screen offers it only then). */
  onExitRequested(listener: () => void): () => void;
}

/** The small key-value store both shells provide: electron-store in Electron, conf headless. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Calls `listener` when `key` changes, also when another process (`kokuchi token --rotate`) wrote the file. */
  onDidChange?(key: string, listener: (value: unknown) => void): () => void;
}

export interface StartKioskOptions {
  /** Folder of the ledger and outbox: Electron's userData, or `--data`. */
  dataDir: string;
  /** kokuchi.config.json; absent → the built-in example office. */
  configPath?: string;
  settings: SettingsStore;
  /** The app's version, recorded in `kiosk.started`. */
  version: string;
  /** Command-line flags and environment, which win over the file. */
  overrides?: { host?: string; port?: number; token?: string };
  /** Where locales/ lives (the app bundle, or the project root in development). */
  localesDir: string;
  /** Problems the shell found (e.g. a corrupt settings file), shown on the maintenance screen. */
  problems?: string[];
  /**
   * The configuration that last loaded cleanly, as the shell kept it: after a fallback to
   * the example office its admin PIN and TLS stay in force (the core also remembers them itself).
   */
  lastGoodConfig?: KioskConfig;
  /** The built renderer (dist/renderer): the staff link serves its staff console at `/staff/`. */
  consoleDir?: string;
  /** How the ledger reaches its disk; the real file system unless a test makes it fail. */
  ledgerFiles?: LedgerFiles;
  /** The wall clock and the time since boot the ledger reads; the system's unless a test steps them. */
  ledgerClock?: { now: () => Date; sinceBoot: () => number };
  /** The outbox's retry schedule and clock (webhooks and the records hub); the contract's and the system's by default. */
  delivery?: { timing?: Partial<DeliveryTiming>; clock?: DeliveryClock };
}

// Implemented in ./start-kiosk.ts:
//   export async function startKiosk(options: StartKioskOptions): Promise<KioskCore>
