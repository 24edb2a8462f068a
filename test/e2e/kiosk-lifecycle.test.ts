// The kiosk's life as a facilities team and a resident meet it: how a session opens
// under each office rule, a broken config file, and stopping or killing the kiosk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { makeDataDir, removeDataDir, runCli, startKioskProcess, writeKioskConfig } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

let browser: Browser;
const dirs: string[] = [];

/** A data folder removed when the file is done. */
async function freshDataDir(): Promise<string> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  return dataDir;
}

async function dataDirWithConfig(config: unknown): Promise<{ dataDir: string; config: string }> {
  const dataDir = await freshDataDir();
  return { dataDir, config: await writeKioskConfig(dataDir, config) };
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) await removeDataDir(dir);
});

describe('kiosk lifecycle', () => {
  it('lets a resident start by tapping a language when the office allows it', async () => {
    const { dataDir, config } = await dataDirWithConfig({ session: { startBy: 'resident' } });
    const kiosk = await startKioskProcess({ dataDir, config });
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.kioskUrl);
      await page.getByTestId('lang-vi').click();
      const notice = page.getByTestId('screen-notice');
      await notice.waitFor();
      expect(await notice.getAttribute('lang')).toBe('vi');
      const started = (await staffApi(kiosk.staffUrl).events()).find((e) => e.type === 'session.started');
      expect(started).toMatchObject({ by: 'resident', staffName: null });
      // Staff may not start sessions at this counter.
      expect((await staffApi(kiosk.staffUrl).post('v1/sessions')).status).toBe(409);
      await page.close();
    } finally {
      await kiosk.stop();
    }
  });

  it('opens a staff-started session in the language the resident tapped while waiting', async () => {
    const { dataDir, config } = await dataDirWithConfig({ session: { startBy: 'staff' } });
    const kiosk = await startKioskProcess({ dataDir, config });
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.kioskUrl);
      await page.getByTestId('lang-th').click();
      await page.locator('[lang="th"]').first().waitFor();
      expect(await page.getByTestId('screen-notice').count()).toBe(0);
      expect((await staffApi(kiosk.staffUrl).post('v1/sessions', { language: 'en' })).status).toBe(201);
      const notice = page.getByTestId('screen-notice');
      await notice.waitFor();
      expect(await notice.getAttribute('lang')).toBe('th');
      await page.close();
    } finally {
      await kiosk.stop();
    }
  });

  it('shows the maintenance screen for a broken config file and refuses sessions, without crashing', async () => {
    const { dataDir, config } = await dataDirWithConfig('{"retentionDays": "forever", ');
    const kiosk = await startKioskProcess({ dataDir, config });
    try {
      const page = await browser.newPage();
      await page.goto(kiosk.kioskUrl);
      const maintenance = page.getByTestId('screen-maintenance');
      await maintenance.waitFor();
      expect(await maintenance.textContent()).toContain('kokuchi.config.json');
      const res = await staffApi(kiosk.staffUrl).post('v1/sessions');
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(/maintenance/);
      const doctor = await runCli(['doctor', '--config', config]);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/kokuchi\.config\.json: not valid JSON/);
      await page.close();
    } finally {
      await kiosk.stop();
    }
  });

  it('closes an open session on SIGTERM and exits 0', async () => {
    const dataDir = await freshDataDir();
    let kiosk = await startKioskProcess({ dataDir });
    const { sessionId } = (await (await staffApi(kiosk.staffUrl).post('v1/sessions')).json()) as { sessionId: string };
    expect(await kiosk.stop('SIGTERM')).toBe(0);

    kiosk = await startKioskProcess({ dataDir });
    try {
      const ended = (await staffApi(kiosk.staffUrl).events()).filter((e) => e.sessionId === sessionId).map((e) => [e.type, e.reason]);
      expect(ended).toEqual([
        ['session.started', undefined],
        ['session.ended', 'kiosk-restart'],
      ]);
    } finally {
      await kiosk.stop();
    }
  });

  it('after a kill -9 mid-recording, the next start stops logging and closes the session', async () => {
    const dataDir = await freshDataDir();
    let kiosk = await startKioskProcess({ dataDir });
    const { sessionId } = (await (await staffApi(kiosk.staffUrl).post('v1/sessions')).json()) as { sessionId: string };
    expect((await staffApi(kiosk.staffUrl).post(`v1/sessions/${sessionId}/override`, { reason: 'resident asked staff to proceed' })).status).toBe(200);
    await kiosk.stop('SIGKILL');

    kiosk = await startKioskProcess({ dataDir });
    try {
      const types = (await staffApi(kiosk.staffUrl).events()).filter((e) => e.sessionId === sessionId).map((e) => `${e.type}:${e.reason ?? ''}`);
      expect(types).toEqual([
        'session.started:',
        'logging.start:resident asked staff to proceed',
        'logging.stop:kiosk-restart',
        'session.ended:kiosk-restart',
      ]);
      // The killed process's lock did not keep the new one out, and the ledger is whole.
    } finally {
      await kiosk.stop();
    }
    const verify = await runCli(['ledger', 'verify', '--data', dataDir]);
    expect(verify.code).toBe(0);
  });

  it('refuses a second kiosk on the same data folder with a clear message', async () => {
    const dataDir = await freshDataDir();
    const kiosk = await startKioskProcess({ dataDir });
    try {
      await expect(startKioskProcess({ dataDir })).rejects.toThrow(/another Kokuchi process|holds the ledger/i);
    } finally {
      await kiosk.stop();
    }
  });
});
