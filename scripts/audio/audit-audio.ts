// Whether the shipped read-aloud audio still matches the locale files: every unit of the
// example office's notice has a playable file, and no file speaks a text no longer shown.
// Reads files only, so CI needs no speech tools.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXAMPLE_CONFIG } from '../../electron/core/config/load-config.js';
import type { Locale } from '../../electron/core/notice/locale-files.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../electron/shared/languages.js';
import { AUDIO_MANIFEST_NAME, audioManifestSchema, type AudioManifest } from '../../renderer/kiosk/audio-manifest.js';
import { noticeUnits } from './notice-units.js';

const REGENERATE = 'run `npm run audio`';

export async function readAudioManifest(audioDir: string): Promise<{ manifest: AudioManifest | null; problem: string | null }> {
  const path = join(audioDir, AUDIO_MANIFEST_NAME);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return { manifest: null, problem: `${path}: cannot be read (${(error as Error).message}); ${REGENERATE}` };
  }
  const parsed = audioManifestSchema.safeParse(raw);
  if (parsed.success) return { manifest: parsed.data, problem: null };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return { manifest: null, problem: `${path}: ${issues.join('; ')}` };
}

/** Seconds of an Ogg Opus file, or null if it is not one. */
export function oggOpusSeconds(file: Buffer): number | null {
  // First page: 27-byte header, one lacing byte, then the OpusHead packet.
  if (file.length < 47 || file.toString('ascii', 0, 4) !== 'OggS' || file.toString('ascii', 28, 36) !== 'OpusHead') return null;
  const preSkip = file.readUInt16LE(38);
  const lastPage = file.lastIndexOf('OggS');
  if (lastPage + 14 > file.length) return null;
  const granule = Number(file.readBigInt64LE(lastPage + 6));
  return Math.max(0, granule - preSkip) / 48_000;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Problems, one line each naming the language and the text or file; empty when all is well. */
export async function auditAudio(audioDir: string, locales: Map<LanguageCode, Locale>): Promise<string[]> {
  const { manifest, problem } = await readAudioManifest(audioDir);
  if (!manifest) return [problem ?? 'no manifest'];
  const problems: string[] = [];
  for (const code of LANGUAGE_CODES) {
    const has = code in manifest.languages;
    if (has === code in manifest.unavailable) {
      problems.push(`${code}: must be listed either under "languages" or under "unavailable" in the manifest; ${REGENERATE}`);
    }
  }
  const referenced = new Set<string>();
  for (const [code, audio] of Object.entries(manifest.languages)) {
    const locale = locales.get(code as LanguageCode);
    if (!locale) {
      problems.push(`${code}: audio for a language without locale files; ${REGENERATE}`);
      continue;
    }
    const expected = await noticeUnits(locale, EXAMPLE_CONFIG);
    for (const [hash, text] of expected) {
      if (!(hash in audio.units)) problems.push(`${code}: no audio for "${short(text)}"; ${REGENERATE}`);
    }
    for (const [hash, file] of Object.entries(audio.units)) {
      if (!expected.has(hash)) problems.push(`${code}: ${file} speaks a text the notice no longer has (stale); ${REGENERATE}`);
    }
    for (const file of [...Object.values(audio.units), ...Object.values(audio.officeUnits)]) {
      referenced.add(file);
      if (!file.startsWith(`${code}/`)) problems.push(`${code}: ${file} is outside the language's folder`);
      const bytes = await readFile(join(audioDir, file)).catch(() => null);
      const seconds = bytes && oggOpusSeconds(bytes);
      if (!bytes) problems.push(`${code}: ${file} is missing; ${REGENERATE}`);
      else if (seconds === null) problems.push(`${code}: ${file} is not Ogg Opus; ${REGENERATE}`);
      else if (seconds < 0.3) problems.push(`${code}: ${file} lasts ${seconds.toFixed(2)} s, too short to speak anything; ${REGENERATE}`);
    }
  }
  for (const file of await filesUnder(audioDir)) {
    if (file !== AUDIO_MANIFEST_NAME && !file.endsWith('.md') && !referenced.has(file)) {
      problems.push(`${file}: not in the manifest (stray file); ${REGENERATE}`);
    }
  }
  return problems;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}
