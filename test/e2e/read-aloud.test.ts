// "Read aloud" in a real Chromium on `kokuchi serve`: the notice plays from the audio
// shipped with the app (no network, no platform voice), unit after unit, in the shown language.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXAMPLE_CONFIG } from '../../electron/core/config/load-config.js';
import { loadLocales } from '../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../electron/core/notice/render-notice.js';
import type { LanguageCode } from '../../electron/shared/languages.js';
import { audioFileFor } from '../../renderer/kiosk/audio-manifest.js';
import { spokenUnits, unitHash } from '../../renderer/kiosk/spoken-units.js';
import { readAudioManifest } from '../../scripts/audio/audit-audio.js';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { ROOT, TOKEN, type KioskProcess } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

let counter: KioskAtCounter;
let kiosk: KioskProcess;
let page: Page;
let staff: RawStaffClient;

beforeAll(async () => {
  counter = await openKioskAtCounter();
  ({ kiosk, page } = counter);
  staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
  await staff.waitForWelcome();
});

afterAll(async () => {
  staff?.close();
  await counter?.close();
});

/** The audio files of the example office's notice in `language`, in reading order, as URL paths. */
async function expectedFiles(language: LanguageCode): Promise<string[]> {
  const { locales } = await loadLocales(join(ROOT, 'locales'));
  const { manifest } = await readAudioManifest(join(ROOT, 'assets', 'audio'));
  const notice = renderNotice(locales.get(language)!, EXAMPLE_CONFIG, { staffName: 'Sato', recording: 'audio' });
  const files: string[] = [];
  for (const unit of spokenUnits(notice)) {
    const file = audioFileFor(manifest!, language, await unitHash(unit));
    if (file) files.push(`/audio/${file}`);
  }
  return files;
}

interface PlayerState {
  src: string;
  paused: boolean;
  time: number;
}

// The page's <audio>, as far as the test reads it (test files are typechecked without the DOM library).
interface PageWindow {
  document: { querySelector(selector: string): { currentSrc: string; paused: boolean; currentTime: number } | null };
}

/** Runs in the page through the DevTools protocol: the page's CSP forbids eval, so no waitForFunction. */
function playerState(): PlayerState | null {
  const audio = (globalThis as unknown as PageWindow).document.querySelector('[data-testid="read-aloud-player"]');
  return audio ? { src: audio.currentSrc, paused: audio.paused, time: audio.currentTime } : null;
}

function readPlayer(): Promise<PlayerState | null> {
  return page.evaluate(playerState);
}

/** Waits until the player is playing the file at `path`, its time advancing. */
async function waitForPlaying(path: string): Promise<PlayerState> {
  const playing = (state: PlayerState | null) => state !== null && !state.paused && state.time > 0 && state.src.endsWith(path);
  await expect.poll(readPlayer, { timeout: 20_000, interval: 100 }).toSatisfy(playing);
  return (await readPlayer())!;
}

async function waitForPaused(): Promise<void> {
  await expect.poll(async () => (await readPlayer())?.paused, { timeout: 10_000, interval: 100 }).toBe(true);
}

async function startSession(id: string, language: string): Promise<string> {
  staff.send({ type: 'session.start', id, staffName: 'Sato', language });
  const reply = await staff.waitForReply(id);
  expect(reply).toMatchObject({ type: 'result', ok: true });
  await page.getByTestId('screen-notice').waitFor();
  return reply.sessionId as string;
}

async function endSession(id: string, sessionId: string): Promise<void> {
  staff.send({ type: 'session.end', id, sessionId });
  await staff.waitForEvent('session.ended', sessionId);
  await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
}

describe('read aloud', () => {
  it('plays the notice from the shipped audio, title first, then the next unit, and stops on a second tap', async () => {
    const files = await expectedFiles('en');
    const sessionId = await startSession('ra-1', 'en');
    const button = page.getByTestId('read-aloud');
    // The staff member's name is spoken by no file: the rest plays, and the button says so.
    await page.locator('[data-testid="read-aloud"][data-audio="partial"]').waitFor();
    await expect(button.isEnabled()).resolves.toBe(true);

    await button.click();
    const first = await waitForPlaying(files[0]!);
    expect(new URL(first.src).origin).toBe(new URL(kiosk.kioskUrl).origin);
    await expect(page.getByTestId('read-aloud-status').textContent()).resolves.toBe('Reading aloud…');
    await expect(button.textContent()).resolves.toBe('Stop reading');

    // The title ends after about two seconds; the intro follows by itself.
    await waitForPlaying(files[1]!);

    await button.click();
    await waitForPaused();
    await expect(button.textContent()).resolves.toBe('Read aloud');
    await expect(page.getByTestId('read-aloud-status').textContent()).resolves.toBe('');
    await endSession('ra-end-1', sessionId);
  });

  it('stops when the resident picks another language, and reads that language next', async () => {
    const sessionId = await startSession('ra-2', 'ja');
    const button = page.getByTestId('read-aloud');
    await page.locator('[data-testid="read-aloud"][data-audio="partial"]').waitFor();
    await button.click();
    await waitForPlaying((await expectedFiles('ja'))[0]!);

    await page.getByTestId('change-language').click();
    await page.getByTestId('lang-ja-x-easy').click();
    await page.locator('[data-testid="screen-notice"][lang="ja-x-easy"]').waitFor();
    await waitForPaused();
    await expect(page.getByTestId('read-aloud-status').textContent()).resolves.toBe('');

    await button.click();
    await waitForPlaying((await expectedFiles('ja-x-easy'))[0]!);
    await endSession('ra-end-2', sessionId);
  });

  it('disables the button, saying why, in a language without a voice', async () => {
    const sessionId = await startSession('ra-3', 'fil');
    const button = page.getByTestId('read-aloud');
    await page.locator('[data-testid="read-aloud"][data-audio="none"]').waitFor();
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(button.textContent()).resolves.toBe('Wala pang pagbasa nang malakas sa wikang ito');
    await expect(button.getAttribute('title')).resolves.toBe('Wala pang pagbasa nang malakas sa wikang ito');
    await endSession('ra-end-3', sessionId);
  });
});
