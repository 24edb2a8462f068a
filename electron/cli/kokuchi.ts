// `kokuchi <command>`: the entry point of the command-line tools and the headless shell.
import type { CliContext } from './cli-context.js';
import { loadConfig } from '../core/index.js';
import { defaultDataDir, findConfig } from './app-paths.js';

const USAGE = `usage: kokuchi <command>
  start                                                               the kiosk window (what npm start runs): Electron, else Chromium/Chrome, else serve
  serve [--config F] [--data D] [--host H] [--port P] [--ui-port U]   run the headless kiosk
  doctor [--config F] [--locales DIR]                                 check configuration and locales
  preview --out DIR [--lang L…] [--size WxH…] [--config F]           every screen as PNG; lists screens that do not fit
  ledger verify|export|prune [--data D]                               the consent ledger
  notice show sha256:… [--data D]                                     the exact text of a notice version the ledger names
  receipt verify <text> [--data D | --key FILE]                       check a resident's receipt; exit 1 if altered or invented
  token [--rotate] [--data D] [--config F]                            show or replace the staff link token (a running kiosk follows --rotate)
  hub [--database URL] [--data D] [--host H] [--port P]               the records hub (also: hub enroll|token|verify|export|notice)`;

export async function main(argv: string[], context: CliContext): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start':
        return await (await import('./start-command.js')).startCommand(args, context);
      case 'serve':
        return await (await import('./serve-command.js')).serveCommand(args, context);
      case 'doctor':
        return await (await import('./doctor-command.js')).doctorCommand(args, context);
      case 'preview':
        return await (await import('./preview-command.js')).previewCommand(args, context);
      case 'token':
        return await (await import('./token-command.js')).tokenCommand(args, context);
      case 'ledger':
        return await ledger(args, context);
      case 'notice':
        return await (await import('./notice-command.js')).noticeCommand(args, context);
      case 'receipt':
        return await (await import('./receipt-command.js')).receiptCommand(args, context);
      case 'hub':
        return await (await import('./hub-command.js')).hubCommand(args, context);
      default:
        context.stderr(`${USAGE}\n`);
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (error) {
    context.stderr(`kokuchi ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

async function ledger(args: string[], context: CliContext): Promise<number> {
  const dataFlag = args.indexOf('--data');
  const dataDir = dataFlag >= 0 ? args[dataFlag + 1] : undefined;
  const configFlag = args.indexOf('--config');
  const configPath = configFlag >= 0 ? args[configFlag + 1] : undefined;
  const data = dataDir ?? defaultDataDir();
  const { config } = await loadConfig(findConfig(configPath, data, context.appRoot));
  const rest = configFlag >= 0 ? args.filter((_, i) => i !== configFlag && i !== configFlag + 1) : args;
  const { ledgerCommand } = await import('./ledger-command.js');
  return ledgerCommand(rest, { dataDir: data, retentionDays: config.retentionDays, controller: config.office.name, stdout: context.stdout, stderr: context.stderr });
}
