// `kokuchi preview --out DIR [--lang L…] [--size WxH…] [--config F] [--chromium PATH]`:
// every resident screen in each language, screen size and text size as a PNG, and one line
// for each screen whose text or buttons do not fit (exit 1 if any). The kiosk runs
// in-process on a throwaway data folder, so no real ledger or staff app is touched.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { loadConfig, startKiosk, type KioskConfig, type KioskCore } from '../core/index.js';
import type { CliContext } from './cli-context.js';
import { checkFit } from './fit-check.js';
import { findChromium, launchInstalledChromium } from './installed-chromium.js';
import { PageServer } from './page-server.js';
import { KIOSK_SIZES, tourEveryScreen, type ScreenSize } from './screen-tour.js';

export async function previewCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      lang: { type: 'string', multiple: true },
      size: { type: 'string', multiple: true },
      config: { type: 'string' },
      chromium: { type: 'string' },
    },
    strict: true,
  });
  if (!values.out) throw new Error('--out DIR is required: the folder for the PNG files');
  const out = resolve(values.out);
  const sizes = values.size ? listed(values.size).map(screenSize) : KIOSK_SIZES;
  const rendererDir = join(context.appRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('the kiosk page is not built yet: run `npm run build`');
  const chromiumPath = findChromium(values.chromium);

  const loaded = await loadConfig(values.config);
  if (loaded.problems.length > 0) {
    for (const problem of loaded.problems) context.stdout(`${problem}\n`);
    context.stderr('kokuchi preview: fix the configuration first (`kokuchi doctor` lists every problem)\n');
    return 1;
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'kokuchi-preview-'));
  const token = randomBytes(32).toString('base64url');
  let core: KioskCore | undefined;
  let page: PageServer | undefined;
  let browser: Browser | undefined;
  try {
    const configPath = join(dataDir, 'kokuchi.config.json');
    await writeFile(configPath, JSON.stringify(heldStill(loaded.config)));
    const settings = new Map<string, unknown>();
    core = await startKiosk({
      dataDir,
      configPath,
      settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
      version: context.version,
      localesDir: join(context.appRoot, 'locales'),
      overrides: { host: '127.0.0.1', port: 0, token },
    });
    const view = await core.call('getView', {});
    if (view.screen === 'maintenance') {
      for (const problem of view.problems) context.stdout(`${problem}\n`);
      context.stderr('kokuchi preview: the kiosk would show its maintenance screen (`kokuchi doctor` lists every problem)\n');
      return 1;
    }
    const offered = view.languages.map((language) => language.code);
    const languages = values.lang ? listed(values.lang) : offered;
    for (const language of languages) {
      if (!offered.includes(language)) {
        throw new Error(`--lang ${language}: not offered by this configuration (offered: ${offered.join(' ')})`);
      }
    }

    page = await PageServer.listen(core, rendererDir, 0);
    browser = await launchInstalledChromium(chromiumPath);
    // Reduced motion: the same picture every run (the recording dot does not pulse mid-shot).
    const tab = await browser.newPage({ viewport: sizes[0] ?? KIOSK_SIZES[0], reducedMotion: 'reduce' });
    await tab.goto(page.url);
    await mkdir(out, { recursive: true });

    let shots = 0;
    let misfits = 0;
    await tourEveryScreen({
      page: tab,
      staffLinkUrl: core.staffLinkUrl,
      token,
      languages,
      sizes,
      textSizes: ['normal', 'large'],
      async onStop(stop) {
        const report = await checkFit(tab, { language: stop.screen === 'idle' ? null : stop.language });
        await tab.screenshot({ path: join(out, `${stop.name}.png`) });
        shots += 1;
        if (report.problems.length > 0) {
          misfits += 1;
          context.stdout(`${stop.name}: ${report.problems.join('; ')}\n`);
        }
      },
    });
    context.stderr(`kokuchi preview: ${shots} screens in ${out}; ${misfits === 0 ? 'all fit' : `${misfits} do not fit`}\n`);
    return misfits === 0 ? 0 : 1;
  } finally {
    await browser?.close();
    await page?.close();
    await core?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The office's configuration with the clock held still and nothing reaching out: no
 * timeouts or resets mid-tour, staff link on loopback, no webhooks. What the resident
 * reads is unchanged (a resident-only counter shows the same idle screen as "both").
 */
function heldStill(config: KioskConfig): KioskConfig {
  const { token: _token, tls: _tls, ...staffLink } = config.staffLink;
  return {
    ...config,
    session: {
      ...config.session,
      startBy: config.session.startBy === 'resident' ? 'both' : config.session.startBy,
      answerTimeoutSeconds: 600,
      idleResetSeconds: 3600,
      thanksSeconds: 30,
      endedSeconds: 60,
    },
    staffLink: { ...staffLink, host: '127.0.0.1', port: 0 },
    webhooks: [],
  };
}

/** `--lang ja --lang en` and `--lang ja,en` alike. */
function listed(values: string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

function screenSize(text: string): ScreenSize {
  const match = /^(\d+)x(\d+)$/.exec(text);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width < 320 || height < 320 || width > 7680 || height > 7680) {
    throw new Error(`--size ${text}: write WIDTHxHEIGHT in CSS pixels, e.g. 1280x800 (320 to 7680 each)`);
  }
  return { width, height };
}
