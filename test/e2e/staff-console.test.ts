// The staff console at /staff/ as a counter clerk uses it: a real `kokuchi serve`, the
// kiosk page and the console side by side in Chromium, the resident's taps on one and
// the clerk's clicks on the other; a pause with a reason; hostile staff names and override
// reasons stopped in the page; then the kiosk restarts under the console.
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openKioskPage } from '../support/browser.js';
import { TOKEN, makeDataDir, removeDataDir, startKioskProcess, type KioskProcess } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';
import { STAFF_TEXT_MAX } from '../../electron/shared/staff-words.js';

let kiosk: KioskProcess;
let browser: Browser;
let kioskPage: Page;
let staffPage: Page;
let dataDir: string;
const pageProblems: string[] = [];

let kioskPageOf = '';

beforeAll(async () => {
  dataDir = await makeDataDir();
  kiosk = await startKioskProcess({ dataDir });
  browser = await launchChromium();
});

// Each test has a console of its own, in a fresh browser context (nothing in sessionStorage),
// and a kiosk page on the kiosk as it is now (a test may have restarted it).
beforeEach(async () => {
  if (kioskPageOf !== kiosk.kioskUrl) {
    await kioskPage?.close();
    kioskPage = await openKioskPage(browser, kiosk.kioskUrl);
    kioskPageOf = kiosk.kioskUrl;
  }
  pageProblems.length = 0;
  staffPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // A CSP violation or a script error shows up here.
  staffPage.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  staffPage.on('pageerror', (error) => pageProblems.push(error.message));
  await staffPage.goto(kiosk.staffUrl + 'staff/');
  // Through the DevTools protocol, which the page's CSP does not govern.
  await staffPage.evaluate(axe.source);
});

afterEach(() => staffPage?.close());

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await removeDataDir(dataDir);
});

async function signIn(token: string): Promise<void> {
  await staffPage.getByTestId('token-input').fill(token);
  await staffPage.getByTestId('token-submit').click();
}

/** WCAG 2.2 A/AA problems axe-core finds on the console as it is now (labels, contrast, roles…). */
async function axeViolations(): Promise<string[]> {
  return staffPage.evaluate<string[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
       .then((result) => result.violations.map((v) => v.id + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
}

const step = (name: string) => staffPage.locator(`[data-testid="session-panel"][data-step="${name}"]`);
const linkState = (state: string) => staffPage.locator(`[data-testid="link-state"][data-state="${state}"]`);

describe('staff console', () => {
  it('says clearly when the token is wrong, in Japanese and in English, and keeps nothing', async () => {
    await signIn('not-the-token');
    const error = staffPage.getByTestId('token-error');
    await expect(error.textContent()).resolves.toContain('トークンが正しくありません');
    await staffPage.getByTestId('ui-language-en').click();
    await expect(error.textContent()).resolves.toContain('The token was not accepted');
    expect(await axeViolations()).toEqual([]);
    expect(await staffPage.evaluate('document.documentElement.lang')).toBe('en');
    await staffPage.getByTestId('ui-language-ja').click();
    expect(await staffPage.evaluate('sessionStorage.length')).toBe(0);
    expect(staffPage.url()).toBe(kiosk.staffUrl + 'staff/');
  });

  it('runs a session: notice, question alert, override with a reason, recording, end, idle', async () => {
    await signIn(TOKEN);
    await linkState('open').waitFor();
    expect(staffPage.url()).not.toContain(TOKEN);
    await expect(staffPage.getByTestId('session-state').textContent()).resolves.toContain('応対中のセッションはありません');

    await staffPage.getByTestId('staff-name').fill('佐藤');
    await staffPage.getByTestId('language-hint').selectOption('en');
    await staffPage.getByTestId('recording-audio-video').check();
    await staffPage.getByTestId('start-session').click();

    const notice = kioskPage.getByTestId('screen-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('lang')).toBe('en');
    await expect(notice.textContent()).resolves.toContain('佐藤');
    await step('notice').waitFor();
    expect(await staffPage.getByTestId('start-session').isDisabled()).toBe(true);

    await kioskPage.getByTestId('question').click();
    await kioskPage.getByTestId('screen-question').waitFor();
    await step('questioned').waitFor();
    const alert = staffPage.getByTestId('staff-alert');
    expect(await alert.getAttribute('role')).toBe('alert');
    await expect(alert.textContent()).resolves.toContain('質問があります');
    // Also audible: a WebAudio tone, allowed because the clerk clicked in the page before.
    expect(await alert.getAttribute('data-alerts-sounded')).toBe('1');
    expect(await axeViolations()).toEqual([]);

    // No reason: refused in the page, nothing sent, still waiting.
    await staffPage.getByTestId('override-submit').click();
    await staffPage.getByTestId('override-missing').waitFor();
    await expect(step('questioned').count()).resolves.toBe(1);

    await staffPage.getByTestId('override-reason').fill('目的を説明し、了解を得た');
    await staffPage.getByTestId('override-submit').click();
    await step('logging').waitFor();
    await expect(staffPage.getByTestId('logging-by').textContent()).resolves.toContain('目的を説明し、了解を得た');
    await kioskPage.getByTestId('recording-indicator').waitFor();
    expect(await alert.count()).toBe(0);
    await staffPage.getByTestId('ui-language-en').click();
    await expect(staffPage.getByTestId('session-state').textContent()).resolves.toBe('Recording.');
    expect(await axeViolations()).toEqual([]);
    await staffPage.getByTestId('ui-language-ja').click();

    await staffPage.getByTestId('end-session').click();
    await step('ended').waitFor();
    await kioskPage.getByTestId('screen-ended').waitFor();
    await kioskPage.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    expect(await staffPage.getByTestId('start-session').isDisabled()).toBe(false);

    // What the console did is what the ledger holds (this session is the ledger's newest).
    const events = await staffApi(kiosk.staffUrl).events();
    expect(events.findLast((e) => e.type === 'session.started')).toMatchObject({ by: 'staff', staffName: '佐藤', recording: 'audio-video' });
    expect(events.findLast((e) => e.type === 'logging.start')).toMatchObject({ by: 'staff-override', reason: '目的を説明し、了解を得た' });
    expect(pageProblems).toEqual([]);
  });

  it('pauses with a reason: the kiosk says paused, the console shows the reason as text, the ledger holds it; resume records again', async () => {
    await signIn(TOKEN);
    await linkState('open').waitFor();
    await staffPage.getByTestId('start-session').click();
    await kioskPage.getByTestId('screen-notice').waitFor();
    await kioskPage.getByTestId('ack').click();
    await step('logging').waitFor();
    const indicator = kioskPage.getByTestId('recording-indicator');
    await indicator.waitFor();
    expect(await indicator.getAttribute('data-state')).toBe('recording');
    const sessionId = (await staffApi(kiosk.staffUrl).events()).findLast((e) => e.type === 'session.started')?.sessionId;
    const ledgerOf = async (type: string) => (await staffApi(kiosk.staffUrl).events()).filter((e) => e.type === type && e.sessionId === sessionId);

    // A text-direction mark the kiosk would refuse: said in the page, nothing sent, still recording.
    const reasonInput = staffPage.getByTestId('pause-reason');
    await reasonInput.fill('電話\u202Eのため');
    await staffPage.getByTestId('pause-recording').click();
    await expect(staffPage.getByTestId('pause-reason-problem').textContent()).resolves.toContain('見えない文字');
    expect(await reasonInput.getAttribute('aria-invalid')).toBe('true');
    expect(await step('logging').count()).toBe(1);
    expect(await ledgerOf('logging.paused')).toEqual([]);

    // Markup in the reason is words, not markup, on the console and in the ledger.
    const reason = '<img src=x onerror="document.title=1">電話の取り次ぎ';
    await reasonInput.fill(`  ${reason} `);
    expect(await staffPage.getByTestId('pause-reason-problem').count()).toBe(0);
    await staffPage.getByTestId('pause-recording').click();
    await step('paused').waitFor();
    await kioskPage.locator('[data-testid="recording-indicator"][data-state="paused"]').waitFor();
    const shown = staffPage.getByTestId('paused-reason');
    await expect(shown.textContent()).resolves.toBe(`一時停止中：${reason}`);
    expect(await shown.locator('img').count()).toBe(0);
    expect(await staffPage.title()).not.toBe('1');
    expect((await ledgerOf('logging.paused')).map((e) => e.reason)).toEqual([reason]);
    expect(await axeViolations()).toEqual([]);
    await staffPage.getByTestId('ui-language-en').click();
    await expect(shown.textContent()).resolves.toBe(`Paused: ${reason}`);
    await expect(staffPage.getByTestId('session-state').textContent()).resolves.toBe('Recording is paused. Nothing is being recorded.');
    expect(await axeViolations()).toEqual([]);
    await staffPage.getByTestId('ui-language-ja').click();

    await staffPage.getByTestId('resume-recording').click();
    await step('logging').waitFor();
    await kioskPage.locator('[data-testid="recording-indicator"][data-state="recording"]').waitFor();
    expect(await ledgerOf('logging.resumed')).toHaveLength(1);
    expect(await staffPage.getByTestId('paused-reason').count()).toBe(0);
    // The reason went with the pause: the next pause starts from an empty field.
    expect(await reasonInput.inputValue()).toBe('');

    await staffPage.getByTestId('end-session').click();
    await step('ended').waitFor();
    await kioskPage.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    expect(pageProblems).toEqual([]);
  });

  it('sends no staff name or override reason the kiosk would refuse: the field is named, the words stay to be fixed', async () => {
    // What the console put on the wire, to tell "not sent" from "sent and refused".
    const sent: { type?: string; staffName?: unknown; reason?: unknown }[] = [];
    staffPage.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') sent.push(JSON.parse(payload) as (typeof sent)[number]);
      }),
    );
    const sentOf = (type: string) => sent.filter((frame) => frame.type === type);
    await signIn(TOKEN);
    await linkState('open').waitFor();

    const codesOf = (words: string) => Array.from({ length: words.length }, (_, i) => words.charCodeAt(i));
    // Page scripts as text (the tests' TypeScript has no DOM types). The words go over as char
    // codes, so a NUL or a lone surrogate arrives intact; the prototype's setter is what React sees.
    const put = (testId: string, words: string) =>
      staffPage.evaluate(`(() => {
        const field = document.querySelector('[data-testid="${testId}"]');
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set.call(field, String.fromCharCode(...${JSON.stringify(codesOf(words))}));
        field.dispatchEvent(new Event('input', { bubbles: true }));
      })()`);
    const held = (testId: string) =>
      staffPage.evaluate<number[]>(`(() => {
        const value = document.querySelector('[data-testid="${testId}"]').value;
        return Array.from({ length: value.length }, (_, i) => value.charCodeAt(i));
      })()`);
    /** Tries to send the words; the page must refuse them, naming the field, and keep them. */
    const refused = async (field: { input: string; submit: string; problem: string; name: string }, words: string, problem: string) => {
      await put(field.input, words);
      expect(await held(field.input), `the field holds ${JSON.stringify(words)}`).toEqual(codesOf(words));
      await staffPage.getByTestId(field.submit).click();
      const message = staffPage.getByTestId(field.problem);
      await expect(message.textContent(), JSON.stringify(words)).resolves.toContain(field.name);
      expect(await message.getAttribute('data-problem'), JSON.stringify(words)).toBe(problem);
      expect(await staffPage.getByTestId(field.input).getAttribute('aria-invalid')).toBe('true');
      expect(await held(field.input), `${JSON.stringify(words)} is kept to be fixed`).toEqual(codesOf(words));
    };
    const hostile = (max: number): [string, string, string][] => [
      ['zero-width space', '佐\u200B藤', 'hidden-character'],
      ['right-to-left override', '佐藤\u202Eabc', 'hidden-character'],
      ['NUL', '佐藤\u0000', 'hidden-character'],
      ['another C0 control (ESC)', '\u001B[31m佐藤', 'hidden-character'],
      ['lone surrogate', '佐藤\uD83D', 'hidden-character'],
      ['one over the limit', 'あ'.repeat(max + 1), 'too-long'],
    ];

    const name = { input: 'staff-name', submit: 'start-session', problem: 'staff-name-problem', name: '職員名' };
    for (const [, words, problem] of hostile(STAFF_TEXT_MAX.staffName)) await refused(name, words, problem);
    await staffPage.getByTestId('ui-language-en').click();
    await expect(staffPage.getByTestId('staff-name-problem').textContent()).resolves.toBe(`“Staff name” is longer than ${STAFF_TEXT_MAX.staffName} characters.`);
    await refused({ ...name, name: 'Staff name' }, 'Sato\u202E', 'hidden-character');
    await staffPage.getByTestId('ui-language-ja').click();
    expect(sentOf('session.start')).toEqual([]);
    await expect(step('none').count()).resolves.toBe(1);

    // Fixed: spaces around the name are trimmed, as the kiosk trims them; the full length is taken.
    const fullName = 'あ'.repeat(STAFF_TEXT_MAX.staffName - 2) + '佐藤';
    await staffPage.getByTestId('staff-name').fill(`  ${fullName} `);
    expect(await staffPage.getByTestId('staff-name-problem').count()).toBe(0);
    await staffPage.getByTestId('start-session').click();
    await kioskPage.getByTestId('screen-notice').waitFor();
    expect(sentOf('session.start').map((frame) => frame.staffName)).toEqual([fullName]);

    await kioskPage.getByTestId('question').click();
    await step('questioned').waitFor();
    const reasonField = { input: 'override-reason', submit: 'override-submit', problem: 'override-reason-problem', name: '記録を始める理由' };
    for (const [, words, problem] of hostile(STAFF_TEXT_MAX.overrideReason)) await refused(reasonField, words, problem);
    expect(await staffPage.getByTestId('override-missing').count()).toBe(0);
    await staffPage.getByTestId('ui-language-en').click();
    await expect(staffPage.getByTestId('override-reason-problem').textContent()).resolves.toBe(
      `“Reason for recording” is longer than ${STAFF_TEXT_MAX.overrideReason} characters.`,
    );
    await refused({ ...reasonField, name: 'Reason for recording' }, 'explained\u200B', 'hidden-character');
    expect(await axeViolations()).toEqual([]);
    await staffPage.getByTestId('ui-language-ja').click();
    expect(sentOf('session.override')).toEqual([]);
    expect(await step('questioned').count()).toBe(1);

    const reason = '説明済み'.repeat(STAFF_TEXT_MAX.overrideReason / 4);
    await staffPage.getByTestId('override-reason').fill(` ${reason}  `);
    await staffPage.getByTestId('override-submit').click();
    await step('logging').waitFor();
    expect(sentOf('session.override').map((frame) => frame.reason)).toEqual([reason]);
    const events = await staffApi(kiosk.staffUrl).events();
    expect(events.findLast((e) => e.type === 'session.started')).toMatchObject({ staffName: fullName });
    expect(events.findLast((e) => e.type === 'logging.start')).toMatchObject({ by: 'staff-override', reason });

    await staffPage.getByTestId('end-session').click();
    await step('ended').waitFor();
    await kioskPage.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    expect(pageProblems).toEqual([]);
  });

  it('shows "reconnecting…" while the kiosk is down and carries on when it is back', async () => {
    await signIn(TOKEN);
    await linkState('open').waitFor();
    const port = new URL(kiosk.staffUrl).port;
    await kiosk.stop();
    await staffPage.getByTestId('reconnecting').waitFor();
    await linkState('reconnecting').waitFor();
    expect(await staffPage.getByTestId('start-session').isDisabled()).toBe(true);

    kiosk = await startKioskProcess({ dataDir, args: ['--port', port] });
    await linkState('open').waitFor({ timeout: 20_000 });
    expect(await staffPage.getByTestId('reconnecting').count()).toBe(0);

    await staffPage.getByTestId('start-session').click();
    await step('started').waitFor();
    await staffPage.getByTestId('end-session').click();
    await step('ended').waitFor();
    // While the kiosk was away the browser logged its refused reconnection attempts (refused, or a
    // socket closed as the kiosk went down, depending on the moment); nothing else.
    expect(pageProblems.filter((p) => !/net::ERR_CONNECTION_|net::ERR_SOCKET_NOT_CONNECTED|WebSocket connection/.test(p))).toEqual([]);
  });
});
