// The bare loop `hub verify` and `hub export` are measured against (npm run bench:hub --million):
// the same stored records read the same way (kiosk by kiosk, seq order, 5000 a page), each
// line JSON-parsed and its SHA-256 chained to the line before — nothing else. Prints
// "<records> <chain breaks>". Plain JavaScript, so no loader weighs on its memory.
import { createHash } from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 1 });
const kiosks = (await pool.query('SELECT kiosk_id FROM kiosks ORDER BY kiosk_id')).rows.map((row) => row.kiosk_id);
let records = 0;
let breaks = 0;
for (const kiosk of kiosks) {
  let after = 0;
  let prevHash = null;
  for (;;) {
    const { rows } = await pool.query(
      'SELECT seq::float8 AS seq, line FROM records WHERE kiosk_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000',
      [kiosk, after],
    );
    for (const row of rows) {
      const record = JSON.parse(row.line);
      if (prevHash !== null && record.prev !== prevHash) breaks += 1;
      prevHash = createHash('sha256').update(row.line).digest('hex');
      records += 1;
    }
    if (rows.length < 5000) break;
    after = rows.at(-1).seq;
  }
}
await pool.end();
console.log(`${records} ${breaks}`);
