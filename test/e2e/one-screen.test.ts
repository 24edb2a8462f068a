// Only the kiosk screen answers for the resident: the printed link opens one browser's
// screen once; any other browser, page or program with that link sees no notice and can
// tap nothing, while the holding browser keeps the screen through a reload.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openKioskPage } from '../support/browser.js';
import { makeDataDir, removeDataDir, startKioskProcess, type KioskProcess } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

let dataDir: string;
let kiosk: KioskProcess;
let browser: Browser;
let screen: Page;
let sessionId: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  kiosk = await startKioskProcess({ dataDir });
  browser = await launchChromium();
  screen = await openKioskPage(browser, kiosk.kioskUrl);
  const started = await staffApi(kiosk.staffUrl).post('v1/sessions', { staffName: 'Sato', language: 'en' });
  ({ sessionId } = (await started.json()) as { sessionId: string });
  await screen.getByTestId('screen-notice').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await removeDataDir(dataDir);
});

/** The page's bridge socket has been refused or closed (Chromium reports either as 'close'). */
async function bridgeRefusedIn(page: Page, load: () => Promise<unknown>): Promise<void> {
  const closed = new Promise<void>((resolve) => page.once('websocket', (socket) => socket.on('close', () => resolve())));
  await load();
  await closed;
}

describe('one kiosk screen', () => {
  it('has taken the code out of the screen\'s address and history', async () => {
    expect(screen.url()).toBe(`${new URL(kiosk.kioskUrl).origin}/`);
    expect(await screen.evaluate('location.search')).toBe('');
  });

  it('refuses the link to a second browser: no notice, nothing to tap', async () => {
    const other: BrowserContext = await browser.newContext();
    try {
      const page = await other.newPage();
      const answer = await page.goto(kiosk.kioskUrl);
      expect(answer?.status()).toBe(403);
      expect(await page.getByTestId('screen-notice').count()).toBe(0);
      // Even the clean page of the kiosk, loaded by hand, gets no bridge.
      await bridgeRefusedIn(page, () => page.goto(new URL('/', kiosk.kioskUrl).href));
      expect(await page.getByTestId('screen-notice').count()).toBe(0);
      expect(await page.getByTestId('ack').count()).toBe(0);
    } finally {
      await other.close();
    }
    // The real screen still shows the notice and nobody answered for the resident.
    await screen.getByTestId('screen-notice').waitFor();
    const answers = (await staffApi(kiosk.staffUrl).events()).filter((e) => e.sessionId === sessionId && String(e.type).startsWith('consent.'));
    expect(answers).toEqual([]);
  });

  it('refuses a program that replays the link or opens the bridge without the cookie', async () => {
    const replay = await fetch(kiosk.kioskUrl, { redirect: 'manual' });
    expect(replay.status).toBe(403);
    expect(replay.headers.get('set-cookie')).toBeNull();
    const url = new URL(kiosk.kioskUrl);
    const code = url.searchParams.get('secret') ?? '';
    for (const target of [`ws://${url.host}/kiosk-bridge`, `ws://${url.host}/kiosk-bridge?secret=${encodeURIComponent(code)}`]) {
      const ws = new WebSocket(target, { headers: { origin: url.origin } });
      const status = await new Promise<number>((resolve) => {
        ws.once('open', () => resolve(101));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(0));
      });
      expect(status, target).toBe(403);
    }
  });

  it('keeps the screen through a reload, and the resident can still answer', async () => {
    await screen.reload();
    await screen.getByTestId('screen-notice').waitFor();
    await screen.getByTestId('ack').click();
    await screen.getByTestId('screen-thanks').or(screen.getByTestId('screen-recording')).first().waitFor();
    const types = (await staffApi(kiosk.staffUrl).events()).filter((e) => e.sessionId === sessionId).map((e) => e.type);
    expect(types).toContain('consent.acknowledged');
    expect((await (await staffApi(kiosk.staffUrl).get('v1/status')).json()) as Record<string, unknown>).toMatchObject({ screen: 'connected' });
  });
});
