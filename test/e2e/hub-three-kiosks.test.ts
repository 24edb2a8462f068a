// Three `kokuchi serve` kiosks and a `kokuchi hub` (embedded store), sessions running; the
// hub and one kiosk are killed with SIGKILL mid-run and restarted. In the end the hub holds
// every kiosk's ledger byte for byte; a forged record and an altered one are refused, the
// altered one shown on /v1/fleet; a kiosk with a secret the hub never issued says so.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { enrollCounter, hubGet, startHubProcess, type HubProcess } from '../support/hub-process.js';
import { makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { staffApi } from '../support/staff-api.js';
import { waitFor } from '../support/wait-for.js';

/** 90 s covers the kiosks' backoff after the hub returns. */
const UNTIL_BACKOFF = { timeoutMs: 90_000, intervalMs: 250 };

const COUNTERS = ['shimin-1', 'shimin-2', 'kokuho-1'] as const;
const folders: string[] = [];
const running: Array<KioskProcess | HubProcess> = [];

afterAll(async () => {
  for (const process of running) await process.stop('SIGKILL').catch(() => undefined);
  for (const folder of folders) await removeDataDir(folder);
});

async function folder(): Promise<string> {
  const made = await makeDataDir();
  folders.push(made);
  return made;
}

async function kioskAt(dataDir: string, counterId: string, hub: { url: string; secret: string }): Promise<KioskProcess> {
  const config = await writeKioskConfig(dataDir, { counterId, hub });
  const kiosk = await startKioskProcess({ dataDir, config });
  running.push(kiosk);
  return kiosk;
}

async function hubAt(dataDir: string, port?: number): Promise<HubProcess> {
  const hub = await startHubProcess({ dataDir, ...(port !== undefined && { port }) });
  running.push(hub);
  return hub;
}

/** `count` whole sessions through the staff link's HTTP side, one after another. */
async function sessions(kiosk: KioskProcess, count: number): Promise<void> {
  const api = staffApi(kiosk.staffUrl);
  for (let i = 0; i < count; i += 1) {
    const started = await api.post('v1/sessions', { staffName: '佐藤' });
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };
    expect((await api.post(`v1/sessions/${sessionId}/end`, { reason: '手続き完了' })).status).toBe(200);
  }
}

interface KioskStatus {
  kioskId: string;
  ledger: { lastSeq: number };
  hub: { backlog: number; lastDeliveredSeq: number; problem: string | null; refusal: string | null };
}

async function status(kiosk: KioskProcess): Promise<KioskStatus> {
  return (await (await staffApi(kiosk.staffUrl).get('v1/status')).json()) as KioskStatus;
}

async function hubLines(hubUrl: string, kioskId: string): Promise<string[]> {
  const res = await hubGet(hubUrl, `v1/events?kiosk=${encodeURIComponent(kioskId)}&after=0&limit=1000`);
  expect(res.status).toBe(200);
  const { events } = (await res.json()) as { events: unknown[] };
  // A ledger line is the canonical JSON of its record, so this is the stored line itself.
  return events.map((event) => JSON.stringify(event));
}

function signedPost(hubUrl: string, line: string, id: string, secret: string): Promise<Response> {
  const signature = new Webhook(secret).sign(id, new Date(), line);
  return fetch(new URL('v1/ingest', hubUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': signature,
    },
    body: line,
  });
}

describe('three kiosks and a records hub', () => {
  it('ends with every record on the hub byte for byte after the hub and a kiosk are killed mid-run', { timeout: 480_000 }, async () => {
    const hubDir = await folder();
    let hub = await hubAt(hubDir);
    const hubPort = Number(new URL(hub.url).port);
    const secrets = await Promise.all(COUNTERS.map((counter) => enrollCounter(hubDir, counter)));
    const dirs = await Promise.all(COUNTERS.map(() => folder()));
    const kiosks = await Promise.all(COUNTERS.map((counter, i) => kioskAt(dirs[i]!, counter, { url: hub.url, secret: secrets[i]! })));

    // Sessions on every kiosk while the hub is killed under them.
    const firstRound = Promise.all(kiosks.map((kiosk) => sessions(kiosk, 6)));
    await waitFor(async () => (await status(kiosks[0]!)).hub.lastDeliveredSeq >= 3, 'the hub to take some records', UNTIL_BACKOFF);
    expect(await hub.stop('SIGKILL')).toBeNull();
    await firstRound;
    // A loaded machine may finish a kiosk's first round before the kill: one more session each,
    // surely with the hub gone.
    await Promise.all(kiosks.map((kiosk) => sessions(kiosk, 1)));
    // The counter never waited: every kiosk wrote its sessions with the hub gone.
    for (const kiosk of kiosks) expect((await status(kiosk)).hub.backlog).toBeGreaterThan(0);

    // One kiosk dies with a session open, while the hub is still down.
    const api = staffApi(kiosks[1]!.staffUrl);
    expect((await api.post('v1/sessions', { staffName: '佐藤' })).status).toBe(201);
    await kiosks[1]!.stop('SIGKILL');

    hub = await hubAt(hubDir, hubPort);
    kiosks[1] = await kioskAt(dirs[1]!, COUNTERS[1], { url: hub.url, secret: secrets[1]! });
    await Promise.all(kiosks.map((kiosk) => sessions(kiosk, 2)));

    const ids: string[] = [];
    for (const [i, kiosk] of kiosks.entries()) {
      await waitFor(async () => {
        const now = await status(kiosk);
        return now.hub.backlog === 0 && now.hub.lastDeliveredSeq === now.ledger.lastSeq;
      }, `kiosk ${COUNTERS[i]} to catch up`, UNTIL_BACKOFF);
      const { kioskId } = await status(kiosk);
      ids.push(kioskId);
      const ledger = (await ledgerLines(join(dirs[i]!, 'ledger'))).map((entry) => entry.line);
      // kiosk.started and two records per session, at least.
      expect(ledger.length).toBeGreaterThanOrEqual(17);
      expect(await hubLines(hub.url, kioskId)).toEqual(ledger);
    }
    // The killed kiosk closed its open session on restart, and the hub has that too.
    expect((await hubLines(hub.url, ids[1]!)).some((line) => line.includes('"reason":"kiosk-restart"'))).toBe(true);

    const fleet = async () => ((await (await hubGet(hub.url, 'v1/fleet')).json()) as { kiosks: Array<{ kioskId: string; counterId: string; chain: string; lastSeq: number }> }).kiosks;
    expect((await fleet()).map((k) => [k.counterId, k.chain]).sort()).toEqual([['kokuho-1', 'ok'], ['shimin-1', 'ok'], ['shimin-2', 'ok']]);

    // Forged: a genuine line signed with a secret the hub never issued.
    const [stored] = await hubLines(hub.url, ids[0]!);
    const storedId = (JSON.parse(stored!) as { id: string }).id;
    const forgedSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const forged = await signedPost(hub.url, stored!, storedId, forgedSecret);
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('bad-signature');
    expect(await (await hubGet(hub.url, 'metrics')).text()).toMatch(/^kokuchi_hub_ingests_total\{outcome="bad-signature"\} [1-9]/m);

    // Altered: the kiosk's own secret (stolen with the tablet), a changed staff name for a stored seq.
    const original = (await hubLines(hub.url, ids[0]!)).find((line) => line.includes('"type":"session.started"'))!;
    const altered = original.replace('"staffName":"佐藤"', '"staffName":"鈴木"');
    expect(altered).not.toBe(original);
    const refused = await signedPost(hub.url, altered, (JSON.parse(altered) as { id: string }).id, secrets[0]!);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('diverged');
    const shown = await fleet();
    expect(shown.find((k) => k.kioskId === ids[0])?.chain).toBe('diverged');
    expect(shown.filter((k) => k.kioskId !== ids[0]).map((k) => k.chain)).toEqual(['ok', 'ok']);
    // The good copy stays as the kiosk wrote it.
    expect(await hubLines(hub.url, ids[0]!)).toEqual((await ledgerLines(join(dirs[0]!, 'ledger'))).map((entry) => entry.line));

    // A kiosk whose secret the hub never issued: refused, shown on its own /v1/status, and its counter works.
    const strayDir = await folder();
    const stray = await kioskAt(strayDir, 'madoguchi-9', { url: hub.url, secret: forgedSecret });
    await sessions(stray, 1);
    await waitFor(async () => (await status(stray)).hub.refusal === 'bad-signature', 'the stray kiosk to show the refusal', UNTIL_BACKOFF);
    const strayStatus = await status(stray);
    expect(strayStatus.hub.problem).toMatch(/the hub refused seq 1 \(bad-signature, HTTP 401/);
    expect(strayStatus.hub.lastDeliveredSeq).toBe(0);
    expect((await fleet()).some((k) => k.kioskId === strayStatus.kioskId)).toBe(false);
  });
});
