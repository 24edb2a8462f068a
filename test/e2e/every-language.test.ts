// Every language on every screen at every kiosk size, in normal and large text: nothing
// clipped or off screen, both answers visible and tappable, every button at least 64 px,
// the right `lang`, and no WCAG 2.2 A/AA violation axe-core can find. Plus the
// accessibility promises a resident relies on: large text, reduced motion, visible focus,
// and more time to answer. One `kokuchi serve`, one Chromium, sessions over the staff link.
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFit } from '../../electron/cli/fit-check.js';
import { KIOSK_SIZES, tourEveryScreen } from '../../electron/cli/screen-tour.js';
import { LANGUAGE_CODES } from '../../electron/shared/languages.js';
import { launchChromium, openKioskPage } from '../support/browser.js';
import { TOKEN, makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

/** The office's picker order: not the built-in one, to see that the page follows it. */
const PICKER_ORDER = ['ja', 'vi', 'ne', 'en', 'zh-Hans', 'my', 'pt-BR', 'ko', 'th', 'fil', 'zh-Hant', 'id', 'es', 'ja-x-easy'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let kiosk: KioskProcess;
let browser: Browser;
let page: Page;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  // Thanks and ended screens held until the staff side moves on, so each can be measured;
  // no answer timeout or idle reset in the middle of a measurement.
  const config = await writeKioskConfig(dataDir, {
    languages: { enabled: PICKER_ORDER },
    session: { thanksSeconds: 30, endedSeconds: 60, answerTimeoutSeconds: 600, idleResetSeconds: 3600 },
  });
  kiosk = await startKioskProcess({ dataDir, config });
  browser = await launchChromium();
  page = await openKioskPage(browser, kiosk.kioskUrl, KIOSK_SIZES[0]);
  // The page's CSP forbids inline scripts; evaluation through the DevTools protocol is not one.
  await page.evaluate(axe.source);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await removeDataDir(dataDir);
});

async function staff(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const response = await staffApi(kiosk.staffUrl).post(path, body);
  expect(response.ok).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function openNotice(language: string): Promise<string> {
  const { sessionId } = await staff('v1/sessions', { language, staffName: 'Sato' });
  await page.locator(`[data-testid="screen-notice"][lang="${language}"] [data-testid="time-left"]`).waitFor();
  return sessionId as string;
}

async function endSession(sessionId: string): Promise<void> {
  await staff(`v1/sessions/${sessionId}/end`);
  await page.getByTestId('screen-ended').waitFor();
}

interface AxeViolation {
  id: string;
  targets: string[];
}

function axeViolations(): Promise<AxeViolation[]> {
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })
       .then((result) => result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
  );
}

const number = (text: string | null) => Number(/\d+/.exec(text ?? '')?.[0]);

describe('every language on every screen', () => {
  it('the picker offers the languages in the office order', async () => {
    await page.getByTestId('screen-idle').waitFor();
    const ids = await page.locator('[data-testid^="lang-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));
    expect(ids).toEqual(PICKER_ORDER.map((code) => `lang-${code}`));
  });

  it('fits 1280×800, 1920×1080 and 800×1280 in normal and large text, and passes axe (WCAG 2.2 A/AA)', async () => {
    const failures: string[] = [];
    const seen: string[] = [];
    await tourEveryScreen({
      page,
      staffLinkUrl: kiosk.staffUrl,
      token: TOKEN,
      languages: LANGUAGE_CODES,
      sizes: KIOSK_SIZES,
      textSizes: ['normal', 'large'],
      async onStop(stop) {
        seen.push(stop.name);
        const fit = await checkFit(page, { language: stop.screen === 'idle' ? null : stop.language });
        if (fit.screen !== stop.screen) failures.push(`${stop.name}: showed ${fit.screen}`);
        for (const problem of fit.problems) failures.push(`${stop.name}: ${problem}`);
        for (const violation of await axeViolations()) failures.push(`${stop.name}: axe ${violation.id} at ${violation.targets.join(', ')}`);
      },
    });
    expect(failures).toEqual([]);
    // Idle at three sizes, then 14 languages × 2 text sizes × 5 screens × 3 sizes.
    expect(seen).toHaveLength(3 + LANGUAGE_CODES.length * 2 * 5 * 3);
  }, 600_000);
});

describe('what a resident relies on', () => {
  it('the language picker over the notice fits and passes axe at every size, in large text too', async () => {
    const failures: string[] = [];
    for (const large of [false, true]) {
      const sessionId = await openNotice('my');
      if (large) await page.getByTestId('text-size').click();
      await page.getByTestId('change-language').click();
      await page.locator('dialog[open] [data-testid="lang-ja"]').waitFor();
      for (const size of KIOSK_SIZES) {
        await page.setViewportSize(size);
        const fit = await checkFit(page, { language: 'my' });
        for (const problem of fit.problems) failures.push(`${size.width}x${size.height}${large ? ' large' : ''}: ${problem}`);
        for (const violation of await axeViolations()) failures.push(`${size.width}x${size.height}: axe ${violation.id} at ${violation.targets.join(', ')}`);
      }
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      await endSession(sessionId);
    }
    expect(failures).toEqual([]);
  });

  it('large text makes the notice and its answers larger, and says it is on', async () => {
    await page.setViewportSize(KIOSK_SIZES[0] ?? { width: 1280, height: 800 });
    const sessionId = await openNotice('en');
    const sizes = () =>
      page.evaluate<number[]>(
        `['.notice-title', '.notice-section p', '[data-testid="ack"]'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))`,
      );
    const toggle = page.getByTestId('text-size');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const normal = await sizes();
    await toggle.click();
    await page.locator('[data-testid="text-size"][aria-pressed="true"]').waitFor();
    const large = await sizes();
    large.forEach((size, index) => expect(size / (normal[index] ?? 1)).toBeCloseTo(1.3, 1));
    await toggle.click();
    await page.locator('[data-testid="text-size"][aria-pressed="false"]').waitFor();
    expect(await sizes()).toEqual(normal);
    await endSession(sessionId);
  });

  it('"I need more time" puts the time left back up', async () => {
    const sessionId = await openNotice('vi');
    const timeLeft = page.getByTestId('time-left');
    const start = number(await timeLeft.textContent());
    expect(start).toBe(600);
    const shown = async () => number(await timeLeft.textContent());
    await expect.poll(shown, { timeout: 5_000 }).toBeLessThan(600);
    const before = await shown();
    await page.getByTestId('more-time').click();
    await expect.poll(shown).toBeGreaterThan(before);
    await endSession(sessionId);
  });

  it('a keyboard user sees where the focus is', async () => {
    const sessionId = await openNotice('ja');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const focused = () =>
      page.evaluate<{ tag: string; outline: string; width: number; offset: number }>(
        `(() => { const el = document.activeElement; const s = getComputedStyle(el);
           return { tag: el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset) }; })()`,
      );
    let focus = await focused();
    for (let presses = 0; presses < 10 && focus.tag !== 'BUTTON'; presses++) {
      await page.keyboard.press('Tab');
      focus = await focused();
    }
    expect(focus.tag).toBe('BUTTON');
    expect(focus.outline).toBe('solid');
    expect(focus.width).toBeGreaterThanOrEqual(3);
    await endSession(sessionId);
  });

  it('with reduced motion asked for, the recording indicator does not pulse', async () => {
    const sessionId = await openNotice('th');
    await page.getByTestId('question').click();
    await page.getByTestId('screen-question').waitFor();
    await staff(`v1/sessions/${sessionId}/override`, { reason: 'explained at the counter' });
    await page.getByTestId('screen-recording').waitFor();
    const running = () => page.evaluate<number>(`document.getAnimations().filter((a) => a.playState === 'running').length`);

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect.poll(running).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(running).toBe(0);
    await page.emulateMedia({ reducedMotion: null });
    await endSession(sessionId);
  });
});
