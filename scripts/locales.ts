// `npm run locales`: regenerates locales/SKELETON.md from the sources and the translators'
// notes. `npm run locales -- --reviewed <code> --by NAME` records that a translator checked
// that locale's exact text (after setting its meta.reviewed to true).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderSkeleton } from '../electron/core/notice/locale-skeleton.js';
import { loadReviewRecord, loadTranslatorNotes, localeTextHash, notesProblems } from '../electron/core/notice/translator-notes.js';
import { LANGUAGE_CODES } from '../electron/shared/languages.js';

const LOCALES = fileURLToPath(new URL('../locales', import.meta.url));
const { values } = parseArgs({ options: { reviewed: { type: 'string' }, by: { type: 'string' } } });

const notes = await loadTranslatorNotes(LOCALES);
const problems = await notesProblems(LOCALES, notes);
for (const problem of problems) console.error(problem);
await writeFile(join(LOCALES, 'SKELETON.md'), await renderSkeleton(LOCALES, notes));
console.log('wrote locales/SKELETON.md');

if (values.reviewed !== undefined) {
  const code = values.reviewed;
  if (!(LANGUAGE_CODES as readonly string[]).includes(code) || !values.by) {
    console.error('usage: npm run locales -- --reviewed <language code> --by <reviewer name>');
    process.exit(2);
  }
  const ui = JSON.parse(await readFile(join(LOCALES, code, 'ui.json'), 'utf8')) as { meta?: { reviewed?: boolean } };
  if (ui.meta?.reviewed !== true) {
    console.error(`locales/${code}/ui.json: set meta.reviewed to true first`);
    process.exit(1);
  }
  const record = await loadReviewRecord(LOCALES);
  record[code] = { sha256: await localeTextHash(LOCALES, code), reviewedBy: values.by, date: new Date().toISOString().slice(0, 10) };
  await writeFile(join(LOCALES, 'reviewed.json'), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`recorded the review of ${code} by ${values.by}`);
}
process.exit(problems.length > 0 ? 1 : 0);
