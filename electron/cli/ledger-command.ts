// `kokuchi ledger verify | export | prune` — for the IT team and auditors; the main CLI
// dispatcher hands over the arguments after `ledger`.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConsentLedger, exportLedger, pruneLedger, readLastRecord, verifyLedger } from '../core/index.js';

export interface LedgerCommandIo {
  dataDir: string;
  retentionDays: number;
  /** The office's name per language: the data controller in a JSON-LD export. */
  controller?: Record<string, string>;
  /** Text, or an export's UTF-8 bytes. */
  stdout: (output: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /** The system clock; tests set it. */
  now?: () => Date;
}

const USAGE = `usage: kokuchi ledger verify [--data DIR]
       kokuchi ledger export [--from DATE] [--to DATE] [--type T…] [--counter ID] [--session ID]
                             [--format csv|jsonl|jsonld | --summary] [--out FILE] [--data DIR]
       kokuchi ledger prune [--data DIR]
DATE is a UTC day (YYYY-MM-DD; --to includes that day) or an RFC 3339 time with Z or an offset.
`;

/** Export output is handed on in pieces of about this size rather than line by line. */
const CHUNK_CHARS = 64 * 1024;

class UsageError extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** `--to 2026-11-30` means through the end of that day, so a day bound becomes the next midnight. */
export function parseDate(flag: string, value: string | undefined, endOfDay: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const date = DAY.test(value) ? new Date(`${value}T00:00:00.000Z`) : INSTANT.test(value) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} ${value}: expected YYYY-MM-DD or an RFC 3339 time such as 2026-11-01T09:00:00+09:00`);
  }
  if (endOfDay && DAY.test(value)) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

function ledgerDir(data: string | undefined, io: LedgerCommandIo): string {
  return path.join(data ?? io.dataDir, 'ledger');
}

async function verifyCommand(args: string[], io: LedgerCommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
  const result = await verifyLedger(ledgerDir(values.data, io));
  if (result.ok) {
    io.stdout(`OK ${result.events} events, last seq ${result.lastSeq}, head ${result.head}\n`);
    return 0;
  }
  io.stdout(`BROKEN ${result.segment} line ${result.line}: ${result.problem}\n`);
  return 1;
}

async function exportCommand(args: string[], io: LedgerCommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      type: { type: 'string', multiple: true },
      counter: { type: 'string' },
      session: { type: 'string' },
      summary: { type: 'boolean', default: false },
      out: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  const format = values.format ?? 'jsonl';
  if (format !== 'csv' && format !== 'jsonl' && format !== 'jsonld') {
    throw new UsageError(`--format ${format}: expected jsonld, csv or jsonl`);
  }
  if (values.summary && values.format !== undefined) {
    throw new UsageError('--summary is a CSV table of its own: leave out --format');
  }
  for (const type of values.type ?? []) {
    if (!/^[a-z]+(\.[a-z]+)+$/.test(type)) throw new UsageError(`--type ${type}: expected an event type such as notice.shown`);
  }
  for (const flag of ['counter', 'session'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag}: expected an id`);
  }
  const from = parseDate('--from', values.from, false);
  const to = parseDate('--to', values.to, true);
  const tally = { count: 0 };
  const chunks = exportLedger(ledgerDir(values.data, io), {
    from,
    to,
    format,
    types: values.type,
    counter: values.counter,
    session: values.session,
    summary: values.summary,
    controller: io.controller,
  }, tally);
  const file = values.out === undefined ? null : await open(values.out, 'w', 0o600);
  const write = async (piece: string | Uint8Array): Promise<void> => {
    if (!file) io.stdout(piece);
    else if (typeof piece === 'string') await file.write(piece);
    else await file.write(piece);
  };
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    await write(pending);
    pending = '';
  };
  try {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        pending += chunk;
        if (pending.length >= CHUNK_CHARS) await flush();
      } else {
        // Rows a worker thread formatted, already UTF-8: written as they are.
        await flush();
        await write(chunk);
      }
    }
    await flush();
    if (file) await file.sync();
  } finally {
    await file?.close();
  }
  const what = values.summary ? 'summary rows' : format === 'jsonld' ? 'sessions' : 'events';
  if (values.out !== undefined) io.stderr(`Exported ${tally.count} ${what} to ${values.out}\n`);
  return 0;
}

async function pruneCommand(args: string[], io: LedgerCommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
  const dir = ledgerDir(values.data, io);
  // The pruned record names the kiosk and counter that wrote the ledger, which only the ledger knows here.
  const last = await readLastRecord(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (last === null) {
    io.stdout('Nothing to prune: the ledger is empty.\n');
    return 0;
  }
  const ledger = await ConsentLedger.open({ dir, kioskId: last.kioskId, counterId: last.counterId, ...(io.now && { now: io.now }) });
  try {
    const removed = await pruneLedger(ledger, { retentionDays: io.retentionDays });
    if (removed.length === 0) {
      io.stdout(`Nothing to prune: no segment's newest event is older than ${io.retentionDays} days.\n`);
    } else {
      const list = removed.map((entry) => `${entry.segment} (seq ${entry.firstSeq}-${entry.lastSeq})`).join(', ');
      io.stdout(`Pruned ${removed.length} segment(s): ${list}; recorded as seq ${ledger.lastSeq}.\n`);
    }
    return 0;
  } finally {
    await ledger.close();
  }
}

/** Runs `kokuchi ledger <args>`; resolves to the exit code. */
export async function ledgerCommand(args: string[], io: LedgerCommandIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'verify':
        return await verifyCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'prune':
        return await pruneCommand(rest, io);
      default:
        io.stderr(command === undefined ? USAGE : `Unknown ledger command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`kokuchi ledger ${command}: ${message}\n${usage ? USAGE : ''}`);
    return usage ? 2 : 1;
  }
}
