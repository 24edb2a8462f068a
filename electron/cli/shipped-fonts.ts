// The fonts the kiosk page ships (the @font-face rules of the built page and their WOFF2
// files), asked which characters none of them can draw: those would show as empty boxes
// on a bare tablet. A face counts for a character only if its unicode-range includes it
// and its file has a glyph for it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inRanges, woff2CodePoints, type CodePointRanges } from './woff2-cmap.js';

interface Face {
  /** From unicode-range; null when the rule has none (the whole of Unicode). */
  range: CodePointRanges | null;
  file: string;
}

/** `U+0-FF, U+131, U+4E??` → ranges. */
export function parseUnicodeRange(text: string): CodePointRanges {
  const ranges = text.split(',').map((part): [number, number] => {
    const token = part.trim().replace(/^U\+/i, '');
    if (token.includes('?')) return [parseInt(token.replace(/\?/g, '0'), 16), parseInt(token.replace(/\?/g, 'F'), 16)];
    const [start, end = start] = token.split('-');
    return [parseInt(start ?? '', 16), parseInt(end ?? '', 16)];
  });
  // Sorted and merged, for a binary search.
  const merged: CodePointRanges = [];
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

async function shippedFaces(rendererDir: string): Promise<Face[]> {
  const assets = join(rendererDir, 'assets');
  const faces: Face[] = [];
  for (const name of (await readdir(assets)).filter((file) => file.endsWith('.css'))) {
    const css = await readFile(join(assets, name), 'utf8');
    for (const [, body = ''] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const woff2 = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(body)?.[1];
      if (!woff2) continue;
      const range = /unicode-range\s*:\s*([^;}]+)/.exec(body)?.[1];
      faces.push({ range: range ? parseUnicodeRange(range) : null, file: join(assets, woff2.replace(/^(\.\/|\/assets\/|\/)/, '')) });
    }
  }
  return faces;
}

/**
 * Of `characters`, those no shipped font can draw. Throws when the page is not built (no
 * fonts to ask). Reads only the font files whose ranges could hold a character asked for.
 */
export async function charactersWithoutFont(rendererDir: string, characters: Iterable<string>): Promise<Set<string>> {
  let faces: Face[];
  try {
    faces = await shippedFaces(rendererDir);
  } catch {
    throw new Error(`${rendererDir}: the kiosk page is not built, so its fonts cannot be checked (run \`npm run build\`)`);
  }
  const glyphs = new Map<string, Promise<CodePointRanges | null>>();
  const glyphsOf = (file: string) => {
    let ranges = glyphs.get(file);
    if (!ranges) {
      ranges = readFile(file).then(woff2CodePoints, () => null); // a missing or broken file draws nothing
      glyphs.set(file, ranges);
    }
    return ranges;
  };
  const missing = new Set<string>();
  for (const character of new Set(characters)) {
    const codePoint = character.codePointAt(0) ?? 0;
    let drawn = false;
    for (const face of faces) {
      if (face.range && !inRanges(face.range, codePoint)) continue;
      const ranges = await glyphsOf(face.file);
      if (ranges && inRanges(ranges, codePoint)) {
        drawn = true;
        break;
      }
    }
    if (!drawn) missing.add(character);
  }
  return missing;
}
