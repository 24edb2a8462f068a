// The admin screen end to end: a real `kokuchi serve`, a real Chromium on the kiosk page.
// The hidden gesture, the PIN, the status a facilities team checks (down to the receipt
// key's fingerprint), and wrong PINs locking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { TOKEN, type KioskProcess } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';
import { TEST_SECRET, WebhookReceiver } from '../support/webhook-receiver.js';

const PIN = '2580';
let counter: KioskAtCounter;
let kiosk: KioskProcess;
let page: Page;
let hub: WebhookReceiver;

beforeAll(async () => {
  // A records hub that refuses this kiosk's signature: the admin screen must say so.
  hub = await WebhookReceiver.listen();
  hub.mode = 'refuse';
  counter = await openKioskAtCounter({
    config: {
      counterId: 'shimin-3',
      admin: { pin: PIN },
      languages: { enabled: ['ja', 'en', 'vi'] },
      // No Vietnamese contact: a Vietnamese resident would read the English one.
      office: { contact: { ja: '区民課（03-0000-0000）', en: 'Residents Division (03-0000-0000)' } },
      hub: { url: hub.url(''), secret: TEST_SECRET },
    },
  });
  ({ kiosk, page } = counter);
});

afterAll(async () => {
  await counter?.close();
  await hub?.down();
});

async function openPinPad(): Promise<void> {
  const corner = page.getByTestId('admin-corner');
  for (let tap = 0; tap < 5; tap += 1) await corner.click();
  await page.getByTestId('screen-admin-pin').waitFor();
}

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`admin-pin-${digit}`).click();
  await page.getByTestId('admin-pin-ok').click();
}

describe('admin screen', () => {
  it('stays hidden from a resident: the corner is invisible and fewer taps do nothing', async () => {
    const corner = page.getByTestId('admin-corner');
    expect(await corner.boundingBox()).toEqual({ x: 0, y: 0, width: 64, height: 64 });
    // Runs in the page; typed by hand because the tests' typecheck has no DOM types.
    type PageWindow = { getComputedStyle(node: unknown): { backgroundColor: string } };
    const background = await corner.evaluate((node) => (globalThis as unknown as PageWindow).getComputedStyle(node).backgroundColor);
    expect(background).toBe('rgba(0, 0, 0, 0)');
    for (let tap = 0; tap < 4; tap += 1) await corner.click();
    await page.getByTestId('screen-idle').waitFor();
    expect(await page.getByTestId('screen-admin-pin').count()).toBe(0);
    // A fresh page: those four taps must not count towards the next test's five.
    await page.reload();
    await page.getByTestId('screen-idle').waitFor();
  });

  it('opens with five taps and the PIN, and shows what a facilities team checks', async () => {
    const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    await staff.waitForWelcome();
    await openPinPad();
    await typePin(PIN);
    const admin = page.getByTestId('screen-admin');
    await admin.waitFor();
    expect(await admin.textContent()).toContain('管理画面');
    expect(await admin.textContent()).toContain('Administration');
    await expect(page.getByTestId('admin-counter-id').textContent()).resolves.toBe('shimin-3');
    await expect(page.getByTestId('admin-kiosk-id').textContent()).resolves.toMatch(/^kiosk-/);
    await expect(page.getByTestId('admin-version').textContent()).resolves.toMatch(/^\d+\.\d+\.\d+/);
    await expect(page.getByTestId('admin-staff-link').textContent()).resolves.toBe(kiosk.staffUrl);
    await expect(page.getByTestId('admin-token').textContent()).resolves.toBe(TOKEN);
    await expect(page.getByTestId('admin-staff-clients').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('admin-webhooks').textContent()).resolves.toContain('None');
    await expect(page.getByTestId('admin-ledger').textContent()).resolves.toMatch(/Verified \(\d+ events\)/);
    await expect(page.getByTestId('admin-languages').textContent()).resolves.toBe('ja, en, vi');
    // The key residents' receipts are signed with, as the ledger announced it on first start.
    const announced = (await staffApi(kiosk.staffUrl).events()).filter((e) => e.type === 'kiosk.key');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(page.getByTestId('admin-receipt-key').textContent()).resolves.toBe(announced[0]?.fingerprint);
    const keyFact = page.locator('.admin-fact').filter({ has: page.getByTestId('admin-receipt-key') });
    await expect(keyFact.textContent()).resolves.toContain('kokuchi receipt verify');
    await expect(keyFact.textContent()).resolves.toContain('この鍵で署名されています');
    // The same warning as `doctor`: one line, the language, the field and the fix, in both languages.
    expect((await page.getByTestId('admin-office-text-gaps').textContent())?.split('\n')).toEqual([
      'vi を読む住民には office.contact が en で表示されます。設定の office.contact に "vi" を追加してください / ' +
        'vi: residents are shown office.contact in en; add a "vi" entry to office.contact',
    ]);
    // The hub's refusal may land after the screen opened: Refresh, a bounded number of times.
    const hubFact = page.getByTestId('admin-hub');
    for (let refresh = 0; refresh < 20 && !(await hubFact.textContent())?.includes('bad-signature'); refresh += 1) {
      await page.waitForTimeout(250);
      await page.getByTestId('admin-refresh').click();
    }
    const hubText = await hubFact.textContent();
    expect(hubText).toContain(hub.url(''));
    expect(hubText).toMatch(/未送信 [1-9]\d*件 \/ [1-9]\d* not yet sent/);
    expect(hubText).toContain('まだ送信していません / nothing sent yet');
    expect(hubText).toMatch(/the hub refused seq 1 \(bad-signature, HTTP 401/);
    expect(await page.locator('.admin-fact.is-alarm').filter({ has: hubFact }).count()).toBe(1);
    const qr = page.getByTestId('admin-pairing-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    // Headless: no exit button, the service is stopped instead.
    expect(await page.getByTestId('admin-exit').count()).toBe(0);
    staff.close();

    await page.getByTestId('admin-close').click();
    await page.getByTestId('screen-idle').waitFor();
  });

  it('gives the screen back to a resident the moment a staff app starts a session', async () => {
    await openPinPad();
    await typePin(PIN);
    await page.getByTestId('screen-admin').waitFor();
    const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    await staff.waitForWelcome();
    staff.send({ type: 'session.start', id: 's1', language: 'en' });
    const reply = await staff.waitForReply('s1');
    await page.getByTestId('screen-notice').waitFor();
    staff.send({ type: 'session.end', id: 'e1', sessionId: reply.sessionId });
    await staff.waitForReply('e1');
    await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    staff.close();
  });

  it('counts wrong PINs down and then locks, even against the right PIN', async () => {
    await openPinPad();
    const message = page.getByTestId('admin-pin-message');
    for (let left = 4; left >= 1; left -= 1) {
      await typePin('1111');
      await expect.poll(() => message.textContent()).toContain(`${left} more wrong attempts`);
    }
    await typePin('1111');
    await expect.poll(() => message.textContent()).toMatch(/locked until \d\d:\d\d/);
    await typePin(PIN);
    await expect.poll(() => message.textContent()).toMatch(/locked until/);
    expect(await page.getByTestId('screen-admin').count()).toBe(0);
    // A reload of the page does not reset the count: the core holds it.
    await page.reload();
    await page.getByTestId('screen-idle').waitFor();
    await openPinPad();
    await typePin(PIN);
    await expect.poll(() => message.textContent()).toMatch(/locked until/);
    await page.getByTestId('admin-pin-back').click();
    await page.getByTestId('screen-idle').waitFor();
  });
});
