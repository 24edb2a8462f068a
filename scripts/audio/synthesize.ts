// Speaks one unit into one small Ogg Opus file: the voice writes a WAV, which is checked
// for sound (a voice that fails quietly must not ship silence), then opusenc squeezes it.
import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LanguageCode } from '../../electron/shared/languages.js';
import { ESPEAK_SPEED, JTALK_DICTIONARY, espeakInput, type VoiceChoice } from './voices.js';

const run = promisify(execFile);

/** Mono speech at 24 kbit/s: clear for a voice, about 3 kB a second. */
const OPUS_BITRATE_KBPS = 24;

export interface SpeechTools {
  jtalkVoice: string;
}

/** Commands that are missing, each with the Debian package that brings it. */
export async function missingTools(choices: VoiceChoice[], tools: SpeechTools): Promise<string[]> {
  const missing: string[] = [];
  const has = async (command: string, args: string[]) =>
    run(command, args).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
    );
  if (!(await has('opusenc', ['--version']))) missing.push('opusenc (apt-get install opus-tools)');
  if (choices.some((c) => c.engine === 'espeak-ng') && !(await has('espeak-ng', ['--version']))) {
    missing.push('espeak-ng (apt-get install espeak-ng)');
  }
  if (choices.some((c) => c.engine === 'open-jtalk')) {
    // open_jtalk without arguments prints its usage and exits non-zero: only ENOENT means absent.
    if (!(await has('open_jtalk', []))) missing.push('open_jtalk (apt-get install open-jtalk open-jtalk-mecab-naist-jdic)');
    else if (!(await readFile(join(JTALK_DICTIONARY, 'sys.dic')).then(() => true, () => false))) {
      missing.push(`${JTALK_DICTIONARY} (apt-get install open-jtalk-mecab-naist-jdic)`);
    }
    if (!(await readFile(tools.jtalkVoice).then(() => true, () => false))) {
      missing.push(`${tools.jtalkVoice} (apt-get install hts-voice-nitech-jp-atr503-m001, from Debian's contrib area; or --jtalk-voice FILE)`);
    }
  }
  return missing;
}

export interface SpokenFile {
  seconds: number;
  bytes: number;
}

/** Writes `outFile` (Ogg Opus) saying `text`, the unit with this `hash`; `workDir` holds the intermediate files. */
export async function synthesize(
  language: LanguageCode,
  text: string,
  choice: VoiceChoice,
  outFile: string,
  workDir: string,
  tools: SpeechTools,
  hash: string,
): Promise<SpokenFile> {
  const textFile = join(workDir, `${language}-${hash}.txt`);
  const wavFile = join(workDir, `${language}-${hash}.wav`);
  // From the text's hash, so the same text and voice always give the same bytes.
  const serial = Number.parseInt(hash.slice(0, 7), 16);
  if (choice.engine === 'none') throw new Error(`${language}: ${choice.reason}`);
  if (choice.engine === 'open-jtalk') {
    await writeFile(textFile, text, 'utf8');
    await run('open_jtalk', ['-x', JTALK_DICTIONARY, '-m', tools.jtalkVoice, '-r', String(choice.speed), '-ow', wavFile, textFile]);
  } else {
    const input = espeakInput(language, text, choice);
    await writeFile(textFile, input.text, 'utf8');
    await run('espeak-ng', ['-v', choice.voice, '-s', String(ESPEAK_SPEED), ...(input.ssml ? ['-m'] : []), '-w', wavFile, '-f', textFile]);
  }
  const sound = measureWav(await readFile(wavFile));
  if (sound.seconds < 0.3 || sound.rms < 200) {
    throw new Error(`${language}: the voice made ${sound.seconds.toFixed(2)} s of near-silence for "${text}"`);
  }
  const partFile = `${outFile}.part`;
  // No comment padding: 512 bytes a file otherwise.
  await run('opusenc', ['--quiet', '--bitrate', String(OPUS_BITRATE_KBPS), '--comp', '10', '--padding', '0', '--serial', String(serial), wavFile, partFile]);
  await rename(partFile, outFile);
  const bytes = (await readFile(outFile)).length;
  return { seconds: sound.seconds, bytes };
}

/** Length and loudness (RMS of 16-bit samples) of a PCM WAV file. */
export function measureWav(wav: Buffer): { seconds: number; rms: number } {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let channels = 1;
  let sampleRate = 0;
  let bits = 16;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = wav.readUInt16LE(body + 2);
      sampleRate = wav.readUInt32LE(body + 4);
      bits = wav.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16 || sampleRate === 0) throw new Error(`unexpected WAV format: ${bits}-bit at ${sampleRate} Hz`);
      // Streaming writers may leave the size at its maximum: read what is there.
      const end = Math.min(wav.length, body + size);
      const samples = Math.floor((end - body) / 2);
      let sum = 0;
      for (let i = 0; i < samples; i++) sum += wav.readInt16LE(body + i * 2) ** 2;
      return { seconds: samples / channels / sampleRate, rms: samples > 0 ? Math.sqrt(sum / samples) : 0 };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file without data');
}
