// The ledger's size on disk: the sum of its segment files, read when metrics are scraped.
import { stat } from 'node:fs/promises';
import { listSegments, segmentPath } from '../ledger/segment-files.js';

export async function ledgerBytes(dir: string): Promise<number> {
  let total = 0;
  for (const segment of await listSegments(dir)) {
    try {
      total += (await stat(segmentPath(dir, segment))).size;
    } catch (error) {
      // Pruned between the listing and the stat: it no longer counts.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return total;
}
