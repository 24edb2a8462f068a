// The fleet page served by the real `kokuchi hub`, fed by a real `kokuchi serve` kiosk:
// the counter appears with its state, its records are the kiosk's, an altered record
// turns it "diverged" in words — axe-clean in Japanese and English at 1280×800.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { launchChromium } from '../support/browser.js';
import { HUB_READER_TOKEN, enrollCounter, hubGet, startHubProcess, type HubProcess } from '../support/hub-process.js';
import { makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';
import { waitFor } from '../support/wait-for.js';

let hub: HubProcess;
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;
let secret: string;
let kioskId: string;
const folders: string[] = [];
const pageProblems: string[] = [];

async function axeViolations(): Promise<string[]> {
  return page.evaluate<string[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
       .then((result) => result.violations.map((v) => v.id + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
}

beforeAll(async () => {
  const [hubDir, kioskDir] = [await makeDataDir(), await makeDataDir()];
  folders.push(hubDir, kioskDir);
  hub = await startHubProcess({ dataDir: hubDir });
  secret = await enrollCounter(hubDir, 'shimin-3');
  kiosk = await startKioskProcess({ dataDir: kioskDir, config: await writeKioskConfig(kioskDir, { counterId: 'shimin-3', hub: { url: hub.url, secret } }) });
  const api = staffApi(kiosk.staffUrl);
  const { sessionId } = (await (await api.post('v1/sessions', { staffName: '佐藤' })).json()) as { sessionId: string };
  await api.post(`v1/sessions/${sessionId}/end`);
  const status = async () => (await (await api.get('v1/status')).json()) as { kioskId: string; ledger: { lastSeq: number }; hub: { lastDeliveredSeq: number } };
  await waitFor(async () => {
    const now = await status();
    return now.hub.lastDeliveredSeq === now.ledger.lastSeq;
  }, 'the hub to hold every record', { timeoutMs: 30_000, intervalMs: 250 });
  kioskId = (await status()).kioskId;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(`${hub.url}fleet/`);
  await page.evaluate(axe.source);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await hub?.stop();
  for (const folder of folders) await removeDataDir(folder);
});

describe('fleet page on the records hub', () => {
  it('shows the counter from the hub, in Japanese and English, and its records as the kiosk wrote them', async () => {
    await page.getByTestId('token-input').fill(HUB_READER_TOKEN);
    await page.getByTestId('token-submit').click();
    const row = page.locator(`[data-testid="fleet-row"][data-kiosk="${kioskId}"]`);
    await row.waitFor();
    await expect(row.getByTestId('fleet-chain').textContent()).resolves.toBe('正常');
    await expect(row.textContent()).resolves.toContain('shimin-3');
    expect(await row.getAttribute('data-quiet')).toBe('false');
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId('ui-language-en').click();
    await expect(row.getByTestId('fleet-chain').textContent()).resolves.toBe('OK');
    expect(await axeViolations()).toEqual([]);

    await row.getByTestId('fleet-events-link').click();
    await page.getByTestId('event-row').first().waitFor();
    const shown = await page.getByTestId('event-row').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))));
    const { events } = (await (await hubGet(hub.url, `v1/events?kiosk=${kioskId}&after=0&limit=1000`)).json()) as { events: Array<{ seq: number }> };
    const kioskEvents = await staffApi(kiosk.staffUrl).events();
    expect(events.map((event) => event.seq)).toEqual(kioskEvents.map((event) => event.seq));
    expect(shown).toEqual(kioskEvents.map((event) => event.seq));
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId('events-back').click();
    await page.getByTestId('fleet-table').waitFor();
  });

  it('marks the counter "diverged" in words once an altered copy of one of its records arrives', async () => {
    const { events } = (await (await hubGet(hub.url, `v1/events?kiosk=${kioskId}&after=0&limit=10`)).json()) as { events: unknown[] };
    const original = JSON.stringify(events.find((event) => (event as { type: string }).type === 'session.started'));
    const altered = original.replace('"staffName":"佐藤"', '"staffName":"鈴木"');
    const id = (JSON.parse(altered) as { id: string }).id;
    const res = await fetch(new URL('v1/ingest', hub.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, new Date(), altered),
      },
      body: altered,
    });
    expect(res.status).toBe(409);
    await page.getByTestId('fleet-refresh').click();
    const row = page.locator(`[data-testid="fleet-row"][data-kiosk="${kioskId}"][data-chain="diverged"]`);
    await row.waitFor();
    await expect(row.getByTestId('fleet-chain').textContent()).resolves.toBe('Diverged');
    await expect(row.getByTestId('fleet-problems').textContent()).resolves.toContain('A different record arrived');
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId('ui-language-ja').click();
    await expect(row.getByTestId('fleet-chain').textContent()).resolves.toBe('不一致あり');
    expect(await axeViolations()).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
