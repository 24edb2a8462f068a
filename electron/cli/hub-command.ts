// `kokuchi hub …`: runs the records hub, or works on its store (enroll, token, verify,
// export, notice show, receipt verify). Embedded store: `--data`; the office's server: `--database URL`.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, openHubDatabase, type HubDatabase } from '../hub/hub-database.js';
import { enrol } from '../hub/enrolments.js';
import { exportStore, type StoreExportOptions } from '../hub/export-store.js';
import { verifyStore } from '../hub/verify-store.js';
import { loadHubConfig } from '../hub/hub-config.js';
import type { HubPruneResult } from '../hub/hub-retention.js';
import { readStoredNotice } from '../hub/notice-store.js';
import { verifyReceiptAtHub } from '../hub/receipt-check.js';
import { parseDate } from './ledger-command.js';
import { hubToken } from '../hub/hub-token.js';
import { startHub } from '../hub/records-hub.js';
import { defaultDataDir } from './app-paths.js';
import type { CliContext } from './cli-context.js';

export const HUB_USAGE = `usage: kokuchi hub [--database URL] [--data DIR] [--host H] [--port P] [--config F]   run the hub
       kokuchi hub enroll --counter ID [--data DIR | --database URL]   a new secret for one kiosk (again: rotates its secret)
       kokuchi hub token [--data DIR]                                  the readers' token
       kokuchi hub verify [--data DIR | --database URL]                every kiosk's chain in the store; exit 1 on any problem
       kokuchi hub export [--kiosk ID] [--from DATE] [--to DATE] [--type T…] [--counter ID] [--session ID]
                          [--format csv|jsonl|jsonld | --summary] [--out FILE] [--config F] [--data DIR | --database URL]
       kokuchi hub notice show sha256:<64 hex> [--data DIR | --database URL]   the exact text of a notice version
       kokuchi hub receipt verify <text> [--data DIR | --database URL]         a resident's receipt, by the kiosk's announced key
DATE is a UTC day (YYYY-MM-DD; --to includes that day) or an RFC 3339 time with Z or an offset.
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
  // Read before anything starts: a bad file names its field and runs nothing.
  const config = await loadHubConfig(values.config);
  const { token } = await hubToken(dataDir);
  const fleetPageDir = path.join(context.appRoot, 'dist', 'fleet');
  const hub = await startHub({
    url: databaseUrl(values.database),
    dataDir,
    host: values.host ?? '127.0.0.1',
    port: values.port === undefined ? DEFAULT_PORT : portNumber(values.port),
    token,
    fleetPageDir: existsSync(fleetPageDir) ? fleetPageDir : undefined,
    config,
    onPrune: (result) => context.stderr(pruneLine(result, config.retentionDays ?? 0)),
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

function pruneLine(result: HubPruneResult, retentionDays: number): string {
  if (result.skipped !== null) return `hub retention: nothing deleted: ${result.skipped}\n`;
  if (result.pruned.length === 0 && result.notices === 0) return '';
  const runs = result.pruned.map((p) => `kiosk ${p.kioskId} seq ${p.firstSeq}-${p.lastSeq} (${p.records} records)`);
  return `hub retention (${retentionDays} days): removed ${runs.length > 0 ? runs.join(', ') : 'no records'}; ${result.notices} unused notice text(s)\n`;
}

async function exportCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      kiosk: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' },
      type: { type: 'string', multiple: true }, counter: { type: 'string' }, session: { type: 'string' },
      summary: { type: 'boolean', default: false }, config: { type: 'string' },
      out: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' },
    },
    strict: true,
  });
  const format = values.format ?? 'jsonl';
  if (format !== 'csv' && format !== 'jsonl' && format !== 'jsonld') throw new Error(`--format ${format}: expected jsonld, csv or jsonl`);
  if (values.summary && values.format !== undefined) throw new Error('--summary is a CSV table of its own: leave out --format');
  for (const type of values.type ?? []) {
    if (!/^[a-z]+(\.[a-z]+)+$/.test(type)) throw new Error(`--type ${type}: expected an event type such as notice.shown`);
  }
  for (const flag of ['counter', 'session', 'kiosk'] as const) {
    if (values[flag] === '') throw new Error(`--${flag}: expected an id`);
  }
  const from = parseDate('--from', values.from, false);
  const to = parseDate('--to', values.to, true);
  const config = await loadHubConfig(values.config);
  const chunks = await withDatabase(values, async (db) => {
    const file = values.out === undefined ? null : await open(values.out, 'w', 0o600);
    let count = 0;
    let pending = '';
    const flush = async () => {
      if (pending === '') return;
      if (file) await file.write(pending);
      else context.stdout(pending);
      pending = '';
    };
    try {
      const options: StoreExportOptions = {
        kiosk: values.kiosk, from, to, format, types: values.type, counter: values.counter, session: values.session,
        summary: values.summary, controller: config.office.name,
      };
      for await (const chunk of exportStore(db.pool, options)) {
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
  // The CSV header is a chunk too, and a JSON-LD document has an opening and a closing one.
  const records = chunks - (format === 'csv' || values.summary ? 1 : format === 'jsonld' ? 2 : 0);
  const what = values.summary ? 'summary rows' : format === 'jsonld' ? 'sessions' : 'events';
  if (values.out !== undefined) context.stderr(`Exported ${records} ${what} to ${values.out}\n`);
  return 0;
}

async function noticeCommand(args: string[], context: CliContext): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, options: { data: { type: 'string' }, database: { type: 'string' } }, allowPositionals: true, strict: true,
  });
  const [version, ...extra] = positionals;
  if (action !== 'show' || version === undefined || extra.length > 0) {
    context.stderr('usage: kokuchi hub notice show sha256:<64 hex> [--data DIR | --database URL]\n');
    return 2;
  }
  const shown = await withDatabase(values, (db) => readStoredNotice(db.pool, version));
  if (!shown.ok) {
    context.stderr(`kokuchi hub notice show: ${shown.problem}\n`);
    return 1;
  }
  // Exactly the hashed text: no newline added, so `| sha256sum` gives the version back.
  context.stdout(shown.text);
  return 0;
}

async function receiptCommand(args: string[], context: CliContext): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, options: { data: { type: 'string' }, database: { type: 'string' } }, allowPositionals: true, strict: true,
  });
  const [text, ...extra] = positionals;
  if (action !== 'verify' || text === undefined || extra.length > 0) {
    context.stderr('usage: kokuchi hub receipt verify <text> [--data DIR | --database URL]\n');
    return 2;
  }
  const verdict = await withDatabase(values, (db) => verifyReceiptAtHub(db.pool, text));
  if (!verdict.genuine) {
    context.stdout(`NOT GENUINE ${verdict.problem}\n`);
    return 1;
  }
  const f = verdict.fields;
  const held = verdict.recordSeq === null ? 'the hub holds no record of the answer (not delivered yet, or past retention)' : `the hub holds its record, seq ${verdict.recordSeq}`;
  context.stdout(
    `GENUINE session ${f.sessionId}, notice ${f.noticeVersion}, answer ${f.answer}, at ${f.ts}, kiosk ${f.kioskId}, counter ${f.counterId}; ${held}\n`,
  );
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
    case 'notice':
      return noticeCommand(rest, context);
    case 'receipt':
      return receiptCommand(rest, context);
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
