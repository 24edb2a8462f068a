// `kokuchi hub …`: runs the records hub, or works on its store (enroll, token, verify,
// export, notice show). Embedded store: `--data`; the office's server: `--database URL`.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, openHubDatabase, type HubDatabase } from '../hub/hub-database.js';
import { enrol } from '../hub/enrolments.js';
import { exportStore } from '../hub/export-store.js';
import { verifyStore } from '../hub/verify-store.js';
import { parseDate } from './ledger-command.js';
import { hubToken } from '../hub/hub-token.js';
import { startHub } from '../hub/records-hub.js';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';

export const HUB_USAGE = `usage: kokuchi hub [--database URL] [--data DIR] [--host H] [--port P] [--config F]   run the hub
       kokuchi hub enroll --counter ID [--data DIR | --database URL]   a new secret for one kiosk
       kokuchi hub token [--data DIR]                                  the readers' token
       kokuchi hub verify [--data DIR | --database URL]                every kiosk's chain in the store; exit 1 on any problem
       kokuchi hub export [--kiosk ID] [--from DATE] [--to DATE] [--format csv|jsonl] [--out FILE] [--data DIR | --database URL]
`;

/** Export output is handed on in pieces of about this size rather than line by line. */
const CHUNK_CHARS = 64 * 1024;

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

async function verifyCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, database: { type: 'string' } }, strict: true });
  const verdict = await withDatabase(values, (db) => verifyStore(db.pool));
  if (verdict.problems.length === 0) {
    context.stdout(`OK ${verdict.kiosks} kiosks, ${verdict.events} events\n`);
    return 0;
  }
  context.stdout(verdict.problems.map((problem) => `${problem}\n`).join(''));
  return 1;
}

async function exportCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      kiosk: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' },
    },
    strict: true,
  });
  const format = values.format;
  if (format !== 'csv' && format !== 'jsonl') throw new Error(`--format ${format}: expected csv or jsonl`);
  const from = parseDate('--from', values.from, false);
  const to = parseDate('--to', values.to, true);
  const records = await withDatabase(values, async (db) => {
    const file = values.out === undefined ? null : await open(values.out, 'w', 0o600);
    let count = -Number(format === 'csv');
    let pending = '';
    const flush = async () => {
      if (file) await file.write(pending);
      else context.stdout(pending);
      pending = '';
    };
    try {
      for await (const chunk of exportStore(db.pool, { kiosk: values.kiosk, from, to, format })) {
        pending += chunk;
        count += 1;
        if (pending.length >= CHUNK_CHARS) await flush();
      }
      await flush();
      await file?.sync();
    } finally {
      await file?.close();
    }
    return count;
  });
  if (values.out !== undefined) context.stderr(`Exported ${records} events to ${values.out}\n`);
  return 0;
}

export async function hubCommand(args: string[], context: CliContext): Promise<number> {
  const [first, ...rest] = args;
  switch (first) {
    case 'enroll':
      return enrollCommand(rest, context);
    case 'token':
      return tokenCommand(rest, context);
    case 'verify':
      return verifyCommand(rest, context);
    case 'export':
      return exportCommand(rest, context);
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
