// `kokuchi doctor --lang ja|en`: the same problems, the place kept as written, the words
// in the facilities team's language.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../electron/cli/doctor-command.js';
import { doctorLine } from '../../../electron/cli/doctor-text.js';
import { configSchema } from '../../../electron/core/config/schema.js';

const ROOT = join(import.meta.dirname, '../../..');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-doctor-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function doctor(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await doctorCommand(args, {
    appRoot: ROOT,
    version: '0.0.0-test',
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
  });
  return { code, out, err };
}

describe('doctor --lang', () => {
  it('names a configuration problem in Japanese with --lang ja and in English by default', async () => {
    const config = join(dir, 'kokuchi.config.json');
    await writeFile(config, JSON.stringify({ retentionDays: 0 }));
    const ja = await doctor('--config', config, '--data', dir, '--lang', 'ja');
    expect(ja.code).toBe(1);
    const jaLine = ja.out.split('\n').find((line) => line.includes('retentionDays'));
    expect(jaLine).toMatch(new RegExp(`^${config.replaceAll('/', '\\/')}: retentionDays: .*[\\u3040-\\u30ff\\u4e00-\\u9fff]`));
    const en = await doctor('--config', config, '--data', dir);
    expect(en.out.split('\n').find((line) => line.includes('retentionDays'))).toMatch(/retentionDays: Too small/);
    // The Japanese messages were for that run only.
    expect(configSchema.safeParse({ retentionDays: 0 }).error?.issues[0]?.message).toMatch(/Too small/);
  });

  it("warns, in both languages, for every enabled language that would show another language's office text", async () => {
    const config = join(dir, 'kokuchi.config.json');
    await writeFile(
      config,
      JSON.stringify({
        office: { contact: { ja: '区民課（03-0000-0000）', en: 'Residents Division (03-0000-0000)', 'ja-x-easy': '区民課（03-0000-0000）' } },
        languages: { enabled: ['ja', 'ja-x-easy', 'en', 'ne', 'th'] },
      }),
    );
    const en = await doctor('--config', config, '--data', dir);
    // Warnings do not fail the run: the kiosk works, but it must not be silent.
    expect(en.code).toBe(0);
    expect(en.out.split('\n').filter(Boolean)).toEqual([
      `warning: ${config}: office.contact: a resident reading ne is shown the en text: add a "ne" entry`,
      `warning: ${config}: office.contact: a resident reading th is shown the en text: add a "th" entry`,
      `warning: ${config}: office.contact.ja-x-easy: kanji without furigana: 区民課 (write {区民課|よみ})`,
      expect.stringMatching(/^OK .*; 3 warnings above$/),
    ]);
    const ja = await doctor('--config', config, '--data', dir, '--lang', 'ja');
    expect(ja.code).toBe(0);
    expect(ja.out.split('\n').filter(Boolean)).toEqual([
      `警告: ${config}: office.contact: ne を読む住民には en の文が表示されます。"ne" の項目を追加してください`,
      `警告: ${config}: office.contact: th を読む住民には en の文が表示されます。"th" の項目を追加してください`,
      `警告: ${config}: office.contact.ja-x-easy: ふりがなのない漢字: 区民課（{区民課|よみ} と書いてください）`,
      expect.stringMatching(/^OK .*警告が 3 件あります（上記）$/),
    ]);
  });

  it('says how to write easy Japanese when ja-x-easy has no office text of its own', async () => {
    const config = join(dir, 'kokuchi.config.json');
    await writeFile(config, JSON.stringify({ office: { name: { ja: '港区役所' } }, languages: { enabled: ['ja', 'ja-x-easy'] } }));
    const en = await doctor('--config', config, '--data', dir);
    expect(en.out).toContain(`warning: ${config}: office.name: a resident reading ja-x-easy is shown the ja text: add a "ja-x-easy" entry (easy Japanese, with ruby: {窓口|まどぐち})`);
    const ja = await doctor('--config', config, '--data', dir, '--lang', 'ja');
    expect(ja.out).toContain('"ja-x-easy" の項目を追加してください（やさしい日本語で、ルビは {窓口|まどぐち} と書きます）');
  });

  it('refuses a language it does not speak', async () => {
    expect(await doctor('--lang', 'fr')).toMatchObject({ code: 2, err: expect.stringContaining('expected en or ja') });
  });

  it('translates the locale checks and keeps the file and key as written', () => {
    const where = 'locales/vi/notice.json: purpose.heading';
    expect(doctorLine(`${where}: missing (add it, translated from locales/ja/notice.json)`, 'ja')).toBe(
      `${where}: ありません（locales/ja/notice.json から翻訳して追加してください）`,
    );
    expect(doctorLine(`${where}: placeholders {{count}} differ from {{days}} in locales/ja/notice.json (keep them exactly)`, 'ja')).toBe(
      `${where}: 差し込み {{count}} が locales/ja/notice.json の {{days}} と違います（そのまま残してください）`,
    );
    expect(doctorLine('locales/ja-x-easy/ui.json: idle.title: kanji without furigana: 録音 (write {録音|よみ})', 'ja')).toBe(
      'locales/ja-x-easy/ui.json: idle.title: ふりがなのない漢字: 録音（{録音|よみ} と書いてください）',
    );
    expect(doctorLine(`${where}: missing (add it, translated from x)`, 'en')).toBe(`${where}: missing (add it, translated from x)`);
    // A phrase the table does not know stays in English rather than being lost.
    expect(doctorLine(`${where}: something new`, 'ja')).toBe(`${where}: something new`);
  });
});
