// `kokuchi token [--rotate]`: shows or replaces the staff link's pairing token. A running
// kiosk on the same data folder follows a rotation (its settings file is watched) and closes
// the staff connections made with the old token; a token fixed by the environment or the
// configuration cannot be rotated here, so the command refuses rather than pretend.
import { parseArgs } from 'node:util';
import { loadConfig, TOKEN_SETTING, newPairingToken, STAFF_TOKEN_ENV, envStaffToken } from '../core/index.js';
import { defaultDataDir, findConfig } from './app-paths.js';
import type { CliContext } from './cli-context.js';
import { openSettings } from './settings-file.js';

export const TOKEN_USAGE = `usage: kokuchi token [--data DIR] [--config FILE]            print the staff link token in force
       kokuchi token --rotate [--data DIR] [--config FILE]   replace the generated token; a running kiosk
                                                             on DIR takes it within a few seconds and closes
                                                             staff connections made with the old one
`;

export async function tokenCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { rotate: { type: 'boolean' }, data: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    context.stdout(TOKEN_USAGE);
    return 0;
  }
  const dataDir = values.data ?? defaultDataDir();
  const fixed = await fixedToken(values.config, dataDir, context.appRoot);
  if (fixed) {
    if (values.rotate) {
      context.stderr(
        `kokuchi token --rotate: the kiosk's token comes from ${fixed.source}, which wins over the generated one; ` +
          `rotating it here would not take effect. Change ${fixed.source} and restart the kiosk instead.\n`,
      );
      return 1;
    }
    context.stderr(`(from ${fixed.source})\n`);
    context.stdout(`${fixed.token}\n`);
    return 0;
  }
  const settings = openSettings(dataDir);
  let token = settings.get(TOKEN_SETTING);
  if (values.rotate || typeof token !== 'string' || token === '') {
    token = newPairingToken();
    settings.set(TOKEN_SETTING, token);
    if (values.rotate) {
      context.stderr(
        'token replaced; a kiosk running on this data folder takes it within a few seconds and closes staff connections made with the old one\n',
      );
    }
  }
  context.stdout(`${String(token)}\n`);
  return 0;
}

/** The token start-kiosk would take before the settings: the environment, then the configuration. */
async function fixedToken(
  configFlag: string | undefined,
  dataDir: string,
  appRoot: string,
): Promise<{ token: string; source: string } | null> {
  const fromEnv = envStaffToken();
  if (fromEnv !== undefined) return { token: fromEnv, source: `the environment variable ${STAFF_TOKEN_ENV}` };
  const configPath = findConfig(configFlag, dataDir, appRoot);
  const { config } = await loadConfig(configPath);
  const fromConfig = config.staffLink.token;
  return fromConfig === undefined ? null : { token: fromConfig, source: `staffLink.token in ${configPath ?? 'the configuration'}` };
}
