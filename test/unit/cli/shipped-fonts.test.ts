// Which characters the kiosk's shipped fonts can draw: the built page's @font-face rules and
// the glyph tables of their WOFF2 files, not just the unicode-range they claim.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charactersWithoutFont, parseUnicodeRange } from '../../../electron/cli/shipped-fonts.js';
import { ROOT } from '../../support/kiosk-process.js';

describe('shipped fonts', () => {
  it('reads a CSS unicode-range, wildcards included', () => {
    expect(parseUnicodeRange('U+0-FF, U+131,U+4E??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x4e00, 0x4eff],
    ]);
  });

  it('draws every script of the fourteen languages, and not Ethiopic, an emoji or a character a slice only claims', async () => {
    // U+20024 is in a Noto Sans TC slice's unicode-range, but that file has no glyph for it.
    const missing = await charactersWithoutFont(join(ROOT, 'dist', 'renderer'), ['A', 'ệ', 'あ', '録', '简', '한', 'न', 'ก', 'မ', 'ሰ', '🙂', '\u{20024}']);
    expect([...missing]).toEqual(['ሰ', '🙂', '\u{20024}']);
  });

  it('says so when the page is not built', async () => {
    await expect(charactersWithoutFont(join(ROOT, 'no-such-build'), ['A'])).rejects.toThrow(/not built, so its fonts cannot be checked \(run `npm run build`\)/);
  });
});
