// `kill -9` at seeded-random moments while sessions run: a real `kokuchi serve`, a staff
// client on the staff link and the page's bridge without a browser. After each kill the
// kiosk restarts on the same data folder; every event a command got a `result` for, every
// event staff were sent and every answer the page was thanked for must be in the ledger,
// no logging.start by acknowledgement without its acknowledgement, and the ledger verifies.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { makeDataDir, removeDataDir, runCli, startKioskProcess, TOKEN, type KioskProcess } from '../support/kiosk-process.js';
import { PageBridgeClient } from '../support/page-bridge-client.js';
import { RawStaffClient, type Frame } from '../support/raw-staff-client.js';
import { fuzzSeed, seededRandom, type SeededRandom } from '../support/seeded-random.js';

const KILLS = 52;
/** Sessions one kiosk run may drive before its kill; the kill almost always comes first. */
const SESSIONS_PER_RUN = 40;
const seed = fuzzSeed();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

interface Promised {
  sessionId: string;
  type: string;
  /** What told the outside world: a staff `result` or the page's answer call. */
  by: string;
}

/** A staff command's reply, or null once the kiosk is gone. */
async function reply(staff: RawStaffClient, frame: { id: string } & Record<string, unknown>): Promise<Frame | null> {
  staff.send(frame);
  const found = await staff.waitFor(
    () => staff.frames.find((f) => (f.type === 'result' || f.type === 'error') && f.id === frame.id) ?? (staff.closeCode !== null && 'closed'),
    `reply ${frame.id}`,
  );
  if (found === 'closed') return null;
  if (found.type === 'error') throw new Error(`staff command ${frame.id} refused: ${JSON.stringify(found)}`);
  return found;
}

const gone = (error: unknown): null => {
  if (error instanceof Error && /bridge closed/.test(error.message)) return null;
  throw error;
};

/** Counter sessions, one after another, until the kiosk disappears; records what each reply promised. */
async function drive(run: number, staff: RawStaffClient, page: PageBridgeClient, random: SeededRandom, promised: Progress): Promise<void> {
  for (let n = 0; n < SESSIONS_PER_RUN; n += 1) {
    const tag = `${run}-${n}`;
    const started = await reply(staff, { type: 'session.start', id: `${tag}-start`, staffName: 'Sato' });
    if (!started) return;
    const sessionId = started.sessionId as string;
    promised.push({ sessionId, type: 'session.started', by: 'staff result' });
    const view = await page.waitForView((v) => v.session?.sessionId === sessionId && v.screen === 'notice');
    if (!view?.session) return;
    if ((await page.call('noticeShown', { sessionId, noticeVersion: view.session.notice.version }).catch(gone)) === null) return;
    promised.push({ sessionId, type: 'notice.shown', by: 'page result' });
    if (random.chance(0.75)) {
      if ((await page.call('answer', { sessionId, answer: 'acknowledged' }).catch(gone)) === null) return;
      promised.push({ sessionId, type: 'consent.acknowledged', by: 'page result' }, { sessionId, type: 'logging.start', by: 'page result' });
    } else {
      if ((await page.call('answer', { sessionId, answer: 'questioned' }).catch(gone)) === null) return;
      promised.push({ sessionId, type: 'consent.questioned', by: 'page result' });
      if (!(await reply(staff, { type: 'session.override', id: `${tag}-override`, sessionId, reason: 'explained the purpose' }))) return;
      promised.push({ sessionId, type: 'logging.start', by: 'staff result' });
    }
    if (!(await reply(staff, { type: 'session.end', id: `${tag}-end`, sessionId }))) return;
    promised.push({ sessionId, type: 'logging.stop', by: 'staff result' }, { sessionId, type: 'session.ended', by: 'staff result' });
  }
}

/** What was promised so far; `push` also tells the killer how far the counter has got. */
interface Progress {
  push(...items: Promised[]): void;
}

interface Run {
  kiosk: KioskProcess;
  staff: RawStaffClient;
  page: PageBridgeClient;
  thanked: Set<string>;
}

async function connect(dataDir: string): Promise<Run> {
  const kiosk = await startKioskProcess({ dataDir });
  const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
  await staff.waitForWelcome();
  const page = await PageBridgeClient.connect(kiosk.kioskUrl);
  const thanked = new Set<string>();
  // Every view the page is pushed: a thank-you names the session the resident was thanked in.
  page.onView = (view) => {
    if (view.screen === 'thanks' && view.session) thanked.add(view.session.sessionId);
  };
  return { kiosk, staff, page, thanked };
}

async function checkLedger(dataDir: string, promised: Promised[], sentToStaff: Set<string>, thanked: Set<string>): Promise<number> {
  const dir = path.join(dataDir, 'ledger');
  const records = (await ledgerLines(dir)).map(({ line }) => JSON.parse(line) as { id: string; seq: number; ts: string; type: string; sessionId: string | null; by?: string });
  const has = new Set(records.map((record) => `${record.sessionId} ${record.type}`));
  const ids = new Set(records.map((record) => record.id));
  expect(promised.filter((p) => !has.has(`${p.sessionId} ${p.type}`)), `seed ${seed}`).toEqual([]);
  expect([...sentToStaff].filter((id) => !ids.has(id)), `seed ${seed}: events staff were sent`).toEqual([]);
  expect([...thanked].filter((sessionId) => !has.has(`${sessionId} consent.acknowledged`)), `seed ${seed}: thanked`).toEqual([]);
  // A logging.start caused by an acknowledgement comes with it, in the same write.
  records.forEach((record, index) => {
    if (record.type !== 'logging.start' || record.by !== 'acknowledgement') return;
    const before = records[index - 1];
    expect(before, `seed ${seed}: seq ${record.seq}`).toMatchObject({ type: 'consent.acknowledged', sessionId: record.sessionId, ts: record.ts });
  });
  expect(await verifyLedger(dir), `seed ${seed}`).toMatchObject({ ok: true });
  return records.length;
}

/** One kiosk on its own data folder, killed `kills` times; returns how many answers were confirmed and thanked. */
async function lane(index: number, kills: number): Promise<{ acknowledged: number; thanked: number }> {
  const random = seededRandom((seed + index * 0x9e3779b9) >>> 0);
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const promised: Promised[] = [];
  let stepDone: () => void = () => undefined;
  const progress: Progress = {
    push(...items) {
      promised.push(...items);
      stepDone();
    },
  };
  const sentToStaff = new Set<string>();
  const thanked = new Set<string>();
  let run = await connect(dataDir);
  for (let kill = 1; kill <= kills; kill += 1) {
    const { kiosk, staff, page } = run;
    // The moment: after a seeded number of confirmed steps (0 = during start-up's first command),
    // plus a seeded few milliseconds, which lands inside the next command's write or reply.
    const steps = random.int(0, 14);
    let done = 0;
    const reached = new Promise<void>((resolve) => {
      stepDone = () => {
        done += 1;
        if (done >= steps) resolve();
      };
      if (steps === 0) resolve();
    });
    const driving = drive(kill, staff, page, random, progress);
    await Promise.race([reached, driving]);
    await new Promise((resolve) => setTimeout(resolve, random.int(0, 25)));
    const exited = kiosk.stop('SIGKILL');
    await driving;
    await exited;
    for (const event of staff.events()) sentToStaff.add(event.id as string);
    for (const sessionId of run.thanked) thanked.add(sessionId);
    staff.close();
    page.close();

    run = await connect(dataDir);
    await checkLedger(dataDir, promised, sentToStaff, thanked);
  }
  run.staff.close();
  run.page.close();
  expect(await run.kiosk.stop('SIGTERM')).toBe(0);
  const verified = await runCli(['ledger', 'verify', '--data', dataDir]);
  expect(verified, `seed ${seed}`).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK \d+ events/) });
  return { acknowledged: promised.filter((p) => p.type === 'consent.acknowledged').length, thanked: thanked.size };
}

describe('kill -9 while sessions run', () => {
  it(`loses nothing that was confirmed, over ${KILLS} kills at seeded-random moments`, async () => {
    // Two kiosks side by side: the same kills in about half the time, most of which is start-up.
    const lanes = await Promise.all([lane(0, KILLS / 2), lane(1, KILLS / 2)]);
    // The kills came while the counter was busy: answers and their signals were confirmed before many of them.
    expect(lanes.reduce((sum, l) => sum + l.acknowledged, 0)).toBeGreaterThan(10);
    expect(lanes.reduce((sum, l) => sum + l.thanked, 0)).toBeGreaterThan(0);
  }, 420_000);
});
