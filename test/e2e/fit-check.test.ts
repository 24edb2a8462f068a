// The fit checks behind `kokuchi preview` and the every-language test, on pages made to
// fail one way each: a check that never fails would let every language "pass".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFit } from '../../electron/cli/fit-check.js';
import { findChromium } from '../../electron/cli/installed-chromium.js';
import { launchChromium } from '../support/browser.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});

afterAll(async () => {
  await browser?.close();
});

const BASE = `<style>
  body { margin: 0; overflow: hidden; font: 20px/1.5 sans-serif; }
  .kiosk { height: 100vh; display: flex; flex-direction: column; }
  main { flex: 1; min-height: 0; display: flex; flex-direction: column; }
  button { min-width: 64px; min-height: 64px; }
  .notice-body { flex: 1; min-height: 0; overflow-y: auto; }
  .answers { display: flex; gap: 1rem; }
</style>`;

const summary = '<section data-testid="notice-summary"><p>We record this conversation.</p></section>';

/** A notice screen; one without its own summary layer gets a short one in front. */
async function show(body: string): Promise<string[]> {
  const withSummary = body.includes('notice-summary') ? body : summary + body;
  await page.setContent(`${BASE}<div class="kiosk"><main data-testid="screen-notice" lang="en">${withSummary}</main></div>`);
  const report = await checkFit(page, { language: 'en' });
  expect(report.screen).toBe('notice');
  return report.problems;
}

const answers = `<div class="answers"><button data-testid="ack">I understand</button><button data-testid="question">I have a question</button></div>`;
const longNotice = `<div class="notice-body">${summary}${'<p>A paragraph of the notice that the resident may scroll through.</p>'.repeat(40)}</div>`;

describe('checkFit', () => {
  it('passes a screen that fits, with a notice body that scrolls', async () => {
    expect(await show(longNotice + answers)).toEqual([]);
  });

  it('finds text cut off sideways', async () => {
    const problems = await show(`<p style="width: 120px; overflow: hidden; white-space: nowrap">Conversations at this counter</p>${answers}`);
    expect(problems).toEqual([expect.stringMatching(/^p "Conversations at this counter" overflows its box sideways/)]);
  });

  it('finds a heading whose line is too short for its glyphs', async () => {
    const problems = await show(`<h1 style="height: 20px; overflow: hidden">Recording</h1>${answers}`);
    expect(problems).toEqual([expect.stringMatching(/^h1 "Recording" overflows its box downwards/)]);
  });

  it('finds a page taller than the screen and answers pushed off it', async () => {
    const problems = await show(`<div style="height: 700px; flex: none">tall</div>${answers}`);
    expect(problems).toContainEqual(expect.stringMatching(/taller than the 600 px screen/));
    expect(problems).toContainEqual(expect.stringMatching(/^button\[ack\] "I understand" is not fully on the screen/));
  });

  it('finds a button smaller than 64×64 and an answer covered by something else', async () => {
    const problems = await show(
      `<button style="min-width: 0; min-height: 0; width: 40px; height: 40px">A+</button>${answers}` +
        `<div style="position: fixed; inset: 0; background: #0006">an overlay</div>`,
    );
    expect(problems).toContainEqual(expect.stringMatching(/^button "A\+" is 40×40 px, smaller than 64×64/));
    expect(problems).toContainEqual(expect.stringMatching(/^button\[question\] "I have a question" is covered by div "an overlay"/));
  });

  it('finds a notice without its summary layer, and a summary that does not fit in view', async () => {
    await page.setContent(`${BASE}<div class="kiosk"><main data-testid="screen-notice" lang="en">${answers}</main></div>`);
    expect((await checkFit(page, { language: 'en' })).problems).toEqual(['the notice has no summary (data-testid="notice-summary")']);

    const tallSummary = `<section data-testid="notice-summary">${'<p>One more line of the summary.</p>'.repeat(30)}</section>`;
    const problems = await show(`<div class="notice-body">${tallSummary}</div>${answers}`);
    expect(problems).toEqual([expect.stringMatching(/^section\[notice-summary\] "One more line of the summary\..*" is not wholly in view/)]);
  });

  it('finds a screen in the wrong language', async () => {
    await page.setContent(`${BASE}<div class="kiosk"><main data-testid="screen-thanks" lang="ja">ありがとうございます</main></div>`);
    expect((await checkFit(page, { language: 'vi' })).problems).toEqual(['the screen\'s lang is "ja", not "vi"']);
  });
});

describe('findChromium', () => {
  it('says how to get a browser when none is installed', () => {
    expect(() => findChromium(undefined, { env: {}, platform: 'linux', isExecutable: () => false })).toThrow(
      /^no Chromium found \(looked at chromium, .*, \/usr\/bin\/chromium, .*\): install one \(Debian: apt-get install chromium\) or set KOKUCHI_CHROMIUM=PATH or pass --chromium PATH$/,
    );
  });
});
