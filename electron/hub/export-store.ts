// `kokuchi hub export`: the same forms as `kokuchi ledger export` (JSONL exactly as stored,
// CSV for Excel, JSON-LD per session, the summary table) with the same filters, across the
// fleet: kiosk by kiosk, each in seq order, read a page at a time and streamed.
import type { Pool } from 'pg';
import { exportRecords, type ExportEntry, type ExportOptions } from '../core/ledger/export-ledger.js';
import type { LedgerRecord } from '../shared/events.js';
import { fleetPages, kioskIds, type KioskPage } from './store-pages.js';

export type StoreExportOptions = ExportOptions & { kiosk?: string | undefined };

/**
 * Smaller pages than verify's: a page outlives many a young-generation collection while it
 * waits on the output's writes, so what is promoted, and the peak memory, go with its size.
 */
const EXPORT_PAGE = 1000;

async function* storePages(pool: Pool, options: StoreExportOptions): AsyncGenerator<KioskPage> {
  const choice = { fromTs: options.from?.toISOString(), toTs: options.to?.toISOString(), pageSize: EXPORT_PAGE };
  yield* fleetPages(pool, await kioskIds(pool, options.kiosk), choice);
}

async function* storeEntries(pool: Pool, options: StoreExportOptions): AsyncGenerator<ExportEntry> {
  // Each line was checked as a ledger line on arrival; `hub verify` rechecks them.
  for await (const { rows } of storePages(pool, options)) {
    for (const row of rows) yield { record: JSON.parse(row.line) as LedgerRecord, line: row.line };
  }
}

/** JSONL with no filter the database has not already applied: the stored lines as they are, none parsed. */
async function* storeLines(pool: Pool, options: StoreExportOptions): AsyncGenerator<string> {
  for await (const { rows } of storePages(pool, options)) {
    for (const row of rows) yield `${row.line}\n`;
  }
}

export function exportStore(pool: Pool, options: StoreExportOptions): AsyncGenerator<string> {
  const asStored = options.format === 'jsonl' && !options.summary && !options.types && options.counter === undefined && options.session === undefined;
  return asStored ? storeLines(pool, options) : exportRecords(storeEntries(pool, options), options);
}
