// The doctor's lines in the facilities team's language (`doctor --lang ja|en`). The checks
// write English; the place (file: field) stays as written and the phrase after it is
// translated. A phrase without a translation is shown in English rather than dropped.
export const DOCTOR_LANGUAGES = ['en', 'ja'] as const;
export type DoctorLanguage = (typeof DOCTOR_LANGUAGES)[number];

type Phrase = [RegExp, (...parts: string[]) => string];

const JA_PHRASES: Phrase[] = [
  [/^missing \(add it, translated from (.+)\)$/, (file) => `ありません（${file} から翻訳して追加してください）`],
  [/^not a known key \(a typo\? (.+) has no such key\)$/, (file) => `不明なキーです（入力の誤り？ ${file} にこのキーはありません）`],
  [/^missing: (\S+) needs the "(\w+)" plural form$/, (code, form) => `ありません: ${code} には複数形「${form}」が必要です`],
  [/^is empty \(write the text\)$/, () => '空です（文を書いてください）'],
  [
    /^placeholders (.+) differ from (.+) in (.+) \(keep them exactly\)$/,
    (mine, theirs, file) => `差し込み ${mine} が ${file} の ${theirs} と違います（そのまま残してください）`,
  ],
  [/^empty ruby part in "(.+)" \(write \{漢字\|かんじ\}\)$/, (ruby) => `ルビの片方が空です: "${ruby}"（{漢字|かんじ} と書いてください）`],
  [/^unbalanced ruby markup/, () => 'ルビの括弧が閉じていません（{漢字|かんじ} と書き、{ を } で閉じてください）'],
  [/^kanji without furigana: (.+) \(write \{(.+)\|よみ\}\)$/, (kanji, first) => `ふりがなのない漢字: ${kanji}（{${first}|よみ} と書いてください）`],
  [/^furigana "(.+)" of (.+) is not kana$/, (reading, base) => `${base} のふりがな「${reading}」がかなではありません`],
  [
    /^no font the kiosk ships can draw (.+) \(they would show as empty boxes\): write it without them$/,
    (chars) => `同梱のフォントで表示できない文字があります: ${chars}（空の四角で表示されます）。使わずに書いてください`,
  ],
  [
    /^a resident reading (\S+) is shown the (\S+) text: add a "(\S+)" entry( \(easy Japanese, with ruby: .+\))?$/,
    (language, shownIn, entry, easy) =>
      `${language} を読む住民には ${shownIn} の文が表示されます。"${entry}" の項目を追加してください${easy ? '（やさしい日本語で、ルビは {窓口|まどぐち} と書きます）' : ''}`,
  ],
  [/^cannot be read \((.+)\)$/, (reason) => `読み込めません（${reason}）`],
  [/^not valid JSON \((.+)\); fix the syntax$/, (place) => `JSON として正しくありません（${place}）。書式を直してください`],
  [
    /^the reference locale cannot be read, so no other locale was compared with it$/,
    () => '基準のロケール（ja）を読み込めないため、ほかのロケールと比べられませんでした',
  ],
  [/^(\S+) has no locale files in (.+)$/, (code, dir) => `${code} のロケールファイルが ${dir} にありません`],
  [
    /^no language can be offered \(every enabled language is unreviewed and languages\.showUnreviewed is false\)/,
    () =>
      '表示できる言語がありません（有効な言語がすべて未確認で、languages.showUnreviewed が false です）。true にするか、確認済みのロケールの ui.json の meta に "reviewed": true を書いてください',
  ],
];

/** One problem line in `language`: the leading `place: field:` parts kept, the phrase translated. */
export function doctorLine(problem: string, language: DoctorLanguage): string {
  if (language === 'en') return problem;
  const parts = problem.split(': ');
  // Try the longest phrase first: a phrase may itself hold ": ".
  for (let start = 0; start < parts.length; start += 1) {
    const phrase = parts.slice(start).join(': ');
    for (const [pattern, translate] of JA_PHRASES) {
      const match = pattern.exec(phrase);
      if (match) return [...parts.slice(0, start), translate(...match.slice(1).map((part) => part ?? ''))].join(': ');
    }
  }
  return problem;
}

/** A warning line: marked as such, then translated like a problem. */
export function doctorWarningLine(warning: string, language: DoctorLanguage): string {
  return `${language === 'ja' ? '警告' : 'warning'}: ${doctorLine(warning, language)}`;
}

export function doctorOkLine(language: DoctorLanguage, configPath: string | undefined, locales: number, warnings = 0): string {
  if (language === 'ja') {
    const source = configPath ?? '設定ファイルがありません: 組み込みの例示用（EXAMPLE）の窓口です（kokuchi.config.json を作成してください）';
    const warned = warnings > 0 ? `。警告が ${warnings} 件あります（上記）` : '';
    return `OK ${source}。ロケール ${locales} 件はすべてそろっており、すべての文字を同梱のフォントで表示できます${warned}`;
  }
  const source = configPath ?? 'no configuration file: the built-in EXAMPLE office (create kokuchi.config.json)';
  const warned = warnings > 0 ? `; ${warnings} warning${warnings === 1 ? '' : 's'} above` : '';
  return `OK ${source}; ${locales} locales complete; every character has a shipped font${warned}`;
}
