// `kokuchi doctor`: everything a facilities team can get wrong in the files they edit —
// the configuration, the locales, characters no shipped font can draw — one line per
// problem naming the file, the field and the fix. Exit 1 if any.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { z } from 'zod';
import {
  loadConfig, checkLocale, loadLocales, offeredLanguages,
  easyJapaneseOfficeProblems, officeTextGapLine, officeTextGaps,
} from '../core/index.js';
import { defaultDataDir, findConfig } from './app-paths.js';
import { DOCTOR_LANGUAGES, doctorLine, doctorOkLine, doctorWarningLine, type DoctorLanguage } from './doctor-text.js';
import { fontProblems } from './font-check.js';
import type { CliContext } from './cli-context.js';

export async function doctorCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { config: { type: 'string' }, data: { type: 'string' }, locales: { type: 'string' }, lang: { type: 'string', default: 'en' } },
    strict: true,
  });
  const language = values.lang as DoctorLanguage;
  if (!DOCTOR_LANGUAGES.includes(language)) {
    context.stderr(`kokuchi doctor: --lang ${values.lang}: expected ${DOCTOR_LANGUAGES.join(' or ')}\n`);
    return 2;
  }
  // The configuration's own problems come from zod: in Japanese they use zod's Japanese messages.
  const configPath = findConfig(values.config, values.data ?? defaultDataDir(), context.appRoot);
  if (language === 'ja') z.config(z.locales.ja());
  const { config, problems: configProblems } = await loadConfig(configPath).finally(() => {
    if (language === 'ja') z.config(z.locales.en());
  });
  const configName = configPath ?? 'the built-in example configuration';
  const localesDir = values.locales ?? join(context.appRoot, 'locales');
  const { locales, problems } = await loadLocales(localesDir);
  problems.unshift(...configProblems);
  const reference = locales.get('ja');
  if (reference) {
    for (const locale of locales.values()) problems.push(...checkLocale(locale, reference, localesDir));
  } else {
    problems.push(`${join(localesDir, 'ja')}: the reference locale cannot be read, so no other locale was compared with it`);
  }
  // Warnings do not fail the run: the kiosk works, but a resident would read another language.
  const warnings: string[] = [];
  // A broken file already names its problem; only healthy ones are judged as settings.
  if (configProblems.length === 0) {
    warnings.push(...officeTextGaps(config).map((gap) => officeTextGapLine(configName, gap)));
    warnings.push(...easyJapaneseOfficeProblems(config, configName));
    for (const code of config.languages.enabled) {
      // A locale whose file is broken is named above, with the fix; say only when it is absent.
      const folder = join(localesDir, code, '');
      if (!locales.has(code) && !problems.some((problem) => problem.startsWith(folder))) {
        problems.push(`${configName}: languages.enabled: ${code} has no locale files in ${localesDir}`);
      }
    }
    if (locales.size > 0 && offeredLanguages(config, locales).length === 0) {
      problems.push(
        `${configName}: languages: no language can be offered (every enabled language is unreviewed and languages.showUnreviewed is false): set it to true, or mark a reviewed locale with "reviewed": true in its ui.json meta`,
      );
    }
  }
  problems.push(
    ...(await fontProblems({ rendererDir: join(context.appRoot, 'dist', 'renderer'), localesDir, locales, config, configName })),
  );
  for (const problem of problems) context.stdout(`${doctorLine(problem, language)}\n`);
  for (const warning of warnings) context.stdout(`${doctorWarningLine(warning, language)}\n`);
  if (problems.length > 0) return 1;
  context.stdout(`${doctorOkLine(language, configPath, locales.size, warnings.length)}\n`);
  return 0;
}
