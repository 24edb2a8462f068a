// Loads locales/<code>/{ui,notice}.json. These files are edited by facilities teams,
// so each is schema-checked and a broken one is reported, never trusted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from '../../shared/languages.js';
import type { UiStrings } from '../../shared/kiosk-api.js';

type StringTree = { [key: string]: string | StringTree };
const stringTree: z.ZodType<StringTree> = z.lazy(() =>
  z.record(z.string(), z.union([z.string().min(1, 'is empty'), stringTree])),
);

const uiSchema = z
  .object({ meta: z.object({ name: z.string().min(1), reviewed: z.boolean() }).strict() })
  .catchall(stringTree);

export interface Locale {
  code: LanguageCode;
  name: string;
  reviewed: boolean;
  ui: UiStrings;
  notice: StringTree;
}

export interface LoadedLocales {
  locales: Map<LanguageCode, Locale>;
  problems: string[];
}

export async function loadLocales(localesDir: string): Promise<LoadedLocales> {
  const locales = new Map<LanguageCode, Locale>();
  const problems: string[] = [];
  for (const code of LANGUAGE_CODES) {
    const ui = await readJson(join(localesDir, code, 'ui.json'), uiSchema, problems);
    const notice = await readJson(join(localesDir, code, 'notice.json'), stringTree, problems);
    if (!ui || !notice) continue;
    const { meta, ...strings } = ui;
    locales.set(code, { code, name: meta.name, reviewed: meta.reviewed, ui: strings as UiStrings, notice });
  }
  return { locales, problems };
}

async function readJson<T>(path: string, schema: z.ZodType<T>, problems: string[]): Promise<T | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${path}: ${code === 'ENOENT' ? 'missing' : `not valid JSON (${(error as Error).message})`}`);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return null;
}
