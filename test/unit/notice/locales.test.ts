// Every shipped locale is complete, and `kokuchi doctor` names each way a facilities team
// can break a locale or the configuration: the real files, copied to a temp folder and
// broken one way at a time, checked by the real command.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../../electron/shared/languages.js';
import { checkLocale } from '../../../electron/core/notice/locale-check.js';
import { loadLocales, type Locale } from '../../../electron/core/notice/locale-files.js';
import { ROOT, runCli } from '../../support/kiosk-process.js';

type Json = { [key: string]: unknown };
const LOCALES = join(ROOT, 'locales');
let scratch: string;
let noConfigData: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kokuchi-locales-'));
  noConfigData = await mkdtemp(join(tmpdir(), 'kokuchi-noconfig-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rm(noConfigData, { recursive: true, force: true });
});

/** `kokuchi doctor` with no configuration file anywhere it looks. */
function doctor(...args: string[]) {
  return runCli(['doctor', '--data', noConfigData, ...args], { KOKUCHI_CONFIG: '' });
}

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

describe('the shipped locales', () => {
  it('all fourteen load without a problem', async () => {
    const { locales, problems } = await loadLocales(LOCALES);
    expect(problems).toEqual([]);
    expect([...locales.keys()].sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  it.each(LANGUAGE_CODES)('%s has every key, placeholder, plural form and ruby of ja', async (code) => {
    const { locales } = await loadLocales(LOCALES);
    expect(checkLocale(locales.get(code) as Locale, locales.get('ja') as Locale)).toEqual([]);
  });

  it('pass `kokuchi doctor`, which says it runs the EXAMPLE office when there is no configuration', async () => {
    const { code, stdout } = await doctor();
    expect(lines(stdout)).toEqual([expect.stringMatching(/^OK .*EXAMPLE office.*14 locales complete; every character has a shipped font$/)]);
    expect(code).toBe(0);
  });
});

interface Breakage {
  name: string;
  file: string;
  change(text: string): string;
  /** What the one line must say besides the file. */
  says: RegExp;
}

const editJson = (edit: (json: Json) => void) => (text: string) => {
  const json = JSON.parse(text) as Json;
  edit(json);
  return JSON.stringify(json, null, 2);
};
const group = (json: Json, key: string) => json[key] as Json;

const BREAKAGES: Breakage[] = [
  {
    name: 'a dropped key',
    file: 'en/ui.json',
    change: editJson((json) => delete group(json, 'notice').moreTime),
    says: /notice\.moreTime: missing/,
  },
  {
    name: 'a key with a typo',
    file: 'zh-Hans/ui.json',
    change: editJson((json) => (group(json, 'idle').notic = '本窗口的谈话可能会被录音录像。')),
    says: /idle\.notic: not a known key/,
  },
  {
    name: 'a renamed placeholder',
    file: 'vi/notice.json',
    change: (text) => text.replace('{{contact}}', '{{contacts}}'),
    says: /handling\.contact: placeholders \{\{contacts\}\} differ from \{\{contact\}\}/,
  },
  {
    name: 'a plural form the language needs, removed',
    file: 'es/ui.json',
    change: editJson((json) => delete group(json, 'notice').timeLeft_many),
    says: /notice\.timeLeft_many: missing: es needs the "many" plural form/,
  },
  {
    name: 'an empty string',
    file: 'th/ui.json',
    change: editJson((json) => (group(json, 'thanks').title = '')),
    says: /thanks\.title: is empty/,
  },
  {
    name: 'a string of blanks',
    file: 'fil/notice.json',
    change: editJson((json) => (group(json, 'purpose').heading = '   ')),
    says: /purpose\.heading: is empty/,
  },
  {
    name: 'ruby without its reading',
    file: 'ja-x-easy/notice.json',
    change: (text) => text.replace('{窓口|まどぐち}', '{窓口|}'),
    says: /title: empty ruby part in "\{窓口\|\}"/,
  },
  {
    name: 'unbalanced ruby',
    file: 'ja-x-easy/notice.json',
    change: (text) => text.replace('{話|はなし}', '{話|はなし'),
    says: /title: unbalanced ruby markup/,
  },
  {
    name: 'a kanji without furigana in easy Japanese',
    file: 'ja-x-easy/notice.json',
    change: (text) => text.replace('{窓口|まどぐち}', '窓口'),
    says: /title: kanji without furigana: 窓口/,
  },
  {
    name: 'invalid JSON',
    file: 'ko/notice.json',
    change: (text) => text.replace(/}\s*$/, ',}'),
    says: /not valid JSON/,
  },
  {
    name: 'characters no shipped font can draw',
    file: 'en/notice.json',
    change: editJson((json) => (json.title = 'Conversations at this counter are recorded ሰላም')),
    says: /title: no font the kiosk ships can draw ሰ ላ ም \(they would show as empty boxes\)/,
  },
  {
    name: 'a missing meta.reviewed',
    file: 'my/ui.json',
    change: editJson((json) => delete group(json, 'meta').reviewed),
    says: /meta\.reviewed: /,
  },
];

// Concurrent: each case is its own copy and its own process.
describe.concurrent('`kokuchi doctor --locales DIR` on a broken copy', () => {
  it.for(BREAKAGES)('names the file and key of $name, on one line, and exits 1', async ({ file, change, says }, { expect }) => {
    const dir = await mkdtemp(join(scratch, 'locales-'));
    await cp(LOCALES, dir, { recursive: true });
    const path = join(dir, file);
    await writeFile(path, change(await readFile(path, 'utf8')));

    const { code, stdout } = await doctor('--locales', dir);
    const reported = lines(stdout);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.startsWith(`${path}: `)).toBe(true);
    expect(reported[0]).toMatch(says);
    expect(code).toBe(1);
  });
});

describe.concurrent('`kokuchi doctor --config FILE` on a broken configuration', () => {
  const cases = [
    { name: 'invalid JSON', text: '{ "retentionDays": 365, }', says: /not valid JSON/ },
    { name: 'a field of the wrong type', text: '{ "retentionDays": "one year" }', says: /retentionDays: .*number/ },
    { name: 'an unknown field', text: '{ "languages": { "enabeld": ["ja"] } }', says: /languages: .*"enabeld"/ },
    {
      name: 'an office name no shipped font can draw',
      // Only the languages the name has: the others would (rightly) add warnings.
      text: JSON.stringify({ office: { name: { ja: '例示市役所', en: 'Example City 🏛' } }, languages: { enabled: ['ja', 'en'] } }),
      says: /office\.name\.en: no font the kiosk ships can draw 🏛/,
    },
    {
      name: 'hiding every language (all are unreviewed)',
      text: '{ "languages": { "showUnreviewed": false } }',
      says: /languages: no language can be offered/,
    },
  ];

  it.for(cases)('names the file and field of $name, and exits 1', async ({ text, says }, { expect }) => {
    const config = join(await mkdtemp(join(scratch, 'config-')), 'kokuchi.config.json');
    await writeFile(config, text);
    const { code, stdout } = await doctor('--config', config);
    const reported = lines(stdout);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.startsWith(`${config}: `)).toBe(true);
    expect(reported[0]).toMatch(says);
    expect(code).toBe(1);
  });

  it('accepts a small valid file and names it', async ({ expect }) => {
    const config = join(await mkdtemp(join(scratch, 'config-')), 'kokuchi.config.json');
    await writeFile(config, JSON.stringify({ retentionDays: 30, languages: { enabled: ['vi', 'ja', 'en'] } }));
    const { code, stdout } = await doctor('--config', config);
    expect(lines(stdout)).toEqual([`OK ${config}; 14 locales complete; every character has a shipped font`]);
    expect(code).toBe(0);
  });
});
