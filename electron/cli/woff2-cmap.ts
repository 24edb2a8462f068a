// The characters a WOFF2 font file has glyphs for, read from its `cmap` table, so that
// `kokuchi doctor` can tell whether a text would show as empty boxes (tofu).
// WOFF2: https://www.w3.org/TR/WOFF2/ — a table directory, then one Brotli stream of tables.
import { brotliDecompressSync } from 'node:zlib';

const SIGNATURE = 0x774f4632; // 'wOF2'
const HEADER_BYTES = 48;
// Indices of the spec's known-tag table that matter here.
const CMAP = 0;
const GLYF = 10;
const LOCA = 11;

/** Sorted, inclusive ranges of code points that map to a glyph. */
export type CodePointRanges = [number, number][];

export function woff2CodePoints(file: Buffer): CodePointRanges {
  if (file.length < HEADER_BYTES || file.readUInt32BE(0) !== SIGNATURE) throw new Error('not a WOFF2 font');
  const numTables = file.readUInt16BE(12);
  const compressedSize = file.readUInt32BE(20);
  let at = HEADER_BYTES;
  const readBase128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = file[at++] ?? 0;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('bad UIntBase128 in the WOFF2 table directory');
  };

  let cmapOffset = -1;
  let cmapLength = 0;
  let streamOffset = 0;
  for (let table = 0; table < numTables; table++) {
    const flags = file[at++] ?? 0;
    const known = flags & 0x3f;
    let tag = '';
    if (known === 0x3f) {
      tag = file.toString('latin1', at, at + 4);
      at += 4;
    }
    const isCmap = known === CMAP || tag === 'cmap';
    const isGlyfOrLoca = known === GLYF || known === LOCA || tag === 'glyf' || tag === 'loca';
    const transform = (flags >> 6) & 3;
    let length = readBase128();
    // glyf and loca are transformed unless the version says 3; other tables only when it is not 0.
    const transformed = isGlyfOrLoca ? transform === 0 : transform !== 0;
    if (transformed) length = readBase128();
    if (isCmap) {
      cmapOffset = streamOffset;
      cmapLength = length;
    }
    streamOffset += length;
  }
  if (cmapOffset < 0) throw new Error('the font has no cmap table');
  const tables = brotliDecompressSync(file.subarray(at, at + compressedSize));
  return cmapRanges(tables.subarray(cmapOffset, cmapOffset + cmapLength));
}

function cmapRanges(cmap: Buffer): CodePointRanges {
  const count = cmap.readUInt16BE(2);
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 4 + i * 8;
    subtables.push({ platform: cmap.readUInt16BE(at), encoding: cmap.readUInt16BE(at + 2), offset: cmap.readUInt32BE(at + 4) });
  }
  // Prefer the full-Unicode subtable (format 12), then the BMP one (format 4).
  const unicode = (s: { platform: number; encoding: number }) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const ordered = subtables.filter(unicode).sort((a, b) => cmap.readUInt16BE(b.offset) - cmap.readUInt16BE(a.offset));
  for (const { offset } of ordered) {
    const format = cmap.readUInt16BE(offset);
    if (format === 12) return format12(cmap, offset);
    if (format === 4) return format4(cmap, offset);
  }
  throw new Error('the font has no Unicode cmap subtable of format 4 or 12');
}

function format12(cmap: Buffer, offset: number): CodePointRanges {
  const groups = cmap.readUInt32BE(offset + 12);
  const ranges: CodePointRanges = [];
  for (let i = 0; i < groups; i++) {
    const at = offset + 16 + i * 12;
    ranges.push([cmap.readUInt32BE(at), cmap.readUInt32BE(at + 4)]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function format4(cmap: Buffer, offset: number): CodePointRanges {
  const segments = cmap.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const ranges: CodePointRanges = [];
  const add = (codePoint: number) => {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === codePoint - 1) last[1] = codePoint;
    else ranges.push([codePoint, codePoint]);
  };
  for (let segment = 0; segment < segments; segment++) {
    const end = cmap.readUInt16BE(ends + segment * 2);
    const start = cmap.readUInt16BE(starts + segment * 2);
    const delta = cmap.readInt16BE(deltas + segment * 2);
    const rangeOffsetAt = rangeOffsets + segment * 2;
    const rangeOffset = cmap.readUInt16BE(rangeOffsetAt);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (codePoint + delta) & 0xffff;
      else {
        const at = rangeOffsetAt + rangeOffset + (codePoint - start) * 2;
        glyph = at + 1 < cmap.length ? cmap.readUInt16BE(at) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) add(codePoint);
    }
  }
  return ranges;
}

export function inRanges(ranges: CodePointRanges, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle] as [number, number];
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return true;
  }
  return false;
}
