// Completeness of a locale against the reference (`ja`): same keys, same
// placeholders, the plural forms its language needs, no blank text, valid ruby. Used by
// the tests and by `kokuchi doctor` for a facilities team's edited files.
import { join } from 'node:path';
import type { Locale } from './locale-files.js';

type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
// `{{count}}`, or with a format: `{{count, rubyDays}}` (easy Japanese readings).
const PLACEHOLDER = /{{\s*([\w.]+)\s*(?:,\s*\w+\s*)?}}/g;
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const KANJI_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+/g;

export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

const listed = (names: string[]) => (names.length > 0 ? names.map((name) => `{{${name}}}`).join(', ') : 'none');

/** Ruby markup `{base|reading}`: balanced, both parts non-empty, no nesting. */
export function rubyProblem(text: string): string | null {
  const withoutPlaceholders = text.replace(PLACEHOLDER, '');
  let rest = withoutPlaceholders;
  for (const match of withoutPlaceholders.matchAll(/{([^{}|]*)\|([^{}|]*)}/g)) {
    if (!match[1]?.trim() || !match[2]?.trim()) return `empty ruby part in "${match[0]}" (write {漢字|かんじ})`;
    rest = rest.replace(match[0], '');
  }
  if (/[{}|]/.test(rest)) return 'unbalanced ruby markup (write {漢字|かんじ}, every { closed by })';
  return null;
}

/** Text outside ruby pairs, for the easy-Japanese rule that every kanji has furigana. */
export function textOutsideRuby(text: string): string {
  return text.replace(PLACEHOLDER, '').replace(/{[^{}|]*\|[^{}|]*}/g, '');
}

/** Easy Japanese: every kanji inside a ruby base, and every reading in kana. */
export function furiganaProblem(text: string): string | null {
  const bare = textOutsideRuby(text).match(KANJI_RUN);
  if (bare) return `kanji without furigana: ${[...new Set(bare)].join(' ')} (write {${bare[0]}|よみ})`;
  for (const match of text.replace(PLACEHOLDER, '').matchAll(/{([^{}|]*)\|([^{}|]*)}/g)) {
    if (KANJI.test(match[2] ?? '')) return `furigana "${match[2]}" of ${match[1]} is not kana`;
  }
  return null;
}

/**
 * Problems of `locale` against `reference`, one line each: `<file>: <key>: <what and fix>`.
 * `localesDir` only names the files in the lines (the folder the locales were read from).
 */
export function checkLocale(locale: Locale, reference: Locale, localesDir = 'locales'): string[] {
  const problems: string[] = [];
  const where = (file: string, key: string) => `${join(localesDir, locale.code, file)}: ${key}`;
  const categories = new Intl.PluralRules(locale.code === 'ja-x-easy' ? 'ja' : locale.code).resolvedOptions().pluralCategories;
  for (const [file, mine, theirs] of [
    ['ui.json', flatten(locale.ui as Tree), flatten(reference.ui as Tree)],
    ['notice.json', flatten(locale.notice), flatten(reference.notice)],
  ] as const) {
    const referenceFile = join(localesDir, reference.code, file);
    const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
    const myBases = new Set([...mine.keys()].map(base));
    const theirBases = new Set([...theirs.keys()].map(base));
    for (const key of theirBases) {
      if (!myBases.has(key)) problems.push(`${where(file, key)}: missing (add it, translated from ${referenceFile})`);
    }
    for (const key of myBases) {
      if (!theirBases.has(key)) problems.push(`${where(file, key)}: not a known key (a typo? ${referenceFile} has no such key)`);
    }
    const pluralBases = new Set([...theirs.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map(base));
    for (const key of pluralBases) {
      if (!myBases.has(key)) continue; // already reported as missing
      for (const category of categories) {
        if (!mine.has(`${key}_${category}`)) {
          problems.push(`${where(file, `${key}_${category}`)}: missing: ${locale.code} needs the "${category}" plural form`);
        }
      }
    }
    for (const [key, text] of mine) {
      if (text.trim() === '') {
        problems.push(`${where(file, key)}: is empty (write the text)`);
        continue;
      }
      const referenceText = theirs.get(key) ?? theirs.get(`${base(key)}_other`);
      if (referenceText !== undefined && placeholders(text).join() !== placeholders(referenceText).join()) {
        problems.push(
          `${where(file, key)}: placeholders ${listed(placeholders(text))} differ from ${listed(placeholders(referenceText))} in ${referenceFile} (keep them exactly)`,
        );
      }
      const ruby = rubyProblem(text);
      if (ruby) problems.push(`${where(file, key)}: ${ruby}`);
      const furigana = locale.code === 'ja-x-easy' && !ruby ? furiganaProblem(text) : null;
      if (furigana) problems.push(`${where(file, key)}: ${furigana}`);
    }
  }
  return problems;
}
