// `kokuchi hub …`: runs the records hub, or works on its store (enroll, token, verify,
// export, notice show). Embedded store: `--data`; the office's server: `--database URL`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, openHubDatabase, type HubDatabase } from '../hub/hub-database.js';
import { enrol } from '../hub/enrolments.js';
import { hubToken } from '../hub/hub-token.js';
import { startHub } from '../hub/records-hub.js';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';

export const HUB_USAGE = `usage: kokuchi hub [--database URL] [--data DIR] [--host H] [--port P] [--config F]   run the hub
       kokuchi hub enroll --counter ID [--data DIR | --database URL]   a new secret for one kiosk
       kokuchi hub token [--data DIR]                                  the readers' token
`;

const DEFAULT_PORT = 4790;

export function defaultHubDataDir(): string {
  return path.join(defaultDataDir(), 'hub');
}

function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a port number from 0 to 65535, not "${text}"`);
  return port;
}

async function withDatabase<T>(values: { data?: string | undefined; database?: string | undefined }, task: (db: HubDatabase) => Promise<T>): Promise<T> {
  const db = await openHubDatabase({ url: databaseUrl(values.database), dataDir: values.data ?? defaultHubDataDir() });
  try {
    return await task(db);
  } finally {
    await db.close();
  }
}

async function runHub(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      database: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, config: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values.data ?? defaultHubDataDir();
  const { token } = await hubToken(dataDir);
  const fleetPageDir = path.join(context.appRoot, 'dist', 'fleet');
  const hub = await startHub({
    url: databaseUrl(values.database),
    dataDir,
    host: values.host ?? '127.0.0.1',
    port: values.port === undefined ? DEFAULT_PORT : portNumber(values.port),
    token,
    fleetPageDir: existsSync(fleetPageDir) ? fleetPageDir : undefined,
  });
  context.stdout(`hub: ${hub.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await hub.close();
  return 0;
}

async function enrollCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { counter: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' } },
    strict: true,
  });
  if (values.counter === undefined) throw new Error('--counter ID is required: the counter the kiosk stands at');
  const counter = values.counter;
  const secret = await withDatabase(values, (db) => enrol(db.pool, counter));
  context.stdout(`hub secret: ${secret}\n`);
  return 0;
}

async function tokenCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
  const { token, source } = await hubToken(values.data ?? defaultHubDataDir());
  context.stderr(`(from ${source})\n`);
  context.stdout(`${token}\n`);
  return 0;
}

export async function hubCommand(args: string[], context: CliContext): Promise<number> {
  const [first, ...rest] = args;
  switch (first) {
    case 'enroll':
      return enrollCommand(rest, context);
    case 'token':
      return tokenCommand(rest, context);
    case 'help':
    case '--help':
      context.stdout(HUB_USAGE);
      return 0;
    default:
      if (first !== undefined && !first.startsWith('--')) {
        context.stderr(`Unknown hub command "${first}".\n${HUB_USAGE}`);
        return 2;
      }
      return runHub(args, context);
  }
}
