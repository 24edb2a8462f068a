// Context for translators, kept in one file beside the locales (locales/descriptions.json,
// as Signal-Desktop keeps a description with every message): what each key is, where it
// shows, whether it carries legal weight, and its length limit. The same notes generate
// locales/SKELETON.md, and a review record (locales/reviewed.json) pins the exact text a
// translator signed off, so a "reviewed" locale cannot change unnoticed.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { flatten } from './locale-check.js';

type Tree = { [key: string]: string | Tree };

/** The source files translators work from, and the source locales that must be described. */
export const SOURCE_FILES = ['ui', 'notice', 'staff'] as const;
export const SOURCE_LOCALES = ['en', 'ja'] as const;
type SourceFile = (typeof SOURCE_FILES)[number];

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const note = z
  .object({
    description: z.string().min(3),
    shows: z.string().min(3),
    legal: z.boolean(),
    maxLength: z.number().int().positive(),
  })
  .strict();
export type TranslatorNote = z.infer<typeof note>;

const notesSchema = z.object({ ui: z.record(z.string(), note), notice: z.record(z.string(), note), staff: z.record(z.string(), note) }).strict();
export type TranslatorNotes = z.infer<typeof notesSchema>;

const reviewSchema = z.record(
  z.string(),
  z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), reviewedBy: z.string().min(1), date: z.iso.date() }).strict(),
);
export type ReviewRecord = z.infer<typeof reviewSchema>;

export async function readJsonFile(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

export async function loadTranslatorNotes(localesDir: string): Promise<TranslatorNotes> {
  const parsed = notesSchema.safeParse(await readJsonFile(join(localesDir, 'descriptions.json')));
  if (!parsed.success) throw new Error(`locales/descriptions.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export async function loadReviewRecord(localesDir: string): Promise<ReviewRecord> {
  const parsed = reviewSchema.safeParse(await readJsonFile(join(localesDir, 'reviewed.json')));
  if (!parsed.success) throw new Error(`locales/reviewed.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A key as translators see it: plural forms (`_one`, `_other`, …) share one note. */
export const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

async function sourceTree(localesDir: string, code: string, file: SourceFile): Promise<Tree> {
  const tree = (await readJsonFile(join(localesDir, code, `${file}.json`))) as Tree;
  if (file === 'ui') delete tree.meta;
  return tree;
}

/** One line per key of the en/ja sources without a note, and per note for a key no source has. */
export async function notesProblems(localesDir: string, notes: TranslatorNotes): Promise<string[]> {
  const problems: string[] = [];
  for (const file of SOURCE_FILES) {
    const described = notes[file];
    const seen = new Set<string>();
    for (const code of SOURCE_LOCALES) {
      for (const key of flatten(await sourceTree(localesDir, code, file)).keys()) {
        const base = baseKey(key);
        seen.add(base);
        if (!described[base]) problems.push(`locales/${code}/${file}.json: ${key}: no description in locales/descriptions.json (add "${base}" under "${file}")`);
      }
    }
    for (const key of Object.keys(described)) {
      if (!seen.has(key)) problems.push(`locales/descriptions.json: ${file}.${key}: describes a key no source has (remove it or fix the name)`);
    }
  }
  return [...new Set(problems)];
}

/** English source strings longer than the note's limit (the limit is the translators' guide). */
export async function lengthProblems(localesDir: string, notes: TranslatorNotes): Promise<string[]> {
  const problems: string[] = [];
  for (const file of SOURCE_FILES) {
    for (const [key, text] of flatten(await sourceTree(localesDir, 'en', file))) {
      const limit = notes[file][baseKey(key)]?.maxLength;
      if (limit !== undefined && [...text].length > limit) {
        problems.push(`locales/en/${file}.json: ${key}: ${[...text].length} characters, over the limit of ${limit} in locales/descriptions.json`);
      }
    }
  }
  return problems;
}

/** SHA-256 of everything a resident can read in one locale (ui.json without meta, notice.json), keys sorted. */
export async function localeTextHash(localesDir: string, code: string): Promise<string> {
  const text = [...flatten(await sourceTree(localesDir, code, 'ui')), ...flatten(await sourceTree(localesDir, code, 'notice'))]
    .map(([key, value]) => `${key}\t${value}`)
    .sort()
    .join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** Locales marked `reviewed: true` whose text is not exactly what the review record pins. */
export async function reviewProblems(localesDir: string, codes: readonly string[], record: ReviewRecord): Promise<string[]> {
  const problems: string[] = [];
  for (const code of codes) {
    const ui = (await readJsonFile(join(localesDir, code, 'ui.json'))) as { meta?: { reviewed?: boolean } };
    if (ui.meta?.reviewed !== true) continue;
    const pinned = record[code];
    if (!pinned) {
      problems.push(`locales/${code}/ui.json: meta.reviewed is true but locales/reviewed.json has no review of it (record the review: npm run locales -- --reviewed ${code} --by NAME)`);
    } else if (pinned.sha256 !== (await localeTextHash(localesDir, code))) {
      problems.push(
        `locales/${code}: text changed since the review by ${pinned.reviewedBy} on ${pinned.date} (set meta.reviewed to false until a translator checks it, then record the review again)`,
      );
    }
  }
  return problems;
}
