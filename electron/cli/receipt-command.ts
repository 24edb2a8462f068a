// `kokuchi receipt verify <text> [--data D | --key FILE]`: tells a genuine resident's
// receipt from an altered or invented one, with only the kiosk's public key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PUBLIC_KEY_FILE, publicKeyFrom, verifyReceipt } from '../core/index.js';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';

const USAGE = 'usage: kokuchi receipt verify <text> [--data D | --key FILE]';

export async function receiptCommand(args: string[], context: CliContext): Promise<number> {
  const [action, text, ...flags] = args;
  if (action !== 'verify' || text === undefined || text.startsWith('--')) {
    context.stderr(`${USAGE}\n`);
    return 2;
  }
  const flag = (name: string) => {
    const at = flags.indexOf(name);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const keyFile = flag('--key') ?? join(flag('--data') ?? defaultDataDir(), PUBLIC_KEY_FILE);
  let keyText: string;
  try {
    keyText = await readFile(keyFile, 'utf8');
  } catch (error) {
    context.stderr(`kokuchi receipt: cannot read the kiosk's public key ${keyFile}: ${(error as Error).message}\n`);
    return 2;
  }
  const verdict = verifyReceipt(text, publicKeyFrom(keyText));
  if (!verdict.genuine) {
    context.stdout(`NOT GENUINE ${verdict.problem}\n`);
    return 1;
  }
  const f = verdict.fields;
  context.stdout(
    `GENUINE session ${f.sessionId}, notice ${f.noticeVersion}, answer ${f.answer}, at ${f.ts}, kiosk ${f.kioskId}, counter ${f.counterId}\n`,
  );
  return 0;
}
