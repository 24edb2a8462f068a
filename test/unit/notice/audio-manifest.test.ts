// The read-aloud audio shipped in assets/audio/ against the locale files, through the real
// renderer: every unit the page will look up has a playable file, and a changed locale
// string fails here until `npm run audio` is run again. Reads files only: no speech tools.
import { cp, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../../electron/core/config/load-config.js';
import { loadLocales, type Locale } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../../electron/shared/languages.js';
import { audioFileFor, type AudioManifest } from '../../../renderer/kiosk/audio-manifest.js';
import { spokenUnits, unitHash } from '../../../renderer/kiosk/spoken-units.js';
import { auditAudio, oggOpusSeconds, readAudioManifest } from '../../../scripts/audio/audit-audio.js';
import { VOICES } from '../../../scripts/audio/voices.js';
import { ROOT } from '../../support/kiosk-process.js';

const AUDIO_DIR = join(ROOT, 'assets', 'audio');
let locales: Map<LanguageCode, Locale>;
let manifest: AudioManifest;

beforeAll(async () => {
  ({ locales } = await loadLocales(join(ROOT, 'locales')));
  const read = await readAudioManifest(AUDIO_DIR);
  if (!read.manifest) throw new Error(read.problem ?? 'no manifest');
  manifest = read.manifest;
});

describe('read-aloud audio in assets/audio', () => {
  it('matches the locale files: nothing missing, stale, broken or stray (else run `npm run audio`)', async () => {
    expect(await auditAudio(AUDIO_DIR, locales)).toEqual([]);
  });

  it('has audio for every language a voice can speak, and names the rest with the reason', () => {
    const spoken = LANGUAGE_CODES.filter((code) => VOICES[code].engine !== 'none');
    expect(Object.keys(manifest.languages).sort()).toEqual([...spoken].sort());
    expect(Object.keys(manifest.unavailable)).toEqual(['fil']);
    expect(manifest.unavailable.fil).toMatch(/Filipino/);
  });

  it('gives each unit of the example notice, as the page hashes it, a non-empty Ogg Opus file', async () => {
    for (const code of Object.keys(manifest.languages) as LanguageCode[]) {
      const notice = renderNotice(locales.get(code)!, EXAMPLE_CONFIG, { staffName: null, recording: 'audio' });
      for (const unit of spokenUnits(notice)) {
        const file = audioFileFor(manifest, code, await unitHash(unit));
        expect(file, `${code}: "${unit}"`).toBeDefined();
        const bytes = await readFile(join(AUDIO_DIR, file!));
        expect(bytes.toString('ascii', 0, 4)).toBe('OggS');
        expect(oggOpusSeconds(bytes), `${code}: ${file}`).toBeGreaterThan(0.5);
      }
    }
  });

  it('gives the staff member\'s heading audio but never their name, which is known only at the counter', async () => {
    const notice = renderNotice(locales.get('en')!, EXAMPLE_CONFIG, { staffName: 'Sato', recording: 'audio-video' });
    const staff = notice.sections.find((section) => section.key === 'staff')!;
    expect(audioFileFor(manifest, 'en', await unitHash(staff.heading))).toBeDefined();
    expect(audioFileFor(manifest, 'en', await unitHash(staff.paragraphs[0]!))).toBeUndefined();
  });
});

describe('auditAudio', () => {
  let copy: string;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'kokuchi-audio-'));
    await cp(AUDIO_DIR, copy, { recursive: true });
  });
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  it('fails when a locale string changes: the new text has no audio and the old audio is stale', async () => {
    const en = locales.get('en')!;
    const edited = new Map(locales);
    edited.set('en', { ...en, notice: { ...en.notice, title: 'Conversations at this counter are recorded for quality' } });
    const problems = await auditAudio(AUDIO_DIR, edited);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^en: no audio for "Conversations at this counter are recorded for quality"; run `npm run audio`$/);
    expect(problems[1]).toMatch(/^en: en\/[0-9a-f]{64}\.ogg speaks a text the notice no longer has \(stale\)/);
  });

  it('names a missing file, an empty file and a stray file', async () => {
    const [first, second] = Object.values(manifest.languages.ko!.units);
    await unlink(join(copy, first!));
    await truncate(join(copy, second!), 0);
    await writeFile(join(copy, 'ko', 'leftover.ogg'), 'OggS');
    const problems = await auditAudio(copy, locales);
    expect(problems).toEqual([
      `ko: ${first} is missing; run \`npm run audio\``,
      `ko: ${second} is not Ogg Opus; run \`npm run audio\``,
      'ko/leftover.ogg: not in the manifest (stray file); run `npm run audio`',
    ]);
  });

  it('refuses a manifest whose file names could leave the audio folder', async () => {
    const raw = JSON.parse(await readFile(join(AUDIO_DIR, 'manifest.json'), 'utf8')) as { languages: { en: { units: Record<string, string> } } };
    const hash = Object.keys(raw.languages.en.units)[0]!;
    raw.languages.en.units[hash] = `../../${hash}.ogg`;
    await writeFile(join(copy, 'manifest.json'), JSON.stringify(raw));
    const [problem] = await auditAudio(copy, locales);
    expect(problem).toMatch(/manifest\.json: languages\.en\.units\.[0-9a-f]{64}: must be <language>\/<sha256>\.ogg/);
  });
});
