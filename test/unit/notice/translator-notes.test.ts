// Translators get context for every key, SKELETON.md is generated from the sources (so
// it cannot drift), and a locale marked reviewed cannot change without a new review.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../../electron/shared/languages.js';
import { renderSkeleton } from '../../../electron/core/notice/locale-skeleton.js';
import {
  lengthProblems,
  loadReviewRecord,
  loadTranslatorNotes,
  localeTextHash,
  notesProblems,
  reviewProblems,
} from '../../../electron/core/notice/translator-notes.js';
import { ROOT } from '../../support/kiosk-process.js';

const LOCALES = join(ROOT, 'locales');

describe('the shipped locales', () => {
  it('describe every key of the English and Japanese sources, and nothing else', async () => {
    expect(await notesProblems(LOCALES, await loadTranslatorNotes(LOCALES))).toEqual([]);
  });

  it('keep the English source within the length each note gives translators', async () => {
    expect(await lengthProblems(LOCALES, await loadTranslatorNotes(LOCALES))).toEqual([]);
  });

  it('ship a SKELETON.md that is exactly what `npm run locales` generates', async () => {
    const committed = await readFile(join(LOCALES, 'SKELETON.md'), 'utf8');
    expect(committed, 'locales/SKELETON.md is stale: run `npm run locales`').toBe(await renderSkeleton(LOCALES, await loadTranslatorNotes(LOCALES)));
  });

  it('have a recorded review for exactly the text of every locale marked reviewed', async () => {
    expect(await reviewProblems(LOCALES, LANGUAGE_CODES, await loadReviewRecord(LOCALES))).toEqual([]);
  });
});

describe('a translator working on a copy of the locales', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kokuchi-notes-'));
    await cp(LOCALES, dir, { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function edit(path: string, change: (json: Record<string, Record<string, unknown>>) => void): Promise<void> {
    const json = JSON.parse(await readFile(join(dir, path), 'utf8')) as Record<string, Record<string, unknown>>;
    change(json);
    await writeFile(join(dir, path), JSON.stringify(json));
  }

  it('is told which new key has no description, in which file', async () => {
    await edit('ja/ui.json', (ui) => ((ui.thanks as Record<string, string>).receipt = '控え'));
    expect(await notesProblems(dir, await loadTranslatorNotes(dir))).toEqual([
      'locales/ja/ui.json: thanks.receipt: no description in locales/descriptions.json (add "thanks.receipt" under "ui")',
    ]);
  });

  it('is told when a note names a key that no longer exists', async () => {
    await edit('descriptions.json', (notes) => ((notes.notice as Record<string, unknown>)['rights.consent'] = { description: 'old key', shows: 'notice', legal: true, maxLength: 10 }));
    expect(await notesProblems(dir, await loadTranslatorNotes(dir))).toEqual([
      'locales/descriptions.json: notice.rights.consent: describes a key no source has (remove it or fix the name)',
    ]);
  });

  it('sees SKELETON.md follow a changed English source', async () => {
    await edit('en/notice.json', (notice) => ((notice.answer as Record<string, string>).acknowledge = 'I have read this'));
    expect(await renderSkeleton(dir, await loadTranslatorNotes(dir))).toContain('| `answer.acknowledge` | I have read this |');
  });

  it('cannot change a reviewed locale without the test noticing, and a new review clears it', async () => {
    await edit('vi/ui.json', (ui) => (ui.meta = { ...ui.meta, reviewed: true }));
    expect(await reviewProblems(dir, ['vi'], {})).toEqual([expect.stringMatching(/^locales\/vi\/ui.json: meta.reviewed is true but locales\/reviewed.json has no review/)]);

    const record = { vi: { sha256: await localeTextHash(dir, 'vi'), reviewedBy: 'Nguyen (translator)', date: '2026-12-01' } };
    expect(await reviewProblems(dir, ['vi'], record)).toEqual([]);

    await edit('vi/notice.json', (notice) => ((notice.rights as Record<string, string>).service = 'Đã sửa mà không duyệt lại.'));
    expect(await reviewProblems(dir, ['vi'], record)).toEqual([
      'locales/vi: text changed since the review by Nguyen (translator) on 2026-12-01 (set meta.reviewed to false until a translator checks it, then record the review again)',
    ]);
  });

  it('is told which English text is longer than its limit', async () => {
    await edit('en/ui.json', (ui) => ((ui.thanks as Record<string, string>).title = 'Thank you very much indeed for reading all of this'));
    expect(await lengthProblems(dir, await loadTranslatorNotes(dir))).toEqual([
      'locales/en/ui.json: thanks.title: 50 characters, over the limit of 24 in locales/descriptions.json',
    ]);
  });
});
