// The index of the read-aloud audio shipped in assets/audio/ (copied to the page's audio/):
// per language, each spoken unit's text hash → its Ogg Opus file. Written by
// scripts/generate-audio.ts, read by the page and the tests; the page trusts nothing unchecked.
import { z } from 'zod';

/** Where the page finds the audio, relative to itself (kokuchi://app/ or http://127.0.0.1:PORT/). */
export const AUDIO_BASE = 'audio/';
export const AUDIO_MANIFEST_NAME = 'manifest.json';

const textHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
// `<language>/<hash>.ogg`: no way out of the audio folder.
const audioFile = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\/[0-9a-f]{64}\.ogg$/, 'must be <language>/<sha256>.ogg');

const languageAudio = z
  .object({
    /** How the files were made (engine, voice, settings): files are remade when it changes. */
    voice: z.string().min(1),
    /** Units of the built-in example office's notice: checked by the tests to be complete and not stale. */
    units: z.record(textHash, audioFile),
    /** Units only an office's own configuration produces (its values filled in). */
    officeUnits: z.record(textHash, audioFile).default({}),
  })
  .strict();

export const audioManifestSchema = z
  .object({
    format: z.literal(1),
    languages: z.record(z.string(), languageAudio),
    /** Languages without audio, each with the reason (no voice for it). */
    unavailable: z.record(z.string(), z.string().min(1)),
  })
  .strict();

export type AudioManifest = z.infer<typeof audioManifestSchema>;
export type LanguageAudio = z.infer<typeof languageAudio>;

export function audioFileName(language: string, hash: string): string {
  return `${language}/${hash}.ogg`;
}

/** The file that speaks a unit with this hash in this language, if any was made. */
export function audioFileFor(manifest: AudioManifest, language: string, hash: string): string | undefined {
  const audio = manifest.languages[language];
  return audio?.units[hash] ?? audio?.officeUnits[hash];
}
