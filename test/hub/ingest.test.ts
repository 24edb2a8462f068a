// The hub's ingest as a kiosk and an auditor see it (hub.md), on both stores: genuine lines
// are stored byte for byte and repeats change nothing; forged ones are refused and stored
// nowhere; an altered copy or a chain that does not follow is kept aside and shown.
import { describe, expect, it } from 'vitest';
import { enrol } from '../../electron/hub/enrolments.js';
import { SimulatedKiosk, deliver } from '../support/simulated-kiosk.js';
import { waitFor } from '../support/wait-for.js';
import { fleetOf, read, storedLines, hubsForEachTest, type StoreKind } from './hub-fixture.js';

const openHub = hubsForEachTest();

async function setUp(kind: StoreKind) {
  const fixture = await openHub(kind);
  const secret = await enrol(fixture.hub.pool, 'c-1');
  return { fixture, hub: fixture.hub, secret, kiosk: new SimulatedKiosk('kiosk-a', 'c-1') };
}

describe.each(['embedded', 'server'] as const)('ingest on the %s store', (kind) => {
  it('stores every line byte for byte, acknowledges a repeat without change, and shows the kiosk as ok', async () => {
    const { hub, secret, kiosk } = await setUp(kind);
    for (const entry of kiosk.write(5)) expect((await deliver(hub.url, secret, entry)).status).toBe(200);
    const again = await deliver(hub.url, secret, kiosk.lines[2]!);
    expect(again).toEqual({ status: 200, body: { status: 'repeat', seq: 3 } });

    expect(await storedLines(hub, 'kiosk-a')).toEqual(kiosk.lines.map((entry) => entry.line));
    const events = JSON.parse((await read(hub, 'v1/events?kiosk=kiosk-a&after=3')).text) as { events: Array<{ seq: number }>; lastSeq: number };
    expect(events.events.map((event) => event.seq)).toEqual([4, 5]);
    expect(events.lastSeq).toBe(5);
    expect(await fleetOf(hub)).toEqual([
      expect.objectContaining({ kioskId: 'kiosk-a', counterId: 'c-1', lastSeq: 5, lastTs: JSON.parse(kiosk.lines[4]!.line).ts, chain: 'ok', version: '0.1.0' }),
    ]);
  });

  it('refuses a record signed with a wrong secret or with another kiosk\'s secret, and stores it nowhere', async () => {
    const { hub, secret, kiosk } = await setUp(kind);
    const [first] = kiosk.write(1);
    expect((await deliver(hub.url, secret, first!)).status).toBe(200);

    const stranger = new SimulatedKiosk('kiosk-b', 'c-1');
    const forgedWithA = await deliver(hub.url, secret, stranger.write(1)[0]!);
    expect(forgedWithA.status).toBe(401);
    expect(forgedWithA.body).toMatchObject({ code: 'bad-signature', message: expect.stringContaining('another kiosk (kiosk-a)') });

    const wrong = await deliver(hub.url, `whsec_${Buffer.alloc(32, 7).toString('base64')}`, kiosk.write(1)[0]!);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('bad-signature');

    expect(await storedLines(hub, 'kiosk-b')).toEqual([]);
    expect(await storedLines(hub, 'kiosk-a')).toEqual([first!.line]);
    expect((await fleetOf(hub)).map((k) => k.kioskId)).toEqual(['kiosk-a']);
    const rows = await hub.pool.query("SELECT count(*)::int AS n FROM set_aside");
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('keeps an altered copy of a stored record aside, never over the good copy, and shows diverged', async () => {
    const { hub, secret, kiosk } = await setUp(kind);
    for (const entry of kiosk.write(3)) await deliver(hub.url, secret, entry);
    const good = kiosk.lines[1]!;
    const altered = { ...good, line: good.line.replace('佐藤 ✓', '鈴木') };
    const answer = await deliver(hub.url, secret, altered);
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('diverged');

    expect(await storedLines(hub, 'kiosk-a')).toEqual(kiosk.lines.map((entry) => entry.line));
    expect(await fleetOf(hub)).toEqual([expect.objectContaining({ kioskId: 'kiosk-a', chain: 'diverged' })]);
    const metrics = (await read(hub, 'metrics')).text;
    expect(metrics).toMatch(/kokuchi_hub_chain_problem\{kiosk="kiosk-a",counter="c-1",problem="diverged"\} 1/);
    expect(metrics).toMatch(/kokuchi_hub_ingests_total\{outcome="diverged"\} 1/);
  });

  it('keeps aside a record whose chain does not follow (diverged) and one after missing records (gap)', async () => {
    const { hub, secret, kiosk } = await setUp(kind);
    kiosk.write(5);
    await deliver(hub.url, secret, kiosk.lines[0]!);
    const gap = await deliver(hub.url, secret, kiosk.lines[3]!);
    expect(gap.status).toBe(409);
    expect(gap.body.code).toBe('gap');
    expect(await fleetOf(hub)).toEqual([expect.objectContaining({ chain: 'gap', lastSeq: 1 })]);

    const other = new SimulatedKiosk('kiosk-a', 'c-1');
    other.write(2);
    const notFollowing = await deliver(hub.url, secret, other.lines[1]!);
    expect(notFollowing.status).toBe(409);
    expect(notFollowing.body.code).toBe('diverged');
    expect(await storedLines(hub, 'kiosk-a')).toEqual([kiosk.lines[0]!.line]);
    expect(await fleetOf(hub)).toEqual([expect.objectContaining({ chain: 'diverged', lastSeq: 1 })]);
  });

  it('takes a kiosk enrolled while the hub runs, and keeps chains, problems and bindings across a restart', async () => {
    const { fixture, secret, kiosk } = await setUp(kind);
    const enrolled = await fixture.cli(['enroll', '--counter', 'c-2']);
    expect(enrolled.code).toBe(0);
    const newSecret = /^hub secret: (whsec_[A-Za-z0-9+/]+=*)\n$/.exec(enrolled.stdout)?.[1];
    expect(Buffer.from(newSecret!.slice(6), 'base64')).toHaveLength(32);

    const second = new SimulatedKiosk('kiosk-c', 'c-2');
    for (const entry of second.write(2)) expect((await deliver(fixture.hub.url, newSecret!, entry)).status).toBe(200);
    for (const entry of kiosk.write(2)) await deliver(fixture.hub.url, secret, entry);
    await deliver(fixture.hub.url, secret, { ...kiosk.lines[1]!, line: kiosk.lines[1]!.line.replace('"staff"', '"resident"') });

    await fixture.restart();
    const hub = fixture.hub;
    expect(await fleetOf(hub)).toEqual([
      expect.objectContaining({ kioskId: 'kiosk-a', lastSeq: 2, chain: 'diverged' }),
      expect.objectContaining({ kioskId: 'kiosk-c', counterId: 'c-2', lastSeq: 2, chain: 'ok' }),
    ]);
    // The restarted hub rechecks its whole store and says so on /metrics.
    let metrics = '';
    await waitFor(async () => /kokuchi_hub_verify_ok \d/.test((metrics = (await read(hub, 'metrics')).text)), 'the restarted hub\'s verify on /metrics', { timeoutMs: 20_000, intervalMs: 100 });
    expect(metrics).toMatch(/kokuchi_hub_verify_ok 0/);
    expect((await deliver(hub.url, secret, second.write(1)[0]!)).status).toBe(401);
    expect((await deliver(hub.url, newSecret!, second.lines[2]!)).status).toBe(200);
  });
});

describe.each(['embedded', 'server'] as const)('when a kiosk was last seen, on the %s store', (kind) => {
  it('is the arrival of its last record after a restart, though records sent on do not each rewrite the kiosk\'s row', async () => {
    let at = Date.now();
    const fixture = await openHub(kind, () => new Date(at));
    const secret = await enrol(fixture.hub.pool, 'c-1');
    const kiosk = new SimulatedKiosk('kiosk-a', 'c-1');
    const first = at;
    const stored = async () => {
      const { rows } = await fixture.hub.pool.query<{ last_seen_at: Date }>("SELECT last_seen_at FROM kiosks WHERE kiosk_id = 'kiosk-a'");
      return rows[0]!.last_seen_at.getTime();
    };
    for (const entry of kiosk.write(3)) {
      expect((await deliver(fixture.hub.url, secret, entry)).status).toBe(200);
      at += 10_000;
    }
    // Seq 2 and 3 arrived 10 and 20 s after the first, within a minute of the row's last write: told by their received_at.
    expect(await stored()).toBe(first);
    expect((await fleetOf(fixture.hub))[0]).toMatchObject({ lastSeq: 3, lastSeenAt: new Date(first + 20_000).toISOString() });
    await fixture.restart();
    expect((await fleetOf(fixture.hub))[0]).toMatchObject({ lastSeq: 3, lastSeenAt: new Date(first + 20_000).toISOString() });

    // A minute on, the row is written again with the record; a repeat writes it whenever it comes.
    at = first + 90_000;
    expect((await deliver(fixture.hub.url, secret, kiosk.write(1)[0]!)).status).toBe(200);
    expect(await stored()).toBe(first + 90_000);
    at += 5_000;
    expect((await deliver(fixture.hub.url, secret, kiosk.lines[3]!)).body).toMatchObject({ status: 'repeat' });
    expect(await stored()).toBe(first + 95_000);
    await fixture.restart();
    expect((await fleetOf(fixture.hub))[0]).toMatchObject({ lastSeq: 4, lastSeenAt: new Date(first + 95_000).toISOString() });
  });
});

describe('reading the hub', () => {
  it('answers health without a token and every read only with it', async () => {
    const { hub } = await setUp('embedded');
    expect(await (await fetch(new URL('healthz', hub.url))).json()).toEqual({ status: 'ok' });
    for (const path of ['v1/fleet', 'v1/events?kiosk=x', 'metrics']) {
      expect((await fetch(new URL(path, hub.url))).status).toBe(401);
      expect((await fetch(new URL(path, hub.url), { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    }
    expect((await read(hub, 'v1/events')).status).toBe(400);
    expect((await read(hub, 'v1/events?kiosk=x&limit=100000')).status).toBe(400);
  });

  it('refuses a body that is not a ledger line, or a stale signature, storing nothing', async () => {
    const { hub, secret, kiosk } = await setUp('embedded');
    const [entry] = kiosk.write(1);
    const reordered = { ...entry!, line: JSON.stringify({ id: entry!.id, ...JSON.parse(entry!.line) }) };
    expect((await deliver(hub.url, secret, reordered)).body.code).toBe('malformed');
    const { signedHeaders } = await import('../support/simulated-kiosk.js');
    const stale = await fetch(new URL('v1/ingest', hub.url), {
      method: 'POST', headers: signedHeaders(secret, entry!, new Date(Date.now() - 10 * 60_000)), body: entry!.line,
    });
    expect(stale.status).toBe(401);
    expect(await storedLines(hub, 'kiosk-a')).toEqual([]);
  });
});
