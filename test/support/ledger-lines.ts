// The ledger's lines exactly as stored, keyed by event id: what a webhook body must equal.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function ledgerLines(ledgerDir: string): Promise<Array<{ seq: number; id: string; line: string }>> {
  const lines: Array<{ seq: number; id: string; line: string }> = [];
  for (const name of (await readdir(ledgerDir)).filter((file) => /^\d{4}-\d{2}\.jsonl$/.test(file)).sort()) {
    for (const line of (await readFile(join(ledgerDir, name), 'utf8')).split('\n')) {
      if (line === '') continue;
      const { seq, id } = JSON.parse(line) as { seq: number; id: string };
      lines.push({ seq, id, line });
    }
  }
  return lines;
}
