// `npm run audio [-- --config FILE] [--force] [--check] [--jtalk-voice FILE]`: speaks every
// unit of the notice, per language, into assets/audio/<language>/<sha256 of the text>.ogg
// and writes assets/audio/manifest.json. Units whose file exists (same voice) are kept;
// files no longer in any notice are deleted. Always includes the built-in example office;
// `--config` adds an office's own values. `--check` only audits and needs no speech tools.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXAMPLE_CONFIG, loadConfig } from '../electron/core/config/load-config.js';
import type { KioskConfig } from '../electron/core/config/schema.js';
import { loadLocales } from '../electron/core/notice/locale-files.js';
import { LANGUAGE_CODES } from '../electron/shared/languages.js';
import { AUDIO_MANIFEST_NAME, audioFileName, type AudioManifest } from '../renderer/kiosk/audio-manifest.js';
import { spokenText } from '../renderer/kiosk/spoken-units.js';
import { auditAudio, readAudioManifest } from './audio/audit-audio.js';
import { noticeUnits } from './audio/notice-units.js';
import { missingTools, synthesize, type SpeechTools } from './audio/synthesize.js';
import { JTALK_VOICE, VOICES, describeVoice } from './audio/voices.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AUDIO_DIR = join(ROOT, 'assets', 'audio');
const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (lines: string[]): never => {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
};

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    force: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    'jtalk-voice': { type: 'string', default: JTALK_VOICE },
  },
  strict: true,
});

const { locales, problems: localeProblems } = await loadLocales(join(ROOT, 'locales'));
if (localeProblems.length > 0) fail([...localeProblems, 'fix the locale files first (`npx kokuchi doctor`)']);

if (values.check) {
  const problems = await auditAudio(AUDIO_DIR, locales);
  for (const problem of problems) say(problem);
  if (problems.length > 0) process.exit(1);
  say('OK the read-aloud audio matches the locale files');
  process.exit(0);
}

let office: KioskConfig | null = null;
if (values.config) {
  const loaded = await loadConfig(values.config);
  if (loaded.problems.length > 0) fail(loaded.problems);
  office = loaded.config;
}

const tools: SpeechTools = { jtalkVoice: values['jtalk-voice'] };
const speaking = LANGUAGE_CODES.filter((code) => VOICES[code].engine !== 'none');
const missing = await missingTools(speaking.map((code) => VOICES[code]), tools);
if (missing.length > 0) fail(['cannot make the read-aloud audio; missing:', ...missing.map((m) => `  ${m}`)]);

const previous = (await readAudioManifest(AUDIO_DIR)).manifest;
const manifest: AudioManifest = { format: 1, languages: {}, unavailable: {} };
const workDir = await mkdtemp(join(tmpdir(), 'kokuchi-audio-'));
let totalBytes = 0;
let totalSeconds = 0;

async function fileSize(file: string): Promise<number | null> {
  return stat(file).then((s) => (s.size > 0 ? s.size : null), () => null);
}

try {
  for (const code of LANGUAGE_CODES) {
    const choice = VOICES[code];
    const locale = locales.get(code);
    if (choice.engine === 'none' || !locale) {
      const reason = choice.engine === 'none' ? choice.reason : 'no locale files';
      manifest.unavailable[code] = reason;
      say(`${code}: no audio (${reason})`);
      continue;
    }
    const voice = describeVoice(choice);
    const example = await noticeUnits(locale, EXAMPLE_CONFIG);
    const own = office?.languages.enabled.includes(code) ? await noticeUnits(locale, office) : new Map<string, string>();
    const reusable = !values.force && previous?.languages[code]?.voice === voice;
    let made = 0;
    let kept = 0;
    const spoken = [...example, ...[...own].filter(([hash]) => !example.has(hash))];
    await mkdir(join(AUDIO_DIR, code), { recursive: true });
    // Two at a time: the machine has two cores, and each voice is single-threaded.
    const queue = [...spoken];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [hash, text] = next;
        const file = audioFileName(code, hash);
        const existing = reusable ? await fileSize(join(AUDIO_DIR, file)) : null;
        if (existing !== null) {
          kept++;
          totalBytes += existing;
          continue;
        }
        const result = await synthesize(code, spokenText(text), choice, join(AUDIO_DIR, file), workDir, tools, hash);
        made++;
        totalBytes += result.bytes;
        totalSeconds += result.seconds;
      }
    };
    await Promise.all([worker(), worker()]);
    // Object key order follows the notice, whatever order the workers finished in.
    const listing = (hashes: string[]) => Object.fromEntries(hashes.map((hash) => [hash, audioFileName(code, hash)]));
    const officeOnly = [...own.keys()].filter((hash) => !example.has(hash));
    manifest.languages[code] = { voice, units: listing([...example.keys()]), officeUnits: listing(officeOnly) };
    const officeNote = own.size > 0 ? `, ${officeOnly.length} only in ${values.config}` : '';
    say(`${code}: ${spoken.length} units (${made} made, ${kept} kept${officeNote}) — ${voice}`);
  }

  const dropped = Object.entries(previous?.languages ?? {}).reduce((sum, [, audio]) => sum + Object.keys(audio.officeUnits).length, 0);
  if (!office && dropped > 0) say(`note: dropped ${dropped} units of an office's own values; pass --config FILE to keep them`);

  const removed = await removeUnlisted(manifest);
  await writeFile(join(AUDIO_DIR, AUDIO_MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  say(`wrote ${join('assets', 'audio', AUDIO_MANIFEST_NAME)}: ${Object.keys(manifest.languages).length} languages with audio, ` +
    `${(totalBytes / 1024 / 1024).toFixed(2)} MiB in all${totalSeconds > 0 ? `, ${Math.round(totalSeconds)} s newly spoken` : ''}` +
    `${removed > 0 ? `, ${removed} stale files deleted` : ''}`);
  const unavailable = Object.keys(manifest.unavailable);
  if (unavailable.length > 0) say(`without audio (the read-aloud button is disabled): ${unavailable.join(', ')}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}

/** Deletes audio files the new manifest does not list; returns how many. */
async function removeUnlisted(next: AudioManifest): Promise<number> {
  const listed = new Set(Object.values(next.languages).flatMap((audio) => [...Object.values(audio.units), ...Object.values(audio.officeUnits)]));
  let removed = 0;
  for (const entry of await readdir(AUDIO_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ogg')) continue;
    const file = join(entry.parentPath, entry.name);
    const name = `${dirname(file).slice(AUDIO_DIR.length + 1)}/${entry.name}`.split('\\').join('/');
    if (!listed.has(name)) {
      await rm(file);
      removed++;
    }
  }
  for (const entry of await readdir(AUDIO_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && (await readdir(join(AUDIO_DIR, entry.name))).length === 0) await rm(join(AUDIO_DIR, entry.name), { recursive: true });
  }
  return removed;
}
