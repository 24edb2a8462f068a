// Finger to staff (issue 12, point 1): from the tap on "I understand" in the kiosk page to a
// staff client holding `logging.start`, through everything a counter has — Chromium, the
// page, the bridge, the core, the ledger's fdatasync, the staff link — beside a minimal page
// in the same browser and the same run as the floor (tap-floor-child.mjs: a plain button, one
// WebSocket message, one write + fdatasync, one message to the staff client).
//
// One clock for both ends: this process's monotonic clock, read just before the mouse button
// is released through the DevTools protocol (the click) and when the staff client's socket
// hands over the frame. Kiosk and floor sessions alternate, so load on the machine falls on
// both alike. Part of `npm run bench`; writes its own section of BENCHMARKS.md.
// `tsx scripts/bench/tap-latency.ts` runs it alone (TAP_SESSIONS sets the count, default 200).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../test/support/browser.js';
import { writeMarkedSection } from './benchmarks-file.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FLOOR_CHILD = fileURLToPath(new URL('./tap-floor-child.mjs', import.meta.url));
const TOKEN = 't'.repeat(43);
const GOALS = { p50: 1.2, p90: 1.5, maxMs: 15 };
const WARM_UP = 20;

export interface TapFigures {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface TapResult {
  kiosk: TapFigures;
  floor: TapFigures;
  chromium: string;
  /** Load averages (1, 5, 15 min) when the run started and ended. */
  load: { start: number[]; end: number[] };
  seconds: number;
}

function figures(samples: number[]): TapFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

const now = () => process.hrtime.bigint();
const msSince = (start: bigint, end: bigint) => Number(end - start) / 1e6;

interface Frame {
  at: bigint;
  type: string;
  id?: unknown;
  sessionId?: string;
  event?: { type: string; sessionId?: string; seq?: number };
}

/** A WebSocket whose frames are stamped with the monotonic clock the moment they arrive. */
class StampedSocket {
  readonly frames: Frame[] = [];
  private wake: (() => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const at = now();
      this.frames.push({ at, ...(JSON.parse(data.toString()) as Omit<Frame, 'at'>) });
      this.wake?.();
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<StampedSocket> {
    const ws = new WebSocket(url, { headers });
    const socket = new StampedSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }

  async waitFor(find: (frame: Frame) => boolean, what: string, timeoutMs = 15_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(find);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`tap bench: no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Frames nobody waits for (other events) are dropped, so the list stays short. */
  forget(): void {
    this.frames.length = 0;
  }

  close(): void {
    this.ws.close();
  }
}

/** Starts a child and reads lines from its stdout until `done` has what it needs. */
async function startChild<T>(child: ChildProcess, what: string, done: (line: string) => T | undefined): Promise<T> {
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${errors.join('')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${what} exited ${code}: ${errors.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = done(line);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Middle of an element, where the finger lands. */
async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`tap bench: ${selector} is not on the screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Presses the mouse button on the point, then releases it (the click) and returns the clock
 * reading taken just before the release was sent; `arrived` is awaited after it.
 */
async function tap(cdp: CDPSession, point: { x: number; y: number }, arrived: () => Promise<Frame>): Promise<number> {
  const mouse = { x: point.x, y: point.y, button: 'left' as const, clickCount: 1 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: point.x, y: point.y });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...mouse });
  const start = now();
  const released = cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...mouse });
  const frame = await arrived();
  await released;
  return msSince(start, frame.at);
}

/** Both pages in one Chromium, kiosk and floor taps alternating; `sessions` of each after a warm-up. */
export async function measureTapLatency(sessions = 200): Promise<TapResult> {
  const started = Date.now();
  const load = { start: loadavg(), end: [] as number[] };
  const dataDir = await mkdtemp(join(tmpdir(), 'kokuchi-tap-'));
  const kioskChild = spawn(process.execPath, [join(ROOT, 'bin', 'kokuchi.mjs'), 'serve', '--data', dataDir, '--port', '0', '--ui-port', '0'], {
    env: { ...process.env, KOKUCHI_STAFF_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const floorChild = spawn(process.execPath, [FLOOR_CHILD, join(dataDir, 'floor.jsonl')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let browser: Browser | null = null;
  const sockets: StampedSocket[] = [];
  try {
    const links: Record<string, string> = {};
    await startChild(kioskChild, 'kokuchi serve', (line) => {
      const match = /^(kiosk ui|staff link): (\S+)$/.exec(line);
      if (match) links[match[1]!] = match[2]!;
      return links['kiosk ui'] && links['staff link'] ? true : undefined;
    });
    const floorPort = await startChild(floorChild, 'the floor server', (line) => (/^\d+$/.test(line) ? Number(line) : undefined));

    const staff = await StampedSocket.open(`${links['staff link']!.replace(/^http/, 'ws')}v1/staff`, { authorization: `Bearer ${TOKEN}` });
    const floorStaff = await StampedSocket.open(`ws://127.0.0.1:${floorPort}/staff`);
    sockets.push(staff, floorStaff);
    await staff.waitFor((f) => f.type === 'welcome', 'welcome from the staff link');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const viewport = { width: 1280, height: 800 };
    const kioskPage = await browser.newPage({ viewport });
    await kioskPage.goto(links['kiosk ui']!);
    await kioskPage.getByTestId('screen-idle').waitFor();
    const floorPage = await browser.newPage({ viewport });
    await floorPage.goto(`http://127.0.0.1:${floorPort}/`);
    await floorPage.locator('body[data-ready="yes"]').waitFor();
    const kioskInput = await kioskPage.context().newCDPSession(kioskPage);
    const floorInput = await floorPage.context().newCDPSession(floorPage);
    const floorButton = await centre(floorPage, '#ack');

    const kioskSession = async (i: number): Promise<number> => {
      staff.send({ type: 'session.start', id: `s${i}` });
      const { sessionId } = (await staff.waitFor((f) => f.type === 'result' && f.id === `s${i}`, 'session.start result')) as Frame & { sessionId: string };
      // The core takes an answer only once the page has reported the notice as shown.
      await staff.waitFor((f) => f.event?.type === 'notice.shown' && f.event.sessionId === sessionId, 'notice.shown');
      const ack = kioskPage.locator(`[data-testid="screen-notice"] [data-testid="ack"]:enabled`);
      await ack.waitFor();
      const point = await centre(kioskPage, `[data-testid="screen-notice"] [data-testid="ack"]`);
      const ms = await tap(kioskInput, point, () =>
        staff.waitFor((f) => f.event?.type === 'logging.start' && f.event.sessionId === sessionId, 'logging.start'),
      );
      staff.send({ type: 'session.end', id: `e${i}`, sessionId });
      await staff.waitFor((f) => f.event?.type === 'session.ended' && f.event.sessionId === sessionId, 'session.ended');
      await kioskPage.getByTestId('screen-ended').waitFor();
      staff.forget();
      return ms;
    };
    const floorSession = async (): Promise<number> => {
      const ms = await tap(floorInput, floorButton, () => floorStaff.waitFor((f) => f.event?.type === 'logging.start', 'floor message'));
      floorStaff.forget();
      return ms;
    };

    const kiosk: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < WARM_UP + sessions; i++) {
      const k = await kioskSession(i);
      const f = await floorSession();
      if (i >= WARM_UP) {
        kiosk.push(k);
        floor.push(f);
      }
    }
    load.end = loadavg();
    return { kiosk: figures(kiosk), floor: figures(floor), chromium: browser.version(), load, seconds: (Date.now() - started) / 1000 };
  } finally {
    for (const socket of sockets) socket.close();
    await browser?.close();
    await stopChild(kioskChild);
    await stopChild(floorChild);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const x = (value: number, floor: number) => `${(value / floor).toFixed(2)}×`;
const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');

export function tapLatencySection(result: TapResult): string {
  const { kiosk, floor } = result;
  const p50 = kiosk.p50 / floor.p50;
  const p90 = kiosk.p90 / floor.p90;
  const verdict = (met: boolean) => (met ? 'met' : '**not met**');
  return [
    '<!-- tap-latency:start -->',
    '## Finger to staff (Chromium, the whole path)',
    '',
    `- Date: ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${result.chromium} headless.`,
    `- Load average (1 / 5 / 15 min) at the start ${loads(result.load.start)}, at the end ${loads(result.load.end)}: on a ${cpus().length}-core machine, anything near ${cpus().length} means other work shared the cores.`,
    `- ${kiosk.n} sessions of each after ${WARM_UP} of each as a warm-up, kiosk and floor alternating, ${result.seconds.toFixed(0)} s in all.`,
    '- Kiosk: `kokuchi serve` (the headless shell) on a fresh data folder, its page in Chromium, a staff client on the staff link WebSocket. Each session: the staff client sends `session.start`, the page shows the notice and reports it shown, the bench presses the mouse on "I understand" and releases it through the DevTools protocol (the click).',
    '- Floor: a page with one plain button in the same browser; its click sends one WebSocket message to a server in a process of its own, which appends a line to a file with write + fdatasync (the durable ledger write the kiosk must make first) and sends the staff client one message.',
    '- The clock (this process\'s monotonic clock) starts just before the release is sent and stops when the staff client\'s socket hands over `logging.start`.',
    `- Goals: p50 ≤ ${GOALS.p50}× the floor, p90 ≤ ${GOALS.p90}× the floor, max ≤ ${GOALS.maxMs} ms.`,
    '',
    '| path | sessions | p50 | p90 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    `| floor: minimal page → one fdatasync → staff message | ${floor.n} | ${ms(floor.p50)} | ${ms(floor.p90)} | ${ms(floor.p99)} | ${ms(floor.max)} |`,
    `| **kiosk**: "I understand" → staff client holds \`logging.start\` | ${kiosk.n} | ${ms(kiosk.p50)} | ${ms(kiosk.p90)} | ${ms(kiosk.p99)} | ${ms(kiosk.max)} |`,
    '',
    '| goal | figure | verdict |',
    '| --- | --- | --- |',
    `| p50 ≤ ${GOALS.p50}× floor | ${x(kiosk.p50, floor.p50)} | ${verdict(p50 <= GOALS.p50)} |`,
    `| p90 ≤ ${GOALS.p90}× floor | ${x(kiosk.p90, floor.p90)} | ${verdict(p90 <= GOALS.p90)} |`,
    `| max ≤ ${GOALS.maxMs} ms | ${ms(kiosk.max)} (p99 ${x(kiosk.p99, floor.p99)} floor) | ${verdict(kiosk.max <= GOALS.maxMs)} |`,
    '',
    'On the kiosk path and not on the floor\'s: the bridge\'s and the call\'s schema checks, the session machine, two records',
    'built and hashed (the acknowledgement and `logging.start`, in the one write + fdatasync the floor also makes), and',
    'the event frames. Kept off it: the page renders nothing on the tap (the buttons show busy only after 100 ms without',
    'an answer), `head.json` is written only when no record has been written for 100 ms and no batch is being written, both',
    'frames leave in one write, and the view push to the page follows the staff link\'s send. With the staff client on',
    'this machine, that push and the page drawing the thank-you screen share the cores with the staff client reading its frame.',
    '',
    'Where the time goes (a trace of 200 taps through this bench on 2026-12-03, with `performance.now()` marks in the',
    '`kokuchi serve` process and the floor server and `performance.timeOrigin + now()` in both pages, since removed;',
    'medians, kiosk beside floor). In the server, from the page\'s message to the write: 0.76 ms beside 0.06 — the bridge\'s',
    'JSON and envelope check 0.10, the call\'s input check 0.05, the session machine\'s queue and checks 0.11, the two',
    'payloads\' schema checks 0.08, the ledger\'s one turn for appends made together 0.05, the ledger clock 0.10 (the time',
    'since boot, which counts suspend and so tells a clock step from a sleep, is `os.uptime()`: a read of /proc/uptime),',
    'the two records stamped, given ids, ordered, serialised and hashed 0.23, and the bytes handed to the file 0.04; then',
    'the write 0.45 ms (0.33: 900 bytes beside 100), the fdatasync 0.82 ms (0.90), and from the disk\'s answer to the staff',
    'socket\'s write 0.27 ms (0.18: the ledger\'s bookkeeping, the metrics\' count and both event frames). Server in all',
    '2.59 ms beside 1.78. In the page (Chromium reads its clock in 0.1 ms steps): release → pointerup 1.28 ms (1.14),',
    'pointerup → click 0.1 (0.1), click → the bridge\'s send 0.2 (0.0: React\'s event dispatch and the handler), the',
    'WebSocket to the server about 0.5 (0.6). A kiosk answers a few taps an hour, so its code runs as the rarely-run code',
    'it is here; every step is tens of microseconds, none is the gap alone, and each is needed for the record to hold up',
    'as evidence.',
    '',
    'Done on this path: record ids are made from node\'s `randomUUID` with the record\'s millisecond (the uuid package',
    'drew each id\'s bytes through WebCrypto\'s `getRandomValues`: 0.12 ms for the first id of a tap, now 0.03) and the',
    'time floor is kept as a number, not parsed back from the last record\'s text; the page hears "I understand" on the',
    'button itself, so the answer leaves before React\'s listener at the root has dispatched the click (click → send',
    '0.2 ms → 0.1). Tried and not kept: an un-throttled',
    'touch call on pointerdown, so that the bridge, the call and the session code ran a millisecond before the answer,',
    'left each step as slow (the cost is not that the code ran long ago, so warming it on the press would not help);',
    'a lower V8 tier-up budget (`--interrupt-budget=1000`) changed nothing beyond the run-to-run spread; holding the',
    'press 80 ms, as a finger does, slowed the floor more than the kiosk (p50 6.65 ms beside 7.65, 1.15×) by letting',
    'both processes idle, which changes the measure, not the path. Earlier (2026-12-03): taking out the clock\'s',
    '`os.uptime()`, all four schema checks and the id generator together took the server\'s part down by only 0.23 ms.',
    '<!-- tap-latency:end -->',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureTapLatency(Number(process.env.TAP_SESSIONS ?? 200));
  const section = tapLatencySection(result);
  if (process.env.TAP_WRITE !== 'no') await writeMarkedSection('tap-latency', section);
  console.log(section);
}
