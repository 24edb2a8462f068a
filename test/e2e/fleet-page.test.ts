// The fleet page at /fleet/ as an office's records team uses it, in Chromium: the hub token
// once, every counter with its state in words, quiet and troubled counters first and
// marked, the filter, one counter's records — axe-clean in Japanese and English at 1280×800.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { charactersWithoutFont } from '../../electron/cli/shipped-fonts.js';
import { launchChromium } from '../support/browser.js';
import { HUB_TOKEN, startFixtureHub, type FixtureHub } from '../support/fleet-fixture-hub.js';
import { ROOT } from '../support/kiosk-process.js';

let hub: FixtureHub;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
/** Screenshots for a person to look at (not compared by the test). */
const SHOTS = join(ROOT, 'test-results', 'fleet-page');

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MINUTE = 60_000;

function record(kioskId: string, seq: number, type: string) {
  return { seq, id: `0190-${kioskId}-${seq}`, ts: ago((200 - seq) * MINUTE), type, kioskId, counterId: kioskId, sessionId: type === 'kiosk.started' ? null : `s-${Math.ceil(seq / 4)}`, prev: '0'.repeat(64) };
}

beforeAll(async () => {
  hub = await startFixtureHub();
  hub.kiosks = [
    { kioskId: 'kiosk-a1', counterId: 'shimin-1', office: '港区役所 区民課', lastSeq: 150, lastTs: ago(22_000), lastSeenAt: ago(20_000), chain: 'ok', version: '0.1.0', lastType: 'session.ended' },
    { kioskId: 'kiosk-b2', counterId: 'shimin-2', office: '港区役所 区民課', lastSeq: 40, lastTs: ago(5 * MINUTE), lastSeenAt: ago(MINUTE), chain: 'gap', version: '0.1.0' },
    { kioskId: 'kiosk-c3', counterId: 'kokuho-1', lastSeq: 12, lastTs: ago(3 * MINUTE), lastSeenAt: ago(2 * MINUTE), chain: 'diverged', version: '0.0.9', problems: ['refused a record signed with a wrong secret'] },
    { kioskId: 'kiosk-d4', counterId: 'hoken-3', office: '芝地区総合支所', lastSeq: 7, lastTs: ago(121 * MINUTE), lastSeenAt: ago(120 * MINUTE), chain: 'ok', version: '0.1.0' },
  ];
  hub.events.set('kiosk-a1', Array.from({ length: 150 }, (_, i) => record('kiosk-a1', i + 1, i % 4 === 0 ? 'session.started' : i % 4 === 3 ? 'session.ended' : 'notice.shown')));
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('401')) pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(`${hub.url}fleet/`);
  await page.evaluate(axe.source);
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function axeViolations(): Promise<string[]> {
  return page.evaluate<string[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
       .then((result) => result.violations.map((v) => v.id + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
}

const rows = () => page.getByTestId('fleet-row');
const rowOf = (kioskId: string) => page.locator(`[data-testid="fleet-row"][data-kiosk="${kioskId}"]`);

async function signIn(token: string): Promise<void> {
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
}

function strings(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree];
  return typeof tree === 'object' && tree !== null ? Object.values(tree).flatMap(strings) : [];
}

describe('fleet page', () => {
  it('ships a font for every character of its own text, in both languages', async () => {
    const text = await Promise.all(['ja', 'en'].map(async (lang) => strings(JSON.parse(await readFile(join(ROOT, 'locales', lang, 'fleet.json'), 'utf8')))));
    const characters = [...new Set(text.flat().join('').replace(/\{\{\w+\}\}/g, ''))];
    expect([...(await charactersWithoutFont(join(ROOT, 'dist', 'fleet'), characters))]).toEqual([]);
  });

  it('says when the hub token is wrong, in Japanese and English, and keeps nothing', async () => {
    await signIn('not-the-hub-token');
    const error = page.getByTestId('token-error');
    await expect(error.textContent()).resolves.toContain('トークンが正しくありません');
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId('ui-language-en').click();
    await expect(error.textContent()).resolves.toContain('The token was not accepted');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await axeViolations()).toEqual([]);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.getByTestId('ui-language-ja').click();
  });

  it('lists every counter, troubled and quiet ones first and marked in words', async () => {
    await signIn(HUB_TOKEN);
    await page.getByTestId('fleet-table').waitFor();
    expect(page.url()).toBe(`${hub.url}fleet/`);
    expect(await page.evaluate('sessionStorage.getItem("kokuchi.hub.token")')).toBe(HUB_TOKEN);
    expect(hub.requests.filter((request) => request.path === '/v1/fleet').at(-1)?.authorized).toBe(true);

    expect(await rows().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kiosk')))).toEqual(['kiosk-c3', 'kiosk-b2', 'kiosk-d4', 'kiosk-a1']);
    const gap = rowOf('kiosk-b2');
    await expect(gap.getByTestId('fleet-chain').textContent()).resolves.toBe('欠落あり');
    await expect(gap.getByTestId('fleet-problems').textContent()).resolves.toContain('記録の番号が続いていません');
    const diverged = rowOf('kiosk-c3');
    await expect(diverged.getByTestId('fleet-chain').textContent()).resolves.toBe('不一致あり');
    await expect(diverged.getByTestId('fleet-problems').textContent()).resolves.toContain('refused a record signed with a wrong secret');
    const quiet = rowOf('kiosk-d4');
    expect(await quiet.getAttribute('data-quiet')).toBe('true');
    await expect(quiet.getByTestId('fleet-quiet').textContent()).resolves.toBe('15分以上連絡なし');
    const healthy = rowOf('kiosk-a1');
    expect(await healthy.getAttribute('data-quiet')).toBe('false');
    expect(await healthy.getByTestId('fleet-quiet').count()).toBe(0);
    await expect(healthy.textContent()).resolves.toContain('港区役所 区民課 / shimin-1');
    await expect(healthy.getByTestId('fleet-last-event').textContent()).resolves.toMatch(/^session\.ended番号 150 · /);
    await expect(healthy.getByTestId('fleet-lag').textContent()).resolves.toBe('2秒');
    await expect(page.getByTestId('fleet-summary').textContent()).resolves.toContain('問題のある窓口：2');
    await expect(page.getByTestId('fleet-summary').textContent()).resolves.toContain('連絡のない窓口：1');
    expect(await axeViolations()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'fleet-ja-1280x800.png'), fullPage: true });

    await page.getByTestId('ui-language-en').click();
    await expect(quiet.getByTestId('fleet-quiet').textContent()).resolves.toBe('Quiet for over 15 min');
    await expect(gap.getByTestId('fleet-chain').textContent()).resolves.toBe('Gap');
    await expect(healthy.getByTestId('fleet-lag').textContent()).resolves.toBe('2 s');
    expect(await axeViolations()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'fleet-en-1280x800.png'), fullPage: true });

    // A longer quiet time: the two-hour-old counter is no longer marked.
    await page.getByTestId('fleet-quiet-minutes').fill('180');
    await expect(quiet.getAttribute('data-quiet')).resolves.toBe('false');
    await page.getByTestId('fleet-quiet-minutes').fill('15');
    await expect(quiet.getAttribute('data-quiet')).resolves.toBe('true');
  });

  it('filters by office, counter or kiosk id, full-width letters too', async () => {
    const filter = page.getByTestId('fleet-filter');
    await filter.fill('shimin');
    await expect(rows().count()).resolves.toBe(2);
    await filter.fill('ＳＨＩＭＩＮ-1');
    await expect(rows().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kiosk')))).resolves.toEqual(['kiosk-a1']);
    await filter.fill('芝地区');
    await expect(rows().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kiosk')))).resolves.toEqual(['kiosk-d4']);
    await filter.fill('kiosk-c');
    await expect(rows().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kiosk')))).resolves.toEqual(['kiosk-c3']);
    await filter.fill('no such counter');
    await expect(page.getByText('No counter matches the filter.').count()).resolves.toBe(1);
    await filter.fill('');
    await expect(rows().count()).resolves.toBe(4);
  });

  it("opens a counter's records, the newest hundred, then earlier ones, and comes back", async () => {
    await rowOf('kiosk-a1').getByTestId('fleet-events-link').click();
    const view = page.getByTestId('events-view');
    await view.waitFor();
    await page.locator('[data-testid="event-row"]').first().waitFor();
    const seqs = () => page.getByTestId('event-row').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))));
    expect(await seqs()).toEqual(Array.from({ length: 100 }, (_, i) => i + 51));
    await expect(view.textContent()).resolves.toContain('Records of 港区役所 区民課 / shimin-1');
    expect(page.url()).toBe(`${hub.url}fleet/#kiosk=kiosk-a1`);
    expect(hub.requests.at(-1)).toEqual({ path: '/v1/events?kiosk=kiosk-a1&after=50&limit=100', authorized: true });
    expect(await axeViolations()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'events-en-1280x800.png') });

    await page.getByTestId('events-earlier').click();
    await expect.poll(async () => (await seqs()).length).toBe(150);
    expect(await seqs()).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(await page.getByTestId('events-earlier').count()).toBe(0);
    await page.getByTestId('ui-language-ja').click();
    await expect(view.textContent()).resolves.toContain('港区役所 区民課 / shimin-1 の記録');
    expect(await axeViolations()).toEqual([]);

    await page.getByTestId('events-back').click();
    await page.getByTestId('fleet-table').waitFor();
    await expect(rows().count()).resolves.toBe(4);
  });

  it('keeps the last list and says so while the hub cannot be reached', async () => {
    hub.down = true;
    await page.getByTestId('fleet-refresh').click();
    const banner = page.getByTestId('fleet-unreachable');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('ハブに接続できません（HTTP 503）。最後に受け取った一覧を表示しています。');
    await expect(rows().count()).resolves.toBe(4);
    expect(await axeViolations()).toEqual([]);

    // A new tab load while the hub is down: the token is still there, the list comes when the hub does.
    await page.reload();
    await page.evaluate(axe.source);
    await expect(banner.textContent()).resolves.toContain('接続でき次第、一覧を表示します');
    expect(await page.getByTestId('token-form').count()).toBe(0);
    hub.down = false;
    await page.getByTestId('fleet-refresh').click();
    await page.getByTestId('fleet-table').waitFor();
    expect(await page.getByTestId('fleet-unreachable').count()).toBe(0);

    await page.getByTestId('sign-out').click();
    await page.getByTestId('token-form').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(pageProblems.filter((problem) => !problem.includes('503'))).toEqual([]);
  });
});
