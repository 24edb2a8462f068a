// `kokuchi serve`: the headless shell. Prints the kiosk page URL and the staff link
// URL, then runs until SIGINT/SIGTERM, closing open sessions in the ledger on the way out.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { startKiosk, envStaffToken } from '../core/index.js';
import { defaultDataDir, findConfig } from './app-paths.js';
import { PageServer } from './page-server.js';
import { openSettings } from './settings-file.js';
import type { CliContext } from './cli-context.js';

export async function serveCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'ui-port': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values.data ?? defaultDataDir();
  const port = values.port === undefined ? undefined : portNumber(values.port, '--port');
  const uiPort = values['ui-port'] === undefined ? 0 : portNumber(values['ui-port'], '--ui-port');
  const envToken = envStaffToken();
  const core = await startKiosk({
    dataDir,
    configPath: findConfig(values.config, dataDir, context.appRoot),
    // Watched, so that `kokuchi token --rotate` takes effect without a restart.
    settings: openSettings(dataDir, { watch: true }),
    version: context.version,
    localesDir: join(context.appRoot, 'locales'),
    consoleDir: join(context.appRoot, 'dist', 'renderer'),
    overrides: {
      ...(values.host !== undefined && { host: values.host }),
      ...(port !== undefined && { port }),
      ...(envToken !== undefined && { token: envToken }),
    },
  });
  let page: PageServer;
  try {
    page = await PageServer.listen(core, join(context.appRoot, 'dist', 'renderer'), uiPort);
  } catch (error) {
    await core.close();
    throw error;
  }
  context.stdout(`kiosk ui: ${page.url}\n`);
  context.stdout(`staff link: ${core.staffLinkUrl}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await page.close();
  await core.close('kiosk-restart');
  return 0;
}

function portNumber(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, not "${text}"`);
  return port;
}
