// The kiosk's life as a facilities team and a resident meet it: how a session opens
// under each office rule, a broken config file, and stopping or killing the kiosk.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { TOKEN, makeDataDir, removeDataDir, runCli, startKioskProcess } from '../support/kiosk-process.js';

let browser: Browser;
const dirs: string[] = [];

async function dataDirWithConfig(config: unknown): Promise<{ dataDir: string; config: string }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const path = join(dataDir, 'kokuchi.config.json');
  await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
  return { dataDir, config: path };
}

async function events(staffUrl: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(new URL('v1/events?after=0&limit=1000', staffUrl), { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await res.json()) as { events: Array<Record<string, unknown>> }).events;
}

function post(staffUrl: string, path: string, body: unknown = {}): Promise<Response> {
  return fetch(new URL(path, staffUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
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
      const started = (await events(kiosk.staffUrl)).find((e) => e.type === 'session.started');
      expect(started).toMatchObject({ by: 'resident', staffName: null });
      // Staff may not start sessions at this counter.
      expect((await post(kiosk.staffUrl, 'v1/sessions')).status).toBe(409);
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
      expect((await post(kiosk.staffUrl, 'v1/sessions', { language: 'en' })).status).toBe(201);
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
      const res = await post(kiosk.staffUrl, 'v1/sessions');
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
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    let kiosk = await startKioskProcess({ dataDir });
    const { sessionId } = (await (await post(kiosk.staffUrl, 'v1/sessions')).json()) as { sessionId: string };
    expect(await kiosk.stop('SIGTERM')).toBe(0);

    kiosk = await startKioskProcess({ dataDir });
    try {
      const ended = (await events(kiosk.staffUrl)).filter((e) => e.sessionId === sessionId).map((e) => [e.type, e.reason]);
      expect(ended).toEqual([
        ['session.started', undefined],
        ['session.ended', 'kiosk-restart'],
      ]);
    } finally {
      await kiosk.stop();
    }
  });

  it('after a kill -9 mid-recording, the next start stops logging and closes the session', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    let kiosk = await startKioskProcess({ dataDir });
    const { sessionId } = (await (await post(kiosk.staffUrl, 'v1/sessions')).json()) as { sessionId: string };
    expect((await post(kiosk.staffUrl, `v1/sessions/${sessionId}/override`, { reason: 'resident asked staff to proceed' })).status).toBe(200);
    await kiosk.stop('SIGKILL');

    kiosk = await startKioskProcess({ dataDir });
    try {
      const types = (await events(kiosk.staffUrl)).filter((e) => e.sessionId === sessionId).map((e) => `${e.type}:${e.reason ?? ''}`);
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
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const kiosk = await startKioskProcess({ dataDir });
    try {
      await expect(startKioskProcess({ dataDir })).rejects.toThrow(/another Kokuchi process|holds the ledger/i);
    } finally {
      await kiosk.stop();
    }
  });
});
