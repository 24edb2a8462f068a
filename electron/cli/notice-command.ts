// `kokuchi notice show sha256:… [--data D]`: the exact text a notice version stands for,
// from the archive beside the ledger, so an auditor need not re-derive it from locale files.
import { parseArgs } from 'node:util';
import { noticeArchiveDir, readArchivedNotice } from '../core/index.js';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';

const USAGE = 'usage: kokuchi notice show sha256:<64 hex> [--data DIR]\n';

export async function noticeCommand(args: string[], context: CliContext): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'show') {
    context.stderr(command === undefined ? USAGE : `Unknown notice command "${command}".\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { data: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    context.stderr(`kokuchi notice show: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [version, ...extra] = parsed.positionals;
  if (version === undefined || extra.length > 0) {
    context.stderr(USAGE);
    return 2;
  }
  const shown = await readArchivedNotice(noticeArchiveDir(parsed.values.data ?? defaultDataDir()), version);
  if (!shown.ok) {
    context.stderr(`kokuchi notice show: ${shown.problem}\n`);
    return 1;
  }
  // Exactly the hashed text: no newline added, so `| sha256sum` gives the version back.
  context.stdout(shown.text);
  return 0;
}
