// The floor `kokuchi ledger verify` and `export` are measured against (npm run bench): the
// least any verifier must do — read the segments in 1 MiB pieces, split lines, JSON.parse each
// and check its prev against the SHA-256 of the line before — with the fastest primitives Node
// has for each step, the ones the ledger uses (a fatal TextDecoder, one-shot crypto.hash).
// Plain JavaScript on one thread, so no loader weighs on it. Prints "<records> records, head <hash>".
import * as crypto from 'node:crypto';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const CHUNK = 1 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const dir = process.argv[2];
if (!dir) throw new Error('usage: ledger-floor.mjs LEDGER_DIR');
const segments = (await readdir(dir)).filter((name) => /^\d{4}-\d{2}\.jsonl$/.test(name)).sort();
let prev = '0'.repeat(64);
let count = 0;
for (const segment of segments) {
  const handle = await open(join(dir, segment), 'r');
  let carry = Buffer.alloc(0);
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
    if (bytesRead === 0) break;
    const data = carry.length ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
    let start = 0;
    for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
      const line = data.subarray(start, end);
      const record = JSON.parse(utf8.decode(line));
      if (record.prev !== prev) throw new Error(`chain broken at record ${count + 1}`);
      prev = crypto.hash('sha256', line, 'hex');
      count += 1;
      start = end + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  await handle.close();
}
process.stdout.write(`${count} records, head ${prev}\n`);
