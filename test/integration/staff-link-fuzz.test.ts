// Thousands of hostile frames and requests against the real core's staff link on loopback,
// from a seeded generator (KOKUCHI_FUZZ_SEED=<n> replays a run). Afterwards the kiosk must
// still answer, every bad frame must have had its `error` (or the contract's close code),
// and the ledger must hold only what the valid commands in between wrote.
import { request as httpRequest, Agent } from 'node:http';
import { connect as netConnect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient, type Frame } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';
import { fuzzSeed, seededRandom } from '../support/seeded-random.js';
import { FRAME_LIMIT, hostileFrame, hostileRequest, wrongAuthorization, type HttpCase } from '../support/staff-fuzz-cases.js';

const SEED = fuzzSeed();
const FRAMES = 2500;
const UNAUTHENTICATED_FRAMES = 80;
const REQUESTS = 600;
const WRONG_TOKEN_REQUESTS = 150;
/** What the staff link answers over HTTP (staff-link.md), plus 200/201 for the routes that succeed. */
const CONTRACT_STATUSES = [200, 201, 400, 401, 404, 409, 413, 429];

let core: KioskCore;
let dataDir: string;
let base: string;
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir });
  base = core.staffLinkUrl;
});

afterAll(async () => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
  await core.close();
  await removeDataDir(dataDir);
});

async function lastSeq(): Promise<number> {
  const res = await staffApi(base).get('v1/status');
  return ((await res.json()) as { ledger: { lastSeq: number } }).ledger.lastSeq;
}

/** Replies (not events) in arrival order, read one at a time. */
class ReplyReader {
  private cursor = 0;
  constructor(readonly client: RawStaffClient) {}

  next(what: string): Promise<Frame | { type: 'closed'; code: number }> {
    return this.client.waitFor(() => {
      const frames = this.client.frames;
      while (this.cursor < frames.length && frames[this.cursor]?.type === 'event') this.cursor++;
      const frame = frames[this.cursor];
      if (frame) {
        this.cursor++;
        return frame;
      }
      return this.client.closeCode === null ? undefined : { type: 'closed' as const, code: this.client.closeCode };
    }, what);
  }
}

async function authenticatedReader(): Promise<ReplyReader> {
  const reader = new ReplyReader(await RawStaffClient.connect(base, { token: TOKEN }));
  expect(await reader.next('welcome')).toMatchObject({ type: 'welcome', protocol: 1 });
  return reader;
}

interface Answer {
  status: number | 'reset';
  body: string;
}

function send(agent: Agent, fuzz: HttpCase, authorization: string | null): Promise<Answer> {
  return new Promise((resolve) => {
    const url = new URL(base);
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: fuzz.method,
        path: fuzz.path,
        // Node frames a DELETE or OPTIONS body only when told its length.
        headers: {
          ...fuzz.headers,
          ...(fuzz.body !== null && { 'content-length': String(Buffer.byteLength(fuzz.body)) }),
          ...(authorization !== null && { authorization }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The kiosk may answer 413 and hang up before an oversized body is all sent.
    req.on('error', () => resolve({ status: 'reset', body: '' }));
    req.end(fuzz.body ?? undefined);
  });
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function rawExchange(text: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const socket = netConnect(Number(url.port), url.hostname, () => socket.write(text));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.setTimeout(5000, () => socket.destroy());
  });
}

function connectFrom(localAddress: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(base.replace(/^http/, 'ws') + 'v1/staff', { localAddress, headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) resolve(-1);
    ws.once('close', (code) => resolve(code));
  });
}

describe(`staff link under fuzz (KOKUCHI_FUZZ_SEED=${SEED})`, () => {
  it('answers every hostile frame and request as the contract says, keeps running and writes only what valid commands wrote', async () => {
    onTestFailed(() => console.error(`staff-link fuzz failed; replay with KOKUCHI_FUZZ_SEED=${SEED}`));
    const r = seededRandom(SEED);
    const seen = `seed ${SEED}`;
    const before = await lastSeq();
    const expectedEvents: string[] = [];

    // 1. An authenticated socket: hostile frames interleaved with pings and a few real sessions.
    let reader = await authenticatedReader();
    let openSession: string | null = null;
    const counts: Record<string, number> = {};
    for (let i = 0; i < FRAMES; i++) {
      if (r.chance(0.15)) {
        reader.client.send({ type: 'ping', id: `p${i}` });
        expect(await reader.next(`ping p${i}`), seen).toMatchObject({ type: 'result', id: `p${i}`, ok: true });
        continue;
      }
      if (r.chance(0.03)) {
        if (openSession === null) {
          reader.client.send({ type: 'session.start', id: `s${i}`, staffName: 'Fuzz', language: 'ja' });
          const reply = await reader.next(`session.start s${i}`);
          expect(reply, seen).toMatchObject({ type: 'result', id: `s${i}`, ok: true });
          openSession = (reply as Frame).sessionId as string;
          expectedEvents.push('session.started');
        } else {
          reader.client.send({ type: 'session.end', id: `e${i}`, sessionId: openSession });
          expect(await reader.next(`session.end e${i}`), seen).toMatchObject({ type: 'result', id: `e${i}`, ok: true });
          openSession = null;
          expectedEvents.push('session.ended');
        }
        continue;
      }
      const fuzz = hostileFrame(r);
      counts[fuzz.kind] = (counts[fuzz.kind] ?? 0) + 1;
      reader.client.ws.send(fuzz.data, { binary: fuzz.binary });
      const reply = await reader.next(`reply to ${fuzz.kind} #${i}`);
      const shown = `${seen}, frame #${i} (${fuzz.kind}): ${String(fuzz.data).slice(0, 200)}`;
      if (fuzz.expect === 'error') {
        expect(reply, shown).toMatchObject({ type: 'error', code: expect.stringMatching(/^(bad-request|too-large)$/) });
        expect(typeof (reply as Frame).message, shown).toBe('string');
      } else {
        expect(reply, shown).toEqual({ type: 'closed', code: fuzz.code });
        reader = await authenticatedReader();
      }
    }
    if (openSession !== null) {
      reader.client.send({ type: 'session.end', id: 'last', sessionId: openSession });
      expect(await reader.next('last session.end'), seen).toMatchObject({ type: 'result', id: 'last' });
      expectedEvents.push('session.ended');
    }
    reader.client.close();
    expect(Object.keys(counts).length, `${seen}: every kind of frame was tried`).toBeGreaterThanOrEqual(10);

    // 2. Unauthenticated sockets (from 127.0.0.4): anything but a good `hello` is shut out.
    for (let i = 0; i < UNAUTHENTICATED_FRAMES; i++) {
      const fuzz = hostileFrame(r);
      const ws = await connectFrom('127.0.0.4');
      const closed = closeCode(ws);
      ws.send(fuzz.data, { binary: fuzz.binary });
      expect(await closed, `${seen}, unauthenticated ${fuzz.kind}`).toBe(fuzz.expect === 'close' ? fuzz.code : 4401);
    }

    // 3. Wrong tokens (from 127.0.0.5): 4401, then 4429 once that address is slowed down.
    const verdicts: number[] = [];
    for (let i = 0; i < 12; i++) {
      const byHeader = r.chance(0.5);
      const ws = await connectFrom('127.0.0.5', byHeader ? { authorization: `Bearer wrong-${i}-${'x'.repeat(r.int(0, 60))}` } : {});
      const closed = closeCode(ws);
      if (!byHeader) ws.send(JSON.stringify({ type: 'hello', token: `wrong-${i}` }));
      verdicts.push(await closed);
    }
    expect(verdicts.slice(0, 5), seen).toEqual([4401, 4401, 4401, 4401, 4401]);
    expect(new Set(verdicts.slice(5)), seen).toEqual(new Set([4429]));

    // 4. Hostile HTTP with the right token (from 127.0.0.1): contract statuses, JSON errors, never a 5xx.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const wrongAgent = new Agent({ keepAlive: true, maxSockets: 4, localAddress: '127.0.0.3' } as ConstructorParameters<typeof Agent>[0]);
    for (let i = 0; i < REQUESTS; i++) {
      const fuzz = hostileRequest(r);
      const answer = await send(agent, fuzz, `Bearer ${TOKEN}`);
      const shown = `${seen}, request #${i}: ${fuzz.method} ${fuzz.path.slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 200)}`;
      if (answer.status === 'reset') {
        expect(Buffer.byteLength(fuzz.body ?? ''), shown).toBeGreaterThan(FRAME_LIMIT);
        continue;
      }
      expect(CONTRACT_STATUSES, shown).toContain(answer.status);
      if (answer.status >= 400 && fuzz.method !== 'HEAD') {
        expect(jsonOrText(answer.body), shown).toEqual({ code: expect.any(String), message: expect.any(String) });
      }
    }

    // 5. Wrong authorization headers (from 127.0.0.3): the API answers 401 or 429, and nothing leaks.
    for (let i = 0; i < WRONG_TOKEN_REQUESTS; i++) {
      const fuzz = hostileRequest(r);
      const answer = await send(wrongAgent, fuzz, r.chance(0.8) ? wrongAuthorization(r) : null);
      const shown = `${seen}, wrong-token request #${i}: ${fuzz.method} ${fuzz.path.slice(0, 200)} → ${answer.status}`;
      if (answer.status === 'reset') {
        expect(Buffer.byteLength(fuzz.body ?? ''), shown).toBeGreaterThan(FRAME_LIMIT);
        continue;
      }
      const pathname = new URL(`http://kiosk${fuzz.path}`).pathname;
      // /healthz and the staff console's page are public; everything the API holds needs the token.
      if (pathname.startsWith('/v1/') || pathname === '/metrics') expect([401, 429], shown).toContain(answer.status);
      else expect(answer.status, shown).toBeLessThan(500);
      expect(answer.body, shown).not.toMatch(/kiosk-|counter-1|lastSeq/);
    }
    agent.destroy();
    wrongAgent.destroy();

    // 6. Request lines and upgrades no HTTP client library would send.
    const auth = `Authorization: Bearer ${TOKEN}\r\n`;
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    for (const target of ['//[', '/v1/sessions/%E0%A4%A/end', 'http://[::1/v1/status', '*', '/v1/staff?%zz', '//v1/staff', '/%00', '/v1/status#frag', '/v1/sessions/a b/end']) {
      for (const extra of ['', upgrade]) {
        const answer = await rawExchange(`${extra ? 'GET' : 'POST'} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}${extra}Content-Length: 2\r\n\r\n{}`);
        expect(answer, `${seen}, raw ${target}${extra ? ' (upgrade)' : ''}: ${answer.slice(0, 200)}`).toMatch(/^HTTP\/1\.1 (101|[1-4]\d\d) /);
      }
    }

    // Afterwards: still healthy, still answering, and the ledger holds exactly the valid commands' events.
    const health = await fetch(new URL('healthz', base));
    expect(await health.json()).toEqual({ status: 'ok' });
    const last = await authenticatedReader();
    last.client.send({ type: 'ping', id: 'after' });
    expect(await last.next('final ping'), seen).toMatchObject({ type: 'result', id: 'after', ok: true });
    last.client.close();
    const events = await staffApi(base).events(before);
    expect(events.map((event) => event.type), seen).toEqual(expectedEvents);
    expect(escaped, seen).toEqual([]);
  }, 120_000);
});
