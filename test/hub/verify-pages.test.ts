// `hub verify` and `hub export` read the store a page ahead, across kiosks: the same
// verdict, problem for problem, whatever the page size (a problem on either side of a page's
// edge), and the JSONL export byte for byte the lines as stored, parsed or not.
import { describe, expect, it } from 'vitest';
import { enrol } from '../../electron/hub/enrolments.js';
import { fleetPages } from '../../electron/hub/store-pages.js';
import { verifyStore } from '../../electron/hub/verify-store.js';
import { SimulatedKiosk, deliver } from '../support/simulated-kiosk.js';
import { hubsForEachTest, type StoreKind } from './hub-fixture.js';

const openHub = hubsForEachTest();

/** kiosk-a and kiosk-b with 7 records each, kiosk-c with 6 (two pages of 3 exactly), kiosk-d enrolled with none. */
async function fleet(kind: StoreKind) {
  const fixture = await openHub(kind);
  const kiosks = [new SimulatedKiosk('kiosk-a', 'c-1'), new SimulatedKiosk('kiosk-b', 'c-2'), new SimulatedKiosk('kiosk-c', 'c-3')];
  for (const [i, kiosk] of kiosks.entries()) {
    const secret = await enrol(fixture.hub.pool, kiosk.counterId);
    for (const entry of kiosk.write(i === 2 ? 6 : 7)) expect((await deliver(fixture.hub.url, secret, entry)).status).toBe(200);
  }
  await fixture.hub.pool.query("INSERT INTO kiosks (kiosk_id, counter_id) VALUES ('kiosk-d', 'c-4')");
  return { fixture, kiosks };
}

describe.each(['embedded', 'server'] as const)('reading the %s store a page ahead', (kind) => {
  it('hands over every kiosk in order, each in seq order, its last page marked (a full one too), an empty kiosk as one empty page', async () => {
    const { fixture } = await fleet(kind);
    const pages: string[] = [];
    for await (const page of fleetPages(fixture.hub.pool, ['kiosk-a', 'kiosk-c', 'kiosk-d'], { pageSize: 3 })) {
      pages.push(`${page.kioskId} ${page.rows.map((row) => row.seq).join(',')}${page.end ? ' end' : ''}`);
    }
    expect(pages).toEqual(['kiosk-a 1,2,3', 'kiosk-a 4,5,6', 'kiosk-a 7 end', 'kiosk-c 1,2,3', 'kiosk-c 4,5,6 end', 'kiosk-d  end']);
  });

  it('reports a broken chain the same, problem for problem, on whichever side of a page edge it falls', async () => {
    const { fixture } = await fleet(kind);
    const pool = fixture.hub.pool;
    expect(await verifyStore(pool, { pageSize: 3 })).toEqual({ kiosks: 4, events: 20, problems: [] });
    // Someone with the database's superuser rights goes around the hub, at the edge of the first page of 3:
    await pool.query('ALTER TABLE records DISABLE TRIGGER records_append_only');
    await pool.query("DELETE FROM records WHERE kiosk_id = 'kiosk-a' AND seq = 4");
    await pool.query(`UPDATE records SET line = replace(line, '"language":"vi"', '"language":"en"') WHERE kiosk_id = 'kiosk-b' AND seq = 3`);
    await pool.query("DELETE FROM records WHERE kiosk_id = 'kiosk-c' AND seq = 1");
    await pool.query('ALTER TABLE records ENABLE TRIGGER records_append_only');

    const problems = [
      'kiosk kiosk-a seq 5: gap — follows seq 3, 1 record(s) missing',
      'kiosk kiosk-b seq 3: the line was altered in the store (its hash is not the one stored on arrival)',
      'kiosk kiosk-b seq 4: diverged — prev is not the hash of seq 3',
      'kiosk kiosk-c seq 2: gap — the stored chain starts here and no ledger.pruned record accounts for the records before it',
    ];
    for (const pageSize of [1, 2, 3, 4, 5000]) {
      expect(await verifyStore(pool, { pageSize }), `pages of ${pageSize}`).toEqual({ kiosks: 4, events: 18, problems });
    }
    expect(await fixture.cli(['verify'])).toMatchObject({ code: 1, stdout: problems.map((problem) => `${problem}\n`).join('') });
  });

  it('exports JSONL byte for byte as stored, whether the lines are passed on as they are or parsed for a filter', async () => {
    const { fixture, kiosks } = await fleet(kind);
    const lines = (kiosk: SimulatedKiosk) => kiosk.lines.map((entry) => `${entry.line}\n`).join('');
    const all = await fixture.cli(['export', '--format', 'jsonl']);
    expect(all.stdout).toBe(kiosks.map(lines).join(''));
    // --counter is a filter the database does not apply: each record is parsed and chosen.
    expect((await fixture.cli(['export', '--counter', 'c-2'])).stdout).toBe(lines(kiosks[1]!));
    expect((await fixture.cli(['export', '--kiosk', 'kiosk-b'])).stdout).toBe(lines(kiosks[1]!));
  });
});
