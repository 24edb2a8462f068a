// `kokuchi token [--rotate]`: shows or replaces the staff link's pairing token.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';
import { openSettings } from './settings-file.js';

export async function tokenCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { rotate: { type: 'boolean' }, data: { type: 'string' } }, strict: true });
  const settings = openSettings(values.data ?? defaultDataDir());
  let token = settings.get('staffToken');
  if (values.rotate || typeof token !== 'string') {
    token = randomBytes(32).toString('base64url');
    settings.set('staffToken', token);
    if (values.rotate) context.stderr('token replaced; restart the kiosk so that it takes effect\n');
  }
  context.stdout(`${String(token)}\n`);
  return 0;
}
