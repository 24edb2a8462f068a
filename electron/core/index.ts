// The core's front door: everything a shell (electron/main, electron/cli, bin/) may use.
// Shells import from here only (an ESLint rule enforces it), so what lies behind it can
// move without a shell noticing.

// Starting and running one kiosk.
import type { KioskCore, StartKioskOptions } from './kiosk-core.js';
export type { KioskCore, SettingsStore, StartKioskOptions } from './kiosk-core.js';

/**
 * Starts one kiosk. Its modules load only then: the offline tools (ledger, notice, receipt)
 * load neither the staff link's WebSocket server nor the metrics registry.
 */
export async function startKiosk(options: StartKioskOptions): Promise<KioskCore> {
  const { startKiosk: start } = await import('./start-kiosk.js');
  return start(options);
}
export type { KioskEndReason } from './session/counter-session.js';
export { KioskError, toKioskError } from './session/kiosk-error.js';
export { offeredLanguages } from './session/kiosk-view.js';

// Configuration.
export { CONFIG_FILE_NAME, CONFIG_PATH_ENV, configFolders, findConfigPath, type ConfigPlaces } from './config/config-location.js';
export { configSchema, type KioskConfig } from './config/schema.js';
export { EXAMPLE_CONFIG, loadConfig, parseConfigText, type LoadedConfig } from './config/load-config.js';
export { STAFF_TOKEN_ENV, envStaffToken } from './config/env-staff-token.js';
export { jsonErrorPlace } from './config/json-error-place.js';

// The ledger (ledger.md): verify, export, prune.
export { ConsentLedger } from './ledger/consent-ledger.js';
export { exportLedger } from './ledger/export-ledger.js';
export { pruneLedger } from './ledger/prune-ledger.js';
export { readLastRecord } from './ledger/read-records.js';
export { verifyLedger } from './ledger/verify-ledger.js';

// Notices, locales and receipts.
export { checkLocale, flatten as flattenLocaleKeys } from './notice/locale-check.js';
export { loadLocales, type Locale } from './notice/locale-files.js';
export { noticeArchiveDir, readArchivedNotice } from './notice/notice-archive.js';
export { PUBLIC_KEY_FILE, publicKeyFrom } from './receipt/receipt-key.js';
export { verifyReceipt } from './receipt/resident-receipt.js';

// The staff link's token and the guards every listener shares.
export { TOKEN_SETTING, newPairingToken } from './staff-link/pairing-token.js';
export { tokenMatches } from './staff-link/access-guard.js';
export { requestTarget } from './staff-link/request-target.js';
export { servedHostCheck } from './staff-link/served-host.js';
export { fileInsideFolder } from './page-files/file-inside-folder.js';
export { sendPageFile } from './page-files/send-page-file.js';
export { redactUrls } from './webhooks/endpoint-url.js';
export { easyJapaneseOfficeProblems, officeTextGapLine, officeTextGaps } from './config/office-text-gaps.js';
