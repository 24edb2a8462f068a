// `hub verify` and `hub export` over the store, on both stores: OK for an intact fleet,
// one line per problem (kept-aside copies, a line altered inside the database) with exit
// 1, and the export in the ledger's own forms. The store refuses edits in place.
import { describe, expect, it } from 'vitest';
import { enrol } from '../../electron/hub/enrolments.js';
import { SimulatedKiosk, deliver } from '../support/simulated-kiosk.js';
import { hubsForEachTest, type StoreKind } from './hub-fixture.js';

const openHub = hubsForEachTest();

async function fleetOfTwo(kind: StoreKind) {
  const fixture = await openHub(kind);
  const kiosks = [new SimulatedKiosk('kiosk-a', 'c-1'), new SimulatedKiosk('kiosk-b', 'c-2', Date.parse('2026-12-02T09:00:00.000Z'))];
  const secrets = [await enrol(fixture.hub.pool, 'c-1'), await enrol(fixture.hub.pool, 'c-2')];
  for (const [i, kiosk] of kiosks.entries()) {
    for (const entry of kiosk.write(4)) expect((await deliver(fixture.hub.url, secrets[i]!, entry)).status).toBe(200);
  }
  return { fixture, kiosks, secrets };
}

describe.each(['embedded', 'server'] as const)('verify and export on the %s store', (kind) => {
  it('verifies an intact fleet and exports it as the kiosks wrote it', async () => {
    const { fixture, kiosks } = await fleetOfTwo(kind);
    expect(await fixture.cli(['verify'])).toMatchObject({ code: 0, stdout: 'OK 2 kiosks, 8 events\n' });

    const jsonl = await fixture.cli(['export']);
    expect(jsonl.stdout).toBe(kiosks.flatMap((kiosk) => kiosk.lines.map((entry) => `${entry.line}\n`)).join(''));
    const csv = await fixture.cli(['export', '--format', 'csv', '--kiosk', 'kiosk-b', '--from', '2026-12-02']);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toMatch(/^\uFEFFseq,id,ts,type,kioskId,counterId,sessionId,prev,/);
    expect(rows.slice(1, -1).map((row) => row.split(',')[4])).toEqual(['kiosk-b', 'kiosk-b', 'kiosk-b', 'kiosk-b']);
    const day = await fixture.cli(['export', '--to', '2026-12-01']);
    expect(day.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('names every problem — a copy kept aside, a line altered inside the database — and exits 1', async () => {
    const { fixture, kiosks, secrets } = await fleetOfTwo(kind);
    const pool = fixture.hub.pool;
    await expect(pool.query("UPDATE records SET line = line || ' ' WHERE kiosk_id = 'kiosk-a' AND seq = 2")).rejects.toThrow(/append-only/);
    await expect(pool.query("DELETE FROM records WHERE kiosk_id = 'kiosk-a'")).rejects.toThrow(/append-only/);

    const good = kiosks[1]!.lines[3]!;
    await deliver(fixture.hub.url, secrets[1]!, { ...good, line: good.line.replace('"staff"', '"idle"') });
    // Someone with the database's superuser rights goes around the hub:
    await pool.query('ALTER TABLE records DISABLE TRIGGER records_append_only');
    await pool.query(`UPDATE records SET line = replace(line, '"language":"vi"', '"language":"en"') WHERE kiosk_id = 'kiosk-a' AND seq = 3`);
    await pool.query('ALTER TABLE records ENABLE TRIGGER records_append_only');

    const verdict = await fixture.cli(['verify']);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout.trim().split('\n')).toEqual([
      'kiosk kiosk-a seq 3: the line was altered in the store (its hash is not the one stored on arrival)',
      'kiosk kiosk-a seq 4: diverged — prev is not the hash of seq 3',
      expect.stringMatching(/^kiosk kiosk-b seq 4: diverged — a record kept aside: a different record for seq 4/),
    ]);
  });
});
