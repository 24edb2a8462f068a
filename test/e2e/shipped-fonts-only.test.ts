// No tofu on a bare tablet: every character on the resident's screens, and on the admin
// screen, is drawn with a font the app ships — never with whatever the system has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { staffApi } from '../support/staff-api.js';

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  children?: DomNode[];
}

let counter: KioskAtCounter;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  counter = await openKioskAtCounter({ config: { admin: { pin: '2580' }, session: { thanksSeconds: 0.5, endedSeconds: 0.5 } } });
  page = counter.page;
  cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
});

afterAll(() => counter?.close());

/** A script and the shipped fonts that can draw it; a missing glyph is drawn as a box by the primary font. */
const SCRIPTS: Array<[RegExp, RegExp]> = [
  [/[\u3040-\u30ff\u3400-\u9fff]/, /^Noto Sans (JP|SC|TC|KR)/],
  [/[\uac00-\ud7af]/, /^Noto Sans KR/],
  [/[\u0900-\u097f]/, /^Noto Sans Devanagari/],
  [/[\u0e00-\u0e7f]/, /^Noto Sans Thai/],
  [/[\u1000-\u109f]/, /^Noto Sans Myanmar/],
];

/** Text drawn by a system font, or in a script that none of the fonts used can draw (tofu). */
async function systemFontsUsed(): Promise<string[]> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: DomNode };
  const found: string[] = [];
  const visit = async (node: DomNode) => {
    const text = (node.children ?? []).filter((child) => child.nodeType === 3 && child.nodeValue?.trim()).map((child) => child.nodeValue?.trim());
    if (node.nodeType === 1 && text.length > 0 && !['SCRIPT', 'STYLE', 'TITLE'].includes(node.nodeName)) {
      const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as {
        fonts: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }>;
      };
      const sample = text.join(' ').slice(0, 40);
      for (const font of fonts) if (!font.isCustomFont && font.glyphCount > 0) found.push(`${font.familyName}: "${sample}"`);
      for (const [script, families] of SCRIPTS) {
        if (script.test(text.join(' ')) && !fonts.some((font) => families.test(font.familyName))) {
          found.push(`no font for ${script.source} in "${sample}" (drawn with ${fonts.map((f) => f.familyName).join(', ')})`);
        }
      }
    }
    for (const child of node.children ?? []) await visit(child);
  };
  await visit(root);
  return found;
}

describe('shipped fonts only', () => {
  it('draws the idle screen, and notices in several scripts with a Japanese staff name, with the fonts the app ships', async () => {
    expect(await systemFontsUsed()).toEqual([]);
    const staff = staffApi(counter.kiosk.staffUrl);
    for (const language of ['en', 'ja-x-easy', 'ne', 'th', 'my', 'vi']) {
      const started = await staff.post('v1/sessions', { staffName: '佐藤', language });
      const { sessionId } = (await started.json()) as { sessionId: string };
      await page.locator(`[data-testid="screen-notice"][lang="${language}"]`).waitFor();
      expect(await systemFontsUsed(), language).toEqual([]);
      await staff.post(`v1/sessions/${sessionId}/end`, {});
      await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    }
  });

  it('draws the admin screen, Japanese and English side by side, with the fonts the app ships', async () => {
    const corner = page.getByTestId('admin-corner');
    for (let tap = 0; tap < 5; tap += 1) await corner.click();
    for (const digit of '2580') await page.getByTestId(`admin-pin-${digit}`).click();
    await page.getByTestId('admin-pin-ok').click();
    await page.getByTestId('screen-admin').waitFor();
    await page.getByTestId('admin-ledger').waitFor();
    expect(await systemFontsUsed()).toEqual([]);
  });
});
