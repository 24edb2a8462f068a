// The admin calls and the screen recovery, in the real core with a real ledger in a temp
// folder and the staff link on loopback.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KioskCore, StartKioskOptions } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';
import { TEST_SECRET } from '../support/webhook-receiver.js';

const PIN = '2580';
const cores: KioskCore[] = [];
const dirs: string[] = [];

async function kiosk(config: object, extra: Partial<StartKioskOptions> = {}): Promise<{ core: KioskCore; dataDir: string }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const core = await startCoreInProcess({ dataDir, config, version: '9.9.9-test', ...extra });
  cores.push(core);
  return { core, dataDir };
}

function ledgerEvents(core: KioskCore, after = 0): Promise<Array<Record<string, unknown>>> {
  return staffApi(core.staffLinkUrl).events(after);
}

async function unlock(core: KioskCore): Promise<string> {
  const result = await core.call('adminUnlock', { pin: PIN });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.adminSession;
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

describe('admin calls', () => {
  it('show the kiosk, its pairing, staff clients, webhook backlog, ledger check and languages', async () => {
    const { core } = await kiosk({
      counterId: 'shimin-3',
      admin: { pin: PIN },
      languages: { enabled: ['ja', 'en', 'vi'] },
      // Nothing listens there: the events wait in the backlog.
      webhooks: [{ url: 'http://127.0.0.1:9/hook', secret: TEST_SECRET }],
    });
    const staff = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
    await staff.waitForWelcome();

    const status = await core.call('adminStatus', { adminSession: await unlock(core) });
    expect(status).toMatchObject({
      counterId: 'shimin-3',
      version: '9.9.9-test',
      staffClients: 1,
      languages: ['ja', 'en', 'vi'],
      problems: [],
      canExit: false,
      staffLink: { url: core.staffLinkUrl, addresses: [core.staffLinkUrl], token: TOKEN },
    });
    expect(status.kioskId).toMatch(/^kiosk-/);
    expect(status.staffLink.pairingUri).toBe(
      `kokuchi://pair?url=${encodeURIComponent(core.staffLinkUrl)}&token=${TOKEN}&counter=shimin-3`,
    );
    expect(status.webhooks).toHaveLength(1);
    expect(status.webhooks[0]).toMatchObject({ url: 'http://127.0.0.1:9/' });
    expect(status.webhooks[0]?.backlog).toBeGreaterThanOrEqual(1);
    expect(status.ledger.verify).toMatchObject({ ok: true, lastSeq: status.ledger.lastSeq });
    expect(status.ledger.lastSeq).toBeGreaterThanOrEqual(1);
    staff.close();
  });

  it('limit wrong PINs in the core and refuse every admin call without a live admin session', async () => {
    const { core } = await kiosk({ admin: { pin: PIN } });
    for (let left = 4; left >= 1; left -= 1) {
      expect(await core.call('adminUnlock', { pin: '9999' })).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: left });
    }
    const locked = await core.call('adminUnlock', { pin: '9999' });
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(await core.call('adminUnlock', { pin: PIN })).toMatchObject({ ok: false, reason: 'locked' });
    if (locked.ok || locked.reason !== 'locked') throw new Error('not locked');
    expect(locked.lockedUntil - Date.now()).toBeGreaterThan(4 * 60_000);

    await expect(core.call('adminStatus', { adminSession: 'guessed' })).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(core.call('adminExit', { adminSession: 'guessed' })).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(core.call('adminUnlock', { pin: 2580 })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('open nothing while a real office keeps the default PIN', async () => {
    const { core } = await kiosk({ counterId: 'c-1' });
    expect(await core.call('adminUnlock', { pin: '0000' })).toEqual({ ok: false, reason: 'pin-not-set' });
  });

  it('exit only in a shell that can, and end the admin session with lock', async () => {
    const { core } = await kiosk({ admin: { pin: PIN } });
    const headless = await unlock(core);
    await expect(core.call('adminExit', { adminSession: headless })).rejects.toMatchObject({ code: 'invalid-state' });

    let exits = 0;
    core.onExitRequested(() => (exits += 1));
    const electron = await unlock(core);
    expect((await core.call('adminStatus', { adminSession: electron })).canExit).toBe(true);
    expect(await core.call('adminExit', { adminSession: electron })).toEqual({ ok: true });
    await expect.poll(() => exits).toBe(1);

    await core.call('adminLock', { adminSession: headless });
    await expect(core.call('adminStatus', { adminSession: headless })).rejects.toMatchObject({ code: 'invalid-state' });
  });
});

describe('recordRecovery', () => {
  it('closes a logging session honestly, records the recovery, and the screen returns to idle', async () => {
    const { core } = await kiosk({ session: { endedSeconds: 0.5 } });
    const before = (await ledgerEvents(core)).at(-1)?.seq as number;
    const { sessionId } = await core.call('startSession', { language: 'en' });
    const view = await core.call('getView', {});
    await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version ?? '' });
    await core.call('answer', { sessionId, answer: 'acknowledged' });

    await core.recordRecovery('crashed', 'reload');
    const events = (await ledgerEvents(core, before)).map((e) => [e.type, e.sessionId, e.reason ?? e.cause, e.action]);
    expect(events.slice(-3)).toEqual([
      ['logging.stop', sessionId, 'kiosk-recovery', undefined],
      ['session.ended', sessionId, 'kiosk-recovery', undefined],
      ['kiosk.recovered', null, 'crashed', 'reload'],
    ]);
    // The reloaded page asks for the view: "recording stopped", then idle with nothing of the resident left.
    expect((await core.call('getView', {})).screen).toBe('ended');
    await expect.poll(async () => (await core.call('getView', {})).screen, { timeout: 5000 }).toBe('idle');
    const idle = await core.call('getView', {});
    expect([idle.session, idle.chosenLanguage]).toEqual([null, null]);
  });

  it('records a recovery with no session open as just that', async () => {
    const { core } = await kiosk({});
    const before = (await ledgerEvents(core)).at(-1)?.seq as number;
    await core.recordRecovery('unresponsive', 'relaunch');
    expect((await ledgerEvents(core, before)).map((e) => [e.type, e.cause, e.action])).toEqual([
      ['kiosk.recovered', 'unresponsive', 'relaunch'],
    ]);
  });
});

describe('recordUpdateRefused', () => {
  it('writes the refused update to the ledger, its reason without any URL path or credentials', async () => {
    const { core } = await kiosk({});
    await core.recordUpdateRefused('1.2.0', 'unsigned: no https://u:pw@updates.lan/feed/T0K/Kokuchi.AppImage.sig');
    expect((await ledgerEvents(core)).at(-1)).toMatchObject({ type: 'update.refused', version: '1.2.0', reason: 'unsigned: no https://updates.lan/' });
  });
});

describe('problems from the shell', () => {
  it('put the kiosk in maintenance with the reason listed', async () => {
    const problem = 'settings.json was not valid JSON; it is kept as settings.json.corrupt-x';
    const { core } = await kiosk({}, { problems: [problem] });
    const view = await core.call('getView', {});
    expect(view.screen).toBe('maintenance');
    expect(view.problems).toEqual([problem]);
  });
});
