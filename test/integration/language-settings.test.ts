// The office's language settings as a resident meets them: `languages.enabled` is the
// picker's order, and hiding unreviewed translations (all of them, today) leaves nothing to
// offer, so the kiosk goes to maintenance and says why instead of showing an empty picker.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PageServer } from '../../electron/cli/page-server.js';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startKiosk } from '../../electron/core/start-kiosk.js';
import { launchChromium } from '../support/browser.js';
import { ROOT, TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskWith(config: unknown): Promise<KioskCore> {
  const dataDir = await makeDataDir();
  cleanups.push(() => removeDataDir(dataDir));
  const configPath = join(dataDir, 'kokuchi.config.json');
  await writeFile(configPath, JSON.stringify(config));
  const settings = new Map<string, unknown>();
  const core = await startKiosk({
    dataDir,
    configPath,
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    version: '0.0.0-test',
    localesDir: join(ROOT, 'locales'),
    overrides: { host: '127.0.0.1', port: 0, token: TOKEN },
  });
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

    const started = await fetch(new URL('v1/sessions', core.staffLinkUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'ja' }),
    });
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
