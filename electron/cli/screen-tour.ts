// Walks a running kiosk through every resident screen in each language, text size and
// screen size, the way a counter does: staff start over the staff link, the resident taps
// the page. Used by `kokuchi preview` and the every-language test; the caller looks at
// each stop (checks it, photographs it).
import type { Page } from 'playwright-core';

export type TourScreen = 'idle' | 'notice' | 'question' | 'recording' | 'ended' | 'thanks';

export interface ScreenSize {
  width: number;
  height: number;
}

export interface TourStop {
  screen: TourScreen;
  /** The language the screen is in (the office's first language on idle). */
  language: string;
  size: ScreenSize;
  largeText: boolean;
  /** `<screen>-<lang>-<WxH>[-large]`, e.g. `notice-ne-800x1280-large`. */
  name: string;
}

export interface TourOptions {
  page: Page;
  /** The kiosk's staff link, e.g. `http://127.0.0.1:4780/`, and its pairing token. */
  staffLinkUrl: string;
  token: string;
  languages: readonly string[];
  sizes: readonly ScreenSize[];
  /** Normal text, large text, or both (in that order). */
  textSizes: readonly ('normal' | 'large')[];
  /** Shown in the notice as the staff member's business name. */
  staffName?: string;
  onStop(stop: TourStop): Promise<void>;
}

/** The kiosk resolutions of product.md: landscape tablet, full HD, portrait tablet. */
export const KIOSK_SIZES: readonly ScreenSize[] = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
];

export const sizeName = (size: ScreenSize) => `${size.width}x${size.height}`;

/**
 * Idle once per size, then per language and text size two sessions: notice → "I have a
 * question" → question → staff override → recording → staff end → ended; and notice →
 * "I understand" → thanks → staff end. The kiosk's thanks and ended screens must last
 * longer than a stop takes (the preview's and the test's configurations hold them).
 */
export async function tourEveryScreen(options: TourOptions): Promise<void> {
  const { page } = options;
  const staff = staffLink(options.staffLinkUrl, options.token);
  const visit = async (screen: TourScreen, language: string, largeText: boolean) => {
    await page.getByTestId(`screen-${screen}`).waitFor();
    for (const size of options.sizes) {
      await page.setViewportSize(size);
      const name = `${screen}-${language}-${sizeName(size)}${largeText ? '-large' : ''}`;
      await options.onStop({ screen, language, size, largeText, name });
    }
  };

  const idle = page.getByTestId('screen-idle');
  await idle.waitFor();
  await visit('idle', (await idle.getAttribute('lang')) ?? '', false);

  for (const language of options.languages) {
    for (const textSize of options.textSizes) {
      const largeText = textSize === 'large';
      const openNotice = async () => {
        const sessionId = await staff.start(language, options.staffName ?? 'Takahashi');
        // The answer timer appears once the core has the notice as shown: wait for the final layout.
        await page.locator(`[data-testid="screen-notice"][lang="${language}"] [data-testid="time-left"]`).waitFor();
        if (largeText) {
          await page.getByTestId('text-size').click();
          await page.locator('[data-testid="text-size"][aria-pressed="true"]').waitFor();
        }
        return sessionId;
      };

      const asked = await openNotice();
      await visit('notice', language, largeText);
      await page.getByTestId('question').click();
      await visit('question', language, largeText);
      await staff.override(asked, 'explained at the counter (screen tour)');
      await visit('recording', language, largeText);
      await staff.end(asked);
      await visit('ended', language, largeText);

      const thanked = await openNotice();
      await page.getByTestId('ack').click();
      await visit('thanks', language, largeText);
      await staff.end(thanked);
      await page.getByTestId('screen-ended').waitFor();
    }
  }
}

function staffLink(base: string, token: string) {
  const send = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new Error(`staff link ${path}: ${response.status} ${String(answer.message ?? '')}`);
    return answer;
  };
  return {
    async start(language: string, staffName: string): Promise<string> {
      const { sessionId } = await send('v1/sessions', { language, staffName });
      if (typeof sessionId !== 'string') throw new Error('staff link v1/sessions: no sessionId in the answer');
      return sessionId;
    },
    override: (sessionId: string, reason: string) => send(`v1/sessions/${encodeURIComponent(sessionId)}/override`, { reason }),
    end: (sessionId: string) => send(`v1/sessions/${encodeURIComponent(sessionId)}/end`, {}),
  };
}
