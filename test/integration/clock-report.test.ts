// A clock that leaps while the kiosk runs is recorded in the ledger and shown where staff
// and monitoring look: `/v1/status`, `/metrics` and the admin screen's status.
import { afterAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

const PIN = '2580';
const TEN_YEARS = Date.parse('2036-12-01T00:00:00Z') - Date.parse('2026-12-01T00:00:00Z');
let dataDir: string;
let core: KioskCore | undefined;

afterAll(async () => {
  await core?.close();
  await removeDataDir(dataDir);
});

async function json(path: string): Promise<Record<string, unknown>> {
  const res = await staffApi(core!.staffLinkUrl).get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function metric(series: string): Promise<number> {
  const text = await (await staffApi(core!.staffLinkUrl).get('metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`no ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
}

describe('a clock that leaps ahead while the kiosk runs', () => {
  it('is recorded as clock.jumped and reported on /v1/status, /metrics and the admin status', async () => {
    dataDir = await makeDataDir();
    const clock = { wall: Date.parse('2026-12-01T09:00:00.000Z'), boot: 1_000_000 };
    core = await startCoreInProcess({
      dataDir,
      config: { admin: { pin: PIN } },
      ledgerClock: { now: () => new Date(clock.wall), sinceBoot: () => clock.boot },
    });
    expect((await json('v1/status')).clock).toEqual({ trusted: true, offsetMs: 0, jumps: 0, lastJumpAt: null });
    expect(await metric('kokuchi_clock_trusted')).toBe(1);

    // Five minutes pass; the clock says ten years did.
    clock.boot += 300_000;
    clock.wall += 300_000 + TEN_YEARS;
    const started = await staffApi(core.staffLinkUrl).post('v1/sessions', { staffName: 'Sato' });
    expect(started.status).toBe(201);

    const events = await staffApi(core.staffLinkUrl).events();
    const jumped = events.findIndex((e) => e.type === 'clock.jumped');
    expect(events[jumped]).toMatchObject({ offsetMs: TEN_YEARS, clockTs: '2036-12-01T09:05:00.000Z' });
    expect(events[jumped + 1]).toMatchObject({ type: 'session.started' });

    const expected = { trusted: false, offsetMs: TEN_YEARS, jumps: 1, lastJumpAt: '2036-12-01T09:05:00.000Z' };
    expect((await json('v1/status')).clock).toEqual(expected);
    expect(await metric('kokuchi_clock_trusted')).toBe(0);
    expect(await metric('kokuchi_clock_offset_seconds')).toBe(TEN_YEARS / 1000);
    expect(await metric('kokuchi_clock_jumps_total')).toBe(1);

    const unlocked = await core.call('adminUnlock', { pin: PIN });
    if (!unlocked.ok) throw new Error(`refused: ${unlocked.reason}`);
    expect((await core.call('adminStatus', { adminSession: unlocked.adminSession })).clock).toEqual(expected);
  });
});
