// An office whose first language is easy Japanese greets the resident with its name in easy
// Japanese: kanji with their readings above them (ruby), as every other easy-Japanese text,
// never the `{kanji|kana}` markup it is written in. A real `kokuchi serve` and Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';

let counter: KioskAtCounter;

beforeAll(async () => {
  // The example office ships its name in easy Japanese too.
  counter = await openKioskAtCounter({ config: { languages: { enabled: ['ja-x-easy', 'ja', 'en'] } } });
});

afterAll(() => counter?.close());

describe('the office name on the idle screen', () => {
  it('shows easy Japanese with its readings as ruby, not as markup', async () => {
    const name = counter.page.locator('[data-testid="screen-idle"] .office-name');
    await name.waitFor();
    expect(await name.innerText()).not.toMatch(/[{}|]/);
    expect(await name.locator('ruby rt').allInnerTexts()).toEqual(['れいじしやくしょ', 'しみんか']);
    expect(await name.locator('ruby').evaluateAll((rubies) => rubies.map((ruby) => ruby.firstChild?.textContent))).toEqual(['例示市役所', '市民課']);
  });
});
