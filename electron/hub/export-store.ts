// `kokuchi hub export`: the same forms as `kokuchi ledger export` (JSONL exactly as stored,
// CSV for Excel, JSON-LD per session, the summary table) with the same filters, across the
// fleet: kiosk by kiosk, each in seq order, read a page at a time and streamed.
import type { Pool } from 'pg';
import { exportRecords, type ExportEntry, type ExportOptions } from '../core/ledger/export-ledger.js';
import type { LedgerRecord } from '../shared/events.js';
import { kioskIds, storedRows } from './store-pages.js';

export type StoreExportOptions = ExportOptions & { kiosk?: string | undefined };

async function* storeEntries(pool: Pool, options: StoreExportOptions): AsyncGenerator<ExportEntry> {
  const range = { fromTs: options.from?.toISOString(), toTs: options.to?.toISOString() };
  for (const kioskId of await kioskIds(pool, options.kiosk)) {
    // Each line was checked as a ledger line on arrival; `hub verify` rechecks them.
    for await (const row of storedRows(pool, kioskId, range)) yield { record: JSON.parse(row.line) as LedgerRecord, line: row.line };
  }
}

export function exportStore(pool: Pool, options: StoreExportOptions): AsyncGenerator<string> {
  return exportRecords(storeEntries(pool, options), options);
}
