// `kokuchi hub export`: the same forms as `kokuchi ledger export` (JSONL exactly as stored,
// or CSV for Excel), across the fleet: kiosk by kiosk, each in seq order, streamed.
import type { Pool } from 'pg';
import { CSV_COLUMNS, csvCell, type ExportOptions } from '../core/ledger/export-ledger.js';
import { kioskIds, storedRows } from './store-pages.js';

export async function* exportStore(pool: Pool, options: ExportOptions & { kiosk?: string | undefined }): AsyncGenerator<string> {
  if (options.format === 'csv') yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  const range = { fromTs: options.from?.toISOString(), toTs: options.to?.toISOString() };
  for (const kioskId of await kioskIds(pool, options.kiosk)) {
    for await (const row of storedRows(pool, kioskId, range)) {
      if (options.format === 'jsonl') {
        yield `${row.line}\n`;
        continue;
      }
      const record = JSON.parse(row.line) as Record<string, unknown>;
      yield `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(',')}\r\n`;
    }
  }
}
