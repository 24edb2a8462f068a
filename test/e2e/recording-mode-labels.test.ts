// On a counter that records sound and video, what the resident reads says so: the idle
// screen's notice line, the indicator (recording and paused), the thank-you body, the
// recording screen and the ended title, in
// Japanese, English, Thai and Burmese. A real `kokuchi serve` in `recording.mode: audio-video`,
// Chromium on the kiosk page, staff over the HTTP staff link. (Audio-only counters: the
// default configuration, in pause-and-receipt.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFit } from '../../electron/cli/fit-check.js';
import { KIOSK_SIZES, sizeName } from '../../electron/cli/screen-tour.js';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { staffApi } from '../support/staff-api.js';

let counter: KioskAtCounter;
let page: Page;

beforeAll(async () => {
  counter = await openKioskAtCounter({
    config: {
      recording: { mode: 'audio-video' },
      // The thank-you and ended screens stay until staff move on, so each can be read.
      session: { thanksSeconds: 30, endedSeconds: 30, answerTimeoutSeconds: 600, idleResetSeconds: 3600 },
    },
  });
  page = counter.page;
});

afterAll(() => counter?.close());

async function staff(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const response = await staffApi(counter.kiosk.staffUrl).post(path, body);
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

const shown = async (selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
const indicator = '[data-testid="recording-indicator"]';

describe('an audio and video counter names video wherever it says what is recorded', () => {
  // First, before any session: the screen a resident meets at the counter.
  it('idle: the notice line says sound and video may be recorded, in Japanese and English', async () => {
    await page.getByTestId('screen-idle').waitFor();
    expect(await shown('[data-testid="screen-idle"] .recording-notice [lang="ja"]')).toBe('この窓口での会話は、録音・録画される場合があります。');
    expect(await shown('[data-testid="screen-idle"] .recording-notice [lang="en"]')).toBe(
      'Conversations at this counter may be recorded (audio and video).',
    );
  });

  it.each([
    ['ja', '録音・録画中', null, '録音・録画一時停止中', null, 'これから録音・録画を始めます。', '録音・録画を終了しました'],
    [
      'en',
      '録音・録画中',
      'Recording (audio and video)',
      '録音・録画一時停止中',
      'Recording paused (audio and video)',
      'Audio and video recording is starting now.',
      'Audio and video recording has stopped',
    ],
    [
      'th',
      '録音・録画中',
      'กำลังบันทึกเสียงและภาพ',
      '録音・録画一時停止中',
      'การบันทึกเสียงและภาพหยุดชั่วคราว',
      'จะเริ่มบันทึกเสียงและภาพตั้งแต่ตอนนี้',
      'สิ้นสุดการบันทึกเสียงและภาพแล้ว',
    ],
  ])('%s: thank-you, indicator, pause and ended', async (language, japanese, local, japanesePaused, localPaused, thanks, ended) => {
    const { sessionId } = await staff('v1/sessions', { language });
    await page.locator(`[data-testid="screen-notice"][lang="${language}"] [data-testid="time-left"]`).waitFor();
    await page.getByTestId('ack').click();

    await page.getByTestId('screen-thanks').waitFor();
    expect(await shown('[data-testid="screen-thanks"] .message-body')).toBe(thanks);
    await page.locator(`${indicator}[data-state="recording"][data-mode="audio-video"]`).waitFor();
    expect(await shown(`${indicator} [lang="ja"]`)).toBe(japanese);
    if (local === null) expect(await page.locator(`${indicator} .recording-label`).count()).toBe(0);
    else expect(await shown(`${indicator} .recording-label`)).toBe(local);

    await staff(`v1/sessions/${String(sessionId)}/pause`, { reason: 'aside' });
    await page.locator(`${indicator}[data-state="paused"]`).waitFor();
    expect(await shown(`${indicator} [lang="ja"]`)).toBe(japanesePaused);
    if (localPaused === null) expect(await page.locator(`${indicator} .recording-label`).count()).toBe(0);
    else expect(await shown(`${indicator} .recording-label`)).toBe(localPaused);
    await staff(`v1/sessions/${String(sessionId)}/resume`);
    await page.locator(`${indicator}[data-state="recording"]`).waitFor();

    await staff(`v1/sessions/${String(sessionId)}/end`);
    await page.getByTestId('screen-ended').waitFor();
    expect(await shown('[data-testid="screen-ended"] h1')).toBe(ended);
    // Recording has stopped: no "● 録音・録画中" beside the title saying so.
    expect(await page.getByTestId('recording-indicator').count()).toBe(0);
  });

  it('my: the recording screen after a staff override', async () => {
    const { sessionId } = await staff('v1/sessions', { language: 'my' });
    await page.locator('[data-testid="screen-notice"][lang="my"] [data-testid="time-left"]').waitFor();
    await page.getByTestId('question').click();
    await page.getByTestId('screen-question').waitFor();
    await staff(`v1/sessions/${String(sessionId)}/override`, { reason: 'explained at the counter' });
    await page.getByTestId('screen-recording').waitFor();
    expect(await shown(`${indicator} [lang="ja"]`)).toBe('録音・録画中');
    expect(await shown(`${indicator} .recording-label`)).toBe('အသံနှင့် ဗီဒီယို မှတ်တမ်းတင်နေသည်');
    expect(await shown('.recording-what')).toBe('ဤစကားပြောဆိုမှု၏ အသံနှင့် ဗီဒီယိုကို မှတ်တမ်းတင်နေပါသည်။');
    await staff(`v1/sessions/${String(sessionId)}/end`);
    expect(await page.getByTestId('screen-ended').locator('h1').innerText()).toBe('အသံနှင့် ဗီဒီယို မှတ်တမ်းတင်ခြင်း ရပ်ပြီးပါပြီ');
  });

  // `kokuchi preview` and the every-language test see the recording screen only while it records.
  it('the paused recording screen fits in large text at every kiosk size (my, ne, th, ja)', async () => {
    const failures: string[] = [];
    for (const language of ['my', 'ne', 'th', 'ja']) {
      const { sessionId } = await staff('v1/sessions', { language });
      await page.locator(`[data-testid="screen-notice"][lang="${language}"] [data-testid="time-left"]`).waitFor();
      await page.getByTestId('text-size').click();
      await page.locator('[data-testid="text-size"][aria-pressed="true"]').waitFor();
      await page.getByTestId('question').click();
      await page.getByTestId('screen-question').waitFor();
      await staff(`v1/sessions/${String(sessionId)}/override`, { reason: 'explained at the counter' });
      await page.getByTestId('screen-recording').waitFor();
      await staff(`v1/sessions/${String(sessionId)}/pause`, { reason: 'aside' });
      await page.locator(`${indicator}[data-state="paused"]`).waitFor();
      for (const size of KIOSK_SIZES) {
        await page.setViewportSize(size);
        const fit = await checkFit(page, { language });
        for (const problem of fit.problems) failures.push(`paused ${language} ${sizeName(size)} large: ${problem}`);
      }
      await page.setViewportSize(KIOSK_SIZES[0] ?? { width: 1280, height: 800 });
      await staff(`v1/sessions/${String(sessionId)}/end`);
      await page.getByTestId('screen-ended').waitFor();
    }
    expect(failures).toEqual([]);
  });
});
