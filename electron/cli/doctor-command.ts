// `kokuchi doctor`: everything a facilities team can get wrong in the files they edit,
// one line per problem naming the file, the field and the fix. Exit 1 if any.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { loadConfig } from '../core/config/load-config.js';
import { checkLocale } from '../core/notice/locale-check.js';
import { loadLocales } from '../core/notice/locale-files.js';
import { defaultDataDir, findConfig } from './app-paths.js';
import type { CliContext } from './cli-context.js';

export async function doctorCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { config: { type: 'string' }, data: { type: 'string' }, locales: { type: 'string' } },
    strict: true,
  });
  const configPath = findConfig(values.config, values.data ?? defaultDataDir(), context.appRoot);
  const { config, problems: configProblems } = await loadConfig(configPath);
  const localesDir = values.locales ?? join(context.appRoot, 'locales');
  const { locales, problems } = await loadLocales(localesDir);
  problems.unshift(...configProblems);
  const reference = locales.get('ja');
  if (reference) for (const locale of locales.values()) problems.push(...checkLocale(locale, reference));
  for (const code of config.languages.enabled) {
    if (!locales.has(code)) problems.push(`languages.enabled: ${code} has no usable locale files in ${localesDir}`);
  }
  for (const problem of problems) context.stdout(`${problem}\n`);
  if (problems.length > 0) return 1;
  const source = configPath ?? 'no configuration file: the built-in EXAMPLE office (create kokuchi.config.json)';
  context.stdout(`OK ${source}; ${locales.size} locales complete\n`);
  return 0;
}
