// Pause and resume as the resident sees them, through the public contracts only: a real
// `kokuchi serve`, Chromium on the kiosk page, and a staff client on the staff link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { TOKEN, type KioskProcess } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

let counter: KioskAtCounter;
let kiosk: KioskProcess;
let page: Page;

beforeAll(async () => {
  counter = await openKioskAtCounter();
  ({ kiosk, page } = counter);
});

afterAll(() => counter?.close());

async function acknowledgedSession(staff: RawStaffClient, id: string, language: string): Promise<string> {
  staff.send({ type: 'session.start', id, language });
  const sessionId = (await staff.waitForReply(id)).sessionId as string;
  await page.getByTestId('screen-notice').waitFor();
  await staff.waitForEvent('notice.shown', sessionId);
  await page.getByTestId('ack').click();
  await staff.waitForEvent('logging.start', sessionId);
  return sessionId;
}

describe('pause and resume on the kiosk screen', () => {
  it('idle, before any session: the default counter says only sound may be recorded (no 録画, no video)', async () => {
    await page.getByTestId('screen-idle').waitFor();
    const notice = page.getByTestId('screen-idle').locator('.recording-notice');
    expect(await notice.locator('[lang="ja"]').innerText()).toBe('この窓口での会話は、録音される場合があります。');
    expect(await notice.locator('[lang="en"]').innerText()).toBe('Conversations at this counter may be recorded (audio only).');
  });

  it('the indicator says "paused" in words and data-state while staff pause, and "recording" again after', async () => {
    const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    await staff.waitForWelcome();
    const sessionId = await acknowledgedSession(staff, 'start-p', 'en');
    const indicator = page.getByTestId('recording-indicator');
    await indicator.waitFor();
    expect(await indicator.getAttribute('data-state')).toBe('recording');

    staff.send({ type: 'session.pause', id: 'pause-1', sessionId, reason: 'private aside' });
    expect(await staff.waitForReply('pause-1')).toMatchObject({ ok: true });
    await page.locator('[data-testid="recording-indicator"][data-state="paused"]').waitFor();
    await expect(indicator.textContent()).resolves.toContain('Recording paused');
    await expect(indicator.textContent()).resolves.toContain('録音一時停止中');
    // The default counter records sound only: nothing on the indicator names video (録画).
    expect(await indicator.getAttribute('data-mode')).toBe('audio');
    await expect(indicator.textContent()).resolves.toContain('Recording paused (audio)');
    await expect(indicator.textContent()).resolves.not.toMatch(/録画|video/);

    staff.send({ type: 'session.resume', id: 'resume-1', sessionId });
    expect(await staff.waitForReply('resume-1')).toMatchObject({ ok: true });
    await page.locator('[data-testid="recording-indicator"][data-state="recording"]').waitFor();
    await expect(indicator.textContent()).resolves.not.toContain('paused');

    staff.send({ type: 'session.end', id: 'end-p', sessionId });
    await staff.waitForEvent('session.ended', sessionId);
    await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    staff.close();
  });
});
