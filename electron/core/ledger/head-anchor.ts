// The newest record has no successor holding its hash, so a changed last line would go
// unnoticed by the chain alone. `head.json` keeps the last durable seq and line hash
// beside the segments; verify checks the record at that seq against it.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const HEAD_FILE = 'head.json';

export interface HeadAnchor {
  seq: number;
  hash: string;
}

/** Best effort, after the records are durable: a lagging anchor only covers less, never wrongly. */
export async function writeHeadAnchor(dir: string, anchor: HeadAnchor): Promise<void> {
  const temp = join(dir, `${HEAD_FILE}.tmp`);
  await writeFile(temp, `${JSON.stringify({ seq: anchor.seq, hash: anchor.hash })}\n`, { mode: 0o600 });
  await rename(temp, join(dir, HEAD_FILE));
}

/** The anchor, null if there is none, or a problem string if it cannot be read. */
export async function readHeadAnchor(dir: string): Promise<HeadAnchor | null | string> {
  let text: string;
  try {
    text = await readFile(join(dir, HEAD_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `${HEAD_FILE} cannot be read: ${(error as Error).message}`;
  }
  try {
    const raw = JSON.parse(text) as Partial<HeadAnchor>;
    if (Number.isInteger(raw.seq) && typeof raw.hash === 'string' && /^[0-9a-f]{64}$/.test(raw.hash)) {
      return { seq: raw.seq as number, hash: raw.hash };
    }
  } catch {
    // fall through to the problem below
  }
  return `${HEAD_FILE} is not {"seq": n, "hash": "<64 hex>"}`;
}
