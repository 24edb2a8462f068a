// Completeness of a locale against the reference (`ja`): same keys, same
// placeholders, the plural forms its language needs, valid ruby. Used by the tests and
// by `kokuchi doctor` for a facilities team's edited files.
import type { Locale } from './locale-files.js';

type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /{{\s*([\w.]+)\s*}}/g;
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

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

/** Ruby markup `{base|reading}`: balanced, both parts non-empty, no nesting. */
export function rubyProblem(text: string): string | null {
  const withoutPlaceholders = text.replace(PLACEHOLDER, '');
  let rest = withoutPlaceholders;
  for (const match of withoutPlaceholders.matchAll(/{([^{}|]*)\|([^{}|]*)}/g)) {
    if (!match[1] || !match[2]) return `empty ruby part in "${match[0]}"`;
    rest = rest.replace(match[0], '');
  }
  if (/[{}|]/.test(rest)) return 'unbalanced ruby markup (use {漢字|かんじ})';
  return null;
}

/** Text outside ruby pairs, for the easy-Japanese rule that every kanji has furigana. */
export function textOutsideRuby(text: string): string {
  return text.replace(PLACEHOLDER, '').replace(/{[^{}|]*\|[^{}|]*}/g, '');
}

export function checkLocale(locale: Locale, reference: Locale): string[] {
  const problems: string[] = [];
  const where = (file: string, key: string) => `locales/${locale.code}/${file}: ${key}`;
  const categories = new Intl.PluralRules(locale.code === 'ja-x-easy' ? 'ja' : locale.code).resolvedOptions().pluralCategories;
  for (const [file, mine, theirs] of [
    ['ui.json', flatten(locale.ui as Tree), flatten(reference.ui as Tree)],
    ['notice.json', flatten(locale.notice), flatten(reference.notice)],
  ] as const) {
    const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
    const myBases = new Set([...mine.keys()].map(base));
    for (const key of new Set([...theirs.keys()].map(base))) {
      if (!myBases.has(key)) problems.push(`${where(file, key)}: missing`);
    }
    for (const key of myBases) {
      if (![...theirs.keys()].some((k) => base(k) === key)) problems.push(`${where(file, key)}: not a known key (typo?)`);
    }
    const pluralBases = new Set([...theirs.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map(base));
    for (const key of pluralBases) {
      for (const category of categories) {
        if (!mine.has(`${key}_${category}`)) problems.push(`${where(file, `${key}_${category}`)}: plural form needed by ${locale.code} is missing`);
      }
    }
    for (const [key, text] of mine) {
      const referenceText = theirs.get(key) ?? theirs.get(`${base(key)}_other`);
      if (referenceText !== undefined && placeholders(text).join() !== placeholders(referenceText).join()) {
        problems.push(`${where(file, key)}: placeholders ${placeholders(text).join(', ') || 'none'} differ from ja's ${placeholders(referenceText).join(', ') || 'none'}`);
      }
      const ruby = rubyProblem(text);
      if (ruby) problems.push(`${where(file, key)}: ${ruby}`);
      if (locale.code === 'ja-x-easy' && KANJI.test(textOutsideRuby(text))) {
        problems.push(`${where(file, key)}: kanji without furigana (write {漢字|かんじ})`);
      }
    }
  }
  return problems;
}
