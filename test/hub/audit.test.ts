// The hub as an auditor uses it, on both stores: the exact notice texts kiosks sent (an
// altered text refused and stored nowhere), exports in every form of `ledger export`, a
// resident's receipt told genuine or not by the kiosk's announced key, a foreign Host
// refused, and a kiosk's secret rotated while the hub runs.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { enrol } from '../../electron/hub/enrolments.js';
import { exportRecords } from '../../electron/core/ledger/export-ledger.js';
import { keyFingerprint, rawPublicKey } from '../../electron/core/receipt/receipt-key.js';
import { makeReceipt } from '../../electron/core/receipt/resident-receipt.js';
import type { LedgerRecord } from '../../electron/shared/events.js';
import { SimulatedKiosk, appendRecord, deliver, signedHeaders } from '../support/simulated-kiosk.js';
import { fleetOf, storedLines, hubsForEachTest, type StoreKind } from './hub-fixture.js';

const openHub = hubsForEachTest();

const versionOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const NOTICE = '録音についてのお知らせ\n{記録|きろく}は 365 日保存します。\nI understand\n';

async function sendNotice(hubUrl: string, secret: string, version: string, text: string) {
  const response = await fetch(new URL('v1/notices', hubUrl), {
    method: 'POST',
    headers: { ...signedHeaders(secret, { id: version, line: text }), 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as { status?: string; code?: string; message?: string } };
}

function getWithHost(hubUrl: string, host: string, path = '/healthz'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, hubUrl), { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A kiosk with a receipt key announced in its ledger, and one answered session. */
function kioskWithReceipt(kioskId: string, counterId: string) {
  const kiosk = new SimulatedKiosk(kioskId, counterId);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const t0 = Date.parse('2026-12-01T09:00:00.000Z');
  const version = versionOf(NOTICE);
  appendRecord(kiosk, 'kiosk.started', null, { version: '0.1.0', configVersion: 'sha256:00' }, t0);
  appendRecord(kiosk, 'kiosk.key', null, { algorithm: 'ed25519', publicKey: raw.toString('base64url'), fingerprint: keyFingerprint(raw) }, t0 + 1);
  appendRecord(kiosk, 'session.started', 's-1', { by: 'staff', staffName: null, recording: 'audio' }, t0 + 1000);
  appendRecord(kiosk, 'notice.shown', 's-1', { language: 'ja', noticeVersion: version, reviewed: true }, t0 + 2000);
  const answeredAt = new Date(t0 + 9000).toISOString();
  appendRecord(kiosk, 'consent.acknowledged', 's-1', { language: 'ja', noticeVersion: version, elapsedMs: 7000 }, t0 + 9000);
  const receipt = makeReceipt(
    { kioskId, counterId, sessionId: 's-1', ts: answeredAt, noticeVersion: version, answer: 'acknowledged' },
    (data) => sign(null, data, privateKey),
  );
  return { kiosk, receipt, version, answeredAt, privateKey };
}

async function setUp(kind: StoreKind) {
  const fixture = await openHub(kind);
  return fixture;
}

describe.each(['embedded', 'server'] as const)('the hub for auditors on the %s store', (kind) => {
  it('keeps a notice text only under its own SHA-256, and `hub notice show` prints exactly it', async () => {
    const fixture = await setUp(kind);
    const secret = await enrol(fixture.hub.pool, 'c-1');
    const version = versionOf(NOTICE);

    expect(await sendNotice(fixture.hub.url, secret, version, NOTICE)).toEqual({ status: 200, body: { status: 'stored', version } });
    expect(await sendNotice(fixture.hub.url, secret, version, NOTICE)).toEqual({ status: 200, body: { status: 'repeat', version } });
    expect(await fixture.cli(['notice', 'show', version])).toEqual({ code: 0, stdout: NOTICE, stderr: '' });

    // An altered text under a version's name, and one signed by no enrolled secret: stored nowhere.
    const altered = NOTICE.replace('365', '36');
    const refused = await sendNotice(fixture.hub.url, secret, versionOf(`${altered}x`), altered);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'altered', message: expect.stringContaining(versionOf(altered)) });
    const stranger = await sendNotice(fixture.hub.url, `whsec_${Buffer.alloc(32, 9).toString('base64')}`, versionOf(altered), altered);
    expect(stranger).toMatchObject({ status: 401, body: { code: 'bad-signature' } });
    const { rows } = await fixture.hub.pool.query<{ version: string }>('SELECT version FROM notices');
    expect(rows.map((row) => row.version)).toEqual([version]);

    const missing = await fixture.cli(['notice', 'show', versionOf(altered)]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`${versionOf(altered)}: the hub holds no text for this version`);
    expect((await fixture.cli(['notice', 'show', 'sha256:abc'])).stderr).toMatch(/expected sha256: and 64 lowercase hex digits/);
  });

  it('tells a genuine receipt by the kiosk\'s announced key, and an altered or invented one not', async () => {
    const fixture = await setUp(kind);
    const secret = await enrol(fixture.hub.pool, 'c-1');
    const { kiosk, receipt, version, answeredAt } = kioskWithReceipt('kiosk-a', 'c-1');
    for (const entry of kiosk.lines) expect((await deliver(fixture.hub.url, secret, entry)).status).toBe(200);

    const genuine = await fixture.cli(['receipt', 'verify', receipt]);
    expect(genuine.code).toBe(0);
    expect(genuine.stdout).toBe(
      `GENUINE session s-1, notice ${version}, answer acknowledged, at ${answeredAt}, kiosk kiosk-a, counter c-1; the hub holds its record, seq 5\n`,
    );

    // The payload changed to another session, keeping the signature: not genuine.
    const [prefix, payload, signature] = receipt.split('.');
    const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...changed, s: 's-2' })).toString('base64url')}.${signature}`;
    const altered = await fixture.cli(['receipt', 'verify', forged]);
    expect(altered).toMatchObject({ code: 1, stdout: expect.stringMatching(/^NOT GENUINE the signature does not match/) });

    // A receipt made with a key the kiosk never announced, and one naming a kiosk the hub never heard of.
    const other = kioskWithReceipt('kiosk-a', 'c-1');
    expect((await fixture.cli(['receipt', 'verify', other.receipt])).code).toBe(1);
    const unknown = kioskWithReceipt('kiosk-z', 'c-9');
    const unheard = await fixture.cli(['receipt', 'verify', unknown.receipt]);
    expect(unheard).toMatchObject({ code: 1, stdout: 'NOT GENUINE the hub holds no kiosk.key record of kiosk "kiosk-z": it cannot vouch for this receipt\n' });
    expect((await fixture.cli(['receipt', 'verify', 'hello'])).stdout).toMatch(/^NOT GENUINE not a KKC1 receipt/);
  });

  it('exports in the forms of `ledger export`: filters by type, counter and session, JSON-LD per session, the summary', async () => {
    const fixture = await setUp(kind);
    const kiosks = [new SimulatedKiosk('kiosk-a', 'c-1'), new SimulatedKiosk('kiosk-b', 'c-2', Date.parse('2026-12-02T09:00:00.000Z'))];
    for (const kiosk of kiosks) {
      const secret = await enrol(fixture.hub.pool, kiosk.counterId);
      for (const entry of kiosk.write(7)) expect((await deliver(fixture.hub.url, secret, entry)).status).toBe(200);
    }
    const all = kiosks.flatMap((kiosk) => kiosk.lines.map((entry) => ({ record: JSON.parse(entry.line) as LedgerRecord, line: entry.line })));
    async function expected(options: Parameters<typeof exportRecords>[1]): Promise<string> {
      let text = '';
      for await (const chunk of exportRecords((async function* () { yield* all; })(), options)) text += chunk;
      return text;
    }

    const shown = await fixture.cli(['export', '--type', 'notice.shown']);
    expect(shown.stdout.trim().split('\n').map((line) => (JSON.parse(line) as LedgerRecord).type)).toEqual(Array(4).fill('notice.shown'));
    const counter = await fixture.cli(['export', '--counter', 'c-2', '--format', 'csv']);
    expect(counter.stdout).toBe(await expected({ format: 'csv', counter: 'c-2' }));
    expect(counter.stdout.split('\r\n').slice(1, -1)).toHaveLength(7);
    const session = await fixture.cli(['export', '--session', 's-2']);
    expect(session.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual([2, 3, 4, 2, 3, 4]);

    const jsonld = await fixture.cli(['export', '--format', 'jsonld', '--kiosk', 'kiosk-a']);
    const document = JSON.parse(jsonld.stdout) as { '@graph': Array<Record<string, unknown>> };
    expect(document['@graph']).toHaveLength(2);
    expect(jsonld.stdout).toBe(await expected({ format: 'jsonld', counter: 'c-1' }));

    const summary = await fixture.cli(['export', '--summary']);
    expect(summary.stdout).toBe(await expected({ format: 'jsonl', summary: true }));
    expect(summary.stdout.split('\r\n').filter((row) => row.startsWith('2026-12-0'))).not.toHaveLength(0);

    expect(await fixture.cli(['export', '--format', 'xml'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--format xml: expected jsonld, csv or jsonl') });
    expect((await fixture.cli(['export', '--summary', '--format', 'csv'])).stderr).toContain('--summary is a CSV table of its own');
  });

  it('answers 421 to a Host it does not serve, before anything else', async () => {
    const fixture = await setUp(kind);
    const port = new URL(fixture.hub.url).port;
    expect(await getWithHost(fixture.hub.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(fixture.hub.url, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(fixture.hub.url, `evil.example:${port}`)).toBe(421);
    expect(await getWithHost(fixture.hub.url, 'evil.example', '/v1/fleet')).toBe(421);
  });

  it('rotates a kiosk\'s secret enrolled again while the hub runs: the new one signs, the old one stops', async () => {
    const fixture = await setUp(kind);
    const old = await enrol(fixture.hub.pool, 'c-1');
    const kiosk = new SimulatedKiosk('kiosk-a', 'c-1');
    const lines = kiosk.write(4);
    for (const entry of lines.slice(0, 2)) expect((await deliver(fixture.hub.url, old, entry)).status).toBe(200);

    const enrolled = await fixture.cli(['enroll', '--counter', 'c-1']);
    const fresh = /^hub secret: (whsec_\S+)\n$/.exec(enrolled.stdout)?.[1];
    expect(fresh).toBeDefined();
    // The old secret still works until the kiosk first signs with the new one.
    expect((await deliver(fixture.hub.url, old, lines[2]!)).status).toBe(200);
    expect((await deliver(fixture.hub.url, fresh!, lines[3]!)).status).toBe(200);
    const more = kiosk.write(1)[0]!;
    expect(await deliver(fixture.hub.url, old, more)).toMatchObject({ status: 401, body: { code: 'bad-signature' } });

    await fixture.restart();
    expect((await deliver(fixture.hub.url, old, more)).status).toBe(401);
    expect((await deliver(fixture.hub.url, fresh!, more)).status).toBe(200);
    expect(await storedLines(fixture.hub, 'kiosk-a')).toEqual(kiosk.lines.map((entry) => entry.line));
    expect(await fleetOf(fixture.hub)).toEqual([expect.objectContaining({ kioskId: 'kiosk-a', chain: 'ok', lastSeq: 5 })]);
    // Another kiosk cannot take a counter's fresh secret over from a bound kiosk by signing first.
    const stranger = new SimulatedKiosk('kiosk-b', 'c-1');
    expect((await deliver(fixture.hub.url, fresh!, stranger.write(1)[0]!)).status).toBe(401);
  });
});
