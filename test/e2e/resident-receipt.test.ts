// The resident's receipt as a resident and an auditor meet it: a real `kokuchi serve`,
// Chromium on the kiosk page, staff on the staff link, and `kokuchi receipt verify` run as
// the auditor would. The QR code drawn on screen is read back module by module, so the
// picture a phone scans is checked, not only the attribute beside it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { TOKEN, runCli } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

const STAFF_NAME = 'Sato Hanako';

let counter: KioskAtCounter;
let page: Page;
let staff: RawStaffClient;

beforeAll(async () => {
  // A thank-you screen long enough to look at, then the recording screen.
  counter = await openKioskAtCounter({ config: { session: { thanksSeconds: 4 } } });
  page = counter.page;
  staff = await RawStaffClient.connect(counter.kiosk.staffUrl, { token: TOKEN });
  await staff.waitForWelcome();
});

afterAll(async () => {
  staff?.close();
  await counter?.close();
});

async function startSession(id: string, language: string): Promise<{ sessionId: string; noticeVersion: string }> {
  staff.send({ type: 'session.start', id, language, staffName: STAFF_NAME });
  const sessionId = (await staff.waitForReply(id)).sessionId as string;
  await page.getByTestId('screen-notice').waitFor();
  const shown = await staff.waitForEvent('notice.shown', sessionId);
  return { sessionId, noticeVersion: shown.noticeVersion as string };
}

async function endSession(id: string, sessionId: string): Promise<void> {
  staff.send({ type: 'session.end', id, sessionId });
  await staff.waitForEvent('session.ended', sessionId);
  await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
}

/** The receipt on `screen`: its text, after checking the QR picture holds exactly that text. */
async function receiptOn(screen: 'thanks' | 'recording'): Promise<string> {
  const qr = page.locator(`[data-testid="screen-${screen}"] [data-testid="receipt-qr"]`);
  await qr.locator('img').waitFor();
  const text = await qr.getAttribute('data-receipt');
  expect(text).toMatch(/^KKC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  expect(await qrModulesOnScreen(text!, screen)).toEqual(expectedModules(text!));
  return text!;
}

/** The dark/light modules of the QR code `qrcode` makes for `text` (as the kiosk draws it). */
function expectedModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
}

/**
 * The modules of the picture the page shows: its image drawn 8 px a module on a canvas in
 * the page, and the centre pixel of each module read (a margin of 2 modules each side).
 */
async function qrModulesOnScreen(text: string, screen: string): Promise<boolean[][]> {
  const size = QRCode.create(text, { errorCorrectionLevel: 'L' }).modules.size;
  // In the page (as a string: the tests are typed without the DOM).
  return page.evaluate<boolean[][]>(`(async () => {
    const size = ${size}, cell = 8;
    const img = document.querySelector('[data-testid="screen-${screen}"] [data-testid="receipt-qr"] img');
    const picture = new Image();
    picture.src = img.src;
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = (size + 4) * cell;
    const context = canvas.getContext('2d');
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => {
      const at = (((row + 2) * cell + cell / 2) * canvas.width + (col + 2) * cell + cell / 2) * 4;
      return pixels[at] + pixels[at + 1] + pixels[at + 2] < 3 * 128;
    }));
  })()`);
}

async function verify(text: string) {
  return runCli(['receipt', 'verify', text, '--data', counter.dataDir]);
}

/** The same receipt with the session id in its payload changed, and the signature kept. */
function withOtherSession(text: string): string {
  const [prefix, payload, signature] = text.split('.');
  const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  fields.s = `${String(fields.s).slice(0, -1)}${String(fields.s).endsWith('0') ? '1' : '0'}`;
  return `${prefix}.${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
}

/** One character of the signature changed. */
function withOtherSignature(text: string): string {
  const last = text.at(-2) === 'A' ? 'B' : 'A';
  return `${text.slice(0, -2)}${last}${text.at(-1)}`;
}

async function expectGenuine(text: string, sessionId: string, noticeVersion: string, answer: string) {
  const result = await verify(text);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`GENUINE session ${sessionId}, notice ${noticeVersion}, answer ${answer}`);
}

async function expectForgeriesRefused(text: string) {
  for (const forged of [withOtherSession(text), withOtherSignature(text)]) {
    expect(forged).not.toBe(text);
    const result = await verify(forged);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^NOT GENUINE /);
  }
}

describe("the resident's receipt", () => {
  it('after "I understand": the same signed receipt on the thanks and recording screens, genuine, with a readable reference and no name', async () => {
    const { sessionId, noticeVersion } = await startSession('start-ack', 'en');
    await page.getByTestId('ack').click();
    await page.getByTestId('screen-thanks').waitFor();
    const onThanks = await receiptOn('thanks');

    const receipt = page.locator('[data-testid="screen-thanks"] [data-testid="receipt"]');
    await expect(receipt.textContent()).resolves.toContain('Your receipt');
    await expect(receipt.textContent()).resolves.toContain('without giving your name');
    const reference = (await page.locator('[data-testid="screen-thanks"] [data-testid="receipt-reference"]').textContent()) ?? '';
    expect(reference).toContain('Counter counter-1');
    expect(reference).toContain(`Notice ${noticeVersion.slice('sha256:'.length, 'sha256:'.length + 8)}`);
    expect(reference).toContain('Your answer: I understand');
    expect(await receipt.textContent()).not.toContain(STAFF_NAME);
    expect(Buffer.from(onThanks.split('.')[1]!, 'base64url').toString('utf8')).not.toContain('Sato');

    await page.getByTestId('screen-recording').waitFor({ timeout: 15_000 });
    expect(await receiptOn('recording')).toBe(onThanks);

    await expectGenuine(onThanks, sessionId, noticeVersion, 'acknowledged');
    await expectForgeriesRefused(onThanks);
    await endSession('end-ack', sessionId);
  });

  it('after a staff override: a receipt on the recording screen that says staff started it, genuine, and forgeries refused', async () => {
    const { sessionId, noticeVersion } = await startSession('start-ovr', 'ja');
    await page.getByTestId('question').click();
    await page.getByTestId('screen-question').waitFor();
    await expect(page.getByTestId('receipt-qr').count()).resolves.toBe(0); // no answer, no receipt

    staff.send({ type: 'session.override', id: 'ovr-1', sessionId, reason: 'explained at the counter' });
    expect(await staff.waitForReply('ovr-1')).toMatchObject({ ok: true });
    await page.getByTestId('screen-recording').waitFor();
    const text = await receiptOn('recording');
    const reference = (await page.locator('[data-testid="screen-recording"] [data-testid="receipt-reference"]').textContent()) ?? '';
    expect(reference).toContain('窓口 counter-1');
    expect(reference).toContain('職員が説明したうえで記録を開始しました');

    await expectGenuine(text, sessionId, noticeVersion, 'override');
    await expectForgeriesRefused(text);
    await endSession('end-ovr', sessionId);
  });

  it('the receipt also verifies against the key the kiosk announced in its kiosk.key record', async () => {
    const { sessionId } = await startSession('start-key', 'en');
    await page.getByTestId('ack').click();
    const text = await receiptOn('thanks');
    const exported = await runCli(['ledger', 'export', '--type', 'kiosk.key', '--data', counter.dataDir]);
    const key = exported.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((record) => record.type === 'kiosk.key');
    expect(key).toMatchObject({ algorithm: 'ed25519', fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const keyFile = join(counter.dataDir, 'announced.key');
    await writeFile(keyFile, String(key!.publicKey));
    const result = await runCli(['receipt', 'verify', text, '--key', keyFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`GENUINE session ${sessionId}`);
    await endSession('end-key', sessionId);
  });
});
