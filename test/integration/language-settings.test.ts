// The office's language settings as a resident meets them: `languages.enabled` is the
// picker's order, and hiding unreviewed translations (all of them, today) leaves nothing to
// offer, so the kiosk goes to maintenance and says why instead of showing an empty picker.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PageServer } from '../../electron/cli/page-server.js';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { launchChromium } from '../support/browser.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { ROOT, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskWith(config: unknown): Promise<KioskCore> {
  const dataDir = await makeDataDir();
  cleanups.push(() => removeDataDir(dataDir));
  const core = await startCoreInProcess({ dataDir, config });
  cleanups.push(() => core.close());
  return core;
}

describe('languages in the configuration', () => {
  it('`enabled` is the picker order, and the first is the idle screen language', async () => {
    const core = await kioskWith({ languages: { enabled: ['vi', 'ne', 'ja-x-easy', 'en', 'my'] } });
    const view = await core.call('getView', {});
    expect(view.screen).toBe('idle');
    expect(view.languages.map((language) => language.code)).toEqual(['vi', 'ne', 'ja-x-easy', 'en', 'my']);
    expect(view.defaultLanguage).toBe('vi');
    const locales = await core.call('getLocales', {});
    expect(locales.map((locale) => locale.code)).toEqual(['vi', 'ne', 'ja-x-easy', 'en', 'my']);
  });

  it('`showUnreviewed: false` with no reviewed translation: maintenance, the reason on screen, no session', async () => {
    const core = await kioskWith({ languages: { showUnreviewed: false } });
    const view = await core.call('getView', {});
    expect(view.screen).toBe('maintenance');
    expect(view.languages).toEqual([]);
    expect(view.problems).toContainEqual(expect.stringContaining('no language can be offered'));

    const started = await staffApi(core.staffLinkUrl).post('v1/sessions', { language: 'ja' });
    expect(started.status).toBe(409);

    const page = await PageServer.listen(core, join(ROOT, 'dist', 'renderer'), 0);
    cleanups.push(() => page.close());
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(page.url);
    const screen = tab.getByTestId('screen-maintenance');
    await screen.waitFor();
    await expect(screen.textContent()).resolves.toContain('no language can be offered');
    expect(await tab.locator('[data-testid^="lang-"]').count()).toBe(0);
  });
});
