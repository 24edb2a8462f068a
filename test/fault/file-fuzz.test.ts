// fast-check properties (fixed seed, bounded runs) over the files a facilities team edits:
// kokuchi.config.json and the locale files. A broken file never throws; it yields the
// example office (configuration) or is left out (locale) with a problem naming the file,
// and nothing else read beside it changes.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, loadConfig, parseConfigText } from '../../electron/core/config/load-config.js';
import { configSchema } from '../../electron/core/config/schema.js';
import { checkLocale } from '../../electron/core/notice/locale-check.js';
import { loadLocales } from '../../electron/core/notice/locale-files.js';
import { LANGUAGE_CODES } from '../../electron/shared/languages.js';
import { ROOT } from '../support/kiosk-process.js';

const SEED = 20261202;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kokuchi-file-fuzz-'));
  await cp(path.join(ROOT, 'locales'), path.join(work, 'locales'), { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A configuration an office could write (the README's example). */
const OFFICE = {
  counterId: 'shimin-3',
  office: { name: { ja: '港区役所 区民課 3番窓口', en: 'Minato City Office, Counter 3' }, policyUrl: 'https://www.city.example.lg.jp/recording' },
  recording: { mode: 'audio', purposes: ['service', 'accuracy'] },
  retentionDays: 365,
  languages: { enabled: ['ja', 'en', 'vi'], showUnreviewed: true },
  session: { startBy: 'both', answerTimeoutSeconds: 90, idleResetSeconds: 120 },
  staffLink: { host: '127.0.0.1', port: 4780 },
  admin: { pin: '2580' },
} as const;

/** Every path to a value in `value`, e.g. ['session', 'startBy']. */
function paths(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, inner]) => paths(inner, [...prefix, key]))];
}

function withValueAt(root: Json, at: string[], replacement: Json | undefined): Json {
  if (at.length === 0) return replacement ?? null;
  const copy = structuredClone(root) as Record<string, Json>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, Json>;
  const last = at[at.length - 1]!;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** The configuration's one rule: valid → exactly what the schema makes of it; invalid → the example office and problems naming the file. */
function expectConfigOutcome(text: string, file: string, loaded: ReturnType<typeof parseConfigText>): void {
  let schema: ReturnType<typeof configSchema.safeParse> | null = null;
  try {
    schema = configSchema.safeParse(JSON.parse(text));
  } catch {
    schema = null;
  }
  if (schema?.success) {
    expect(loaded.problems).toEqual([]);
    expect(loaded.config).toEqual(schema.data);
  } else {
    expect(loaded.config).toBe(EXAMPLE_CONFIG);
    expect(loaded.problems.length).toBeGreaterThan(0);
    for (const problem of loaded.problems) expect(problem.startsWith(`${file}: `)).toBe(true);
  }
}

describe('fast-check: configuration files', () => {
  it('any text is either a valid configuration or the example office with problems, never a throw', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json({ maxDepth: 4 }), fc.jsonValue().map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(text, (candidate) => expectConfigOutcome(candidate, 'kokuchi.config.json', parseConfigText(candidate, 'kokuchi.config.json'))),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("an office's file with one field changed, dropped or added is judged by the schema alone", async () => {
    const office = OFFICE as unknown as Json;
    const places = paths(office).filter((at) => at.length > 0);
    const file = path.join(work, 'kokuchi.config.json');
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...places),
        fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e9, '', 'x'.repeat(500), '\u0000', [], {})), { nil: undefined }),
        fc.boolean(),
        async (at, replacement, addUnknown) => {
          const changed = withValueAt(office, at, replacement as Json | undefined) as Record<string, Json>;
          const text = JSON.stringify(addUnknown ? { ...changed, unknownField: true } : changed);
          await writeFile(file, text);
          const loaded = await loadConfig(file);
          expectConfigOutcome(text, file, loaded);
          if (loaded.problems.length > 0) invalid += 1;
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    // The runs did reach the refusing side, not only harmless changes.
    expect(invalid).toBeGreaterThan(20);
  });
});

type Mutation = 'truncate' | 'bytes' | 'drop' | 'empty' | 'not-a-string' | 'placeholder';

function mutate(original: string, kind: Mutation, pick: number, bytes: Uint8Array): string | Buffer | null {
  if (kind === 'truncate') return original.slice(0, pick % original.length);
  if (kind === 'bytes') return Buffer.from(bytes);
  const tree = JSON.parse(original) as Json;
  const leaves = paths(tree).filter((at) => at[0] !== 'meta' && typeof at.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, tree) === 'string');
  const valueAt = (at: string[]) => at.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, tree) as string;
  if (kind === 'placeholder') {
    const holders = leaves.filter((at) => /{{\s*\w+\s*}}/.test(valueAt(at)));
    if (holders.length === 0) return null;
    const at = holders[pick % holders.length]!;
    return JSON.stringify(withValueAt(tree, at, valueAt(at).replace(/{{\s*(\w+)\s*}}/, '{{$1Renamed}}')));
  }
  const at = leaves[pick % leaves.length]!;
  const replacement = kind === 'drop' ? undefined : kind === 'empty' ? '' : ([7, null, ['x'], {}, true] as Json[])[pick % 5]!;
  return JSON.stringify(withValueAt(tree, at, replacement));
}

describe('fast-check: locale files', () => {
  it('a broken ui.json or notice.json leaves out or flags that locale only, with a problem naming the file', async () => {
    const localesDir = path.join(work, 'locales');
    const baseline = await loadLocales(localesDir);
    const reference = baseline.locales.get('ja')!;
    const problemsOf = (loaded: typeof baseline) => [
      ...loaded.problems,
      ...[...loaded.locales.values()].flatMap((locale) => checkLocale(locale, loaded.locales.get('ja') ?? reference, localesDir)),
    ];
    const before = problemsOf(baseline);
    const codes = LANGUAGE_CODES.filter((code) => code !== 'ja');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...codes),
        fc.constantFrom('ui.json', 'notice.json'),
        fc.constantFrom<Mutation>('truncate', 'bytes', 'drop', 'empty', 'not-a-string', 'placeholder'),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
        async (code, name, kind, pick, bytes) => {
          const file = path.join(localesDir, code, name);
          const original = await readFile(file, 'utf8');
          const broken = mutate(original, kind, pick, bytes);
          fc.pre(broken !== null);
          await writeFile(file, broken!);
          try {
            const loaded = await loadLocales(localesDir);
            const problems = problemsOf(loaded);
            const own = problems.filter((problem) => problem.startsWith(file));
            expect(own.length, `${kind} in ${code}/${name}`).toBeGreaterThan(0);
            // Every other locale loads exactly as before.
            expect(problems.filter((problem) => !problem.startsWith(path.join(localesDir, code)))).toEqual(before);
            for (const other of codes.filter((c) => c !== code)) expect(loaded.locales.get(other)).toEqual(baseline.locales.get(other));
          } finally {
            await writeFile(file, original);
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });
});
