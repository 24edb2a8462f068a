import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerCommand } from '../../../electron/cli/ledger-command.js';
import { makeTempLedger, recordSession, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger('2020-01-15T09:00:00.000Z');
  const ledger = await temp.open();
  await recordSession(ledger, 's-1');
  temp.clock.now = new Date('2020-02-15T09:00:00.000Z');
  await recordSession(ledger, 's-2');
  await ledger.close();
});
afterEach(async () => {
  io = { retentionDays: 365 };
  await temp.cleanup();
});

let io: { retentionDays: number; now?: () => Date } = { retentionDays: 365 };
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await ledgerCommand(args, {
    dataDir: temp.dataDir,
    ...io,
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
  });
  return { code, out, err };
}

describe('kokuchi ledger', () => {
  it('verify prints OK with the count, last seq and head', async () => {
    const { code, out } = await run('verify');
    expect(code).toBe(0);
    expect(out).toMatch(/^OK 14 events, last seq 14, head [0-9a-f]{64}\n$/);
  });

  it('verify prints the broken place and exits 1', async () => {
    const file = path.join(temp.dir, '2020-01.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"counterId":"counter-1"', '"counterId":"counter-9"');
    await writeFile(file, lines.join('\n'));
    const { code, out } = await run('verify', '--data', temp.dataDir);
    expect(code).toBe(1);
    expect(out).toMatch(/^BROKEN 2020-01\.jsonl line 3: .+\n$/);
  });

  it('export writes JSONL to stdout by default and CSV to --out', async () => {
    const jsonl = await run('export', '--from', '2020-02-01');
    expect(jsonl.code).toBe(0);
    expect(jsonl.out).toBe(await readFile(path.join(temp.dir, '2020-02.jsonl'), 'utf8'));

    const out = path.join(temp.dataDir, 'january.csv');
    const csv = await run('export', '--format', 'csv', '--to', '2020-01-15', '--out', out);
    expect(csv).toMatchObject({ code: 0, out: '' });
    expect(csv.err).toContain('Exported 7 events');
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\uFEFFseq,id,ts,')).toBe(true);
    expect(text.split('\r\n').filter((row) => row !== '')).toHaveLength(8);
  });

  it('export filters by type and session, writes JSON-LD and a summary, and refuses a summary with a format', async () => {
    const shown = await run('export', '--type', 'notice.shown', '--type', 'session.ended', '--session', 's-2');
    expect(shown.out.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'notice.shown',
      'session.ended',
    ]);
    const out = path.join(temp.dataDir, 'sessions.jsonld');
    const jsonld = await run('export', '--format', 'jsonld', '--out', out);
    expect(jsonld.err).toContain('Exported 2 sessions');
    expect((JSON.parse(await readFile(out, 'utf8')) as { '@graph': unknown[] })['@graph']).toHaveLength(2);
    const summary = await run('export', '--summary', '--from', '2020-02-01');
    expect(summary.out.split('\r\n')[1]).toBe('2020-02-15,ja,1,1,0,0,4.2,0,0');
    expect(await run('export', '--summary', '--format', 'csv')).toMatchObject({ code: 2, err: expect.stringMatching(/--summary/) });
    expect(await run('export', '--type', 'Notice Shown')).toMatchObject({ code: 2, err: expect.stringMatching(/event type/) });
  });

  it('export rejects a bad format or date with usage and exit 2', async () => {
    expect(await run('export', '--format', 'xlsx')).toMatchObject({ code: 2, err: expect.stringMatching(/csv or jsonl/) });
    expect(await run('export', '--from', 'yesterday')).toMatchObject({ code: 2, err: expect.stringMatching(/YYYY-MM-DD/) });
    expect(await run('export', '--bogus')).toMatchObject({ code: 2 });
    expect(await run('shred')).toMatchObject({ code: 2, err: expect.stringMatching(/usage/) });
  });

  it('prune removes old segments, keeps the newest, and refuses while a kiosk holds the ledger', async () => {
    const ledger = await temp.open();
    const refused = await run('prune');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`Another Kokuchi process (pid ${process.pid}) holds the ledger at ${temp.dir}`);
    await ledger.close();

    // Today's clock is years ahead of the ledger's newest record: not to be trusted, nothing goes.
    const untrusted = await run('prune');
    expect(untrusted.code).toBe(1);
    expect(untrusted.err).toMatch(/Not pruning: the system clock \(.*\) is [\d.]+ days ahead of the ledger's newest record \(2020-02-15T09:00:00\.000Z\); nothing was deleted/);
    expect((await run('verify')).out).toMatch(/^OK 14 events, last seq 14, head /);

    io = { retentionDays: 14, now: () => new Date('2020-02-16T08:00:00.000Z') };
    const { code, out } = await run('prune');
    expect(code).toBe(0);
    expect(out).toBe('Pruned 1 segment(s): 2020-01.jsonl (seq 1-7); recorded as seq 15.\n');
    expect((await run('verify')).out).toMatch(/^OK 8 events, last seq 15, head /);
    const prunedLine = JSON.parse((await readFile(path.join(temp.dir, '2020-02.jsonl'), 'utf8')).split('\n')[0]!);
    expect(prunedLine.seq).toBe(8);
  });
});
