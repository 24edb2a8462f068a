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
  await temp.cleanup();
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await ledgerCommand(args, {
    dataDir: temp.dataDir,
    retentionDays: 365,
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

    const { code, out } = await run('prune');
    expect(code).toBe(0);
    expect(out).toBe('Pruned 1 segment(s): 2020-01.jsonl (seq 1-7); recorded as seq 15.\n');
    expect((await run('verify')).out).toMatch(/^OK 8 events, last seq 15, head /);
    const prunedLine = JSON.parse((await readFile(path.join(temp.dir, '2020-02.jsonl'), 'utf8')).split('\n')[0]!);
    expect(prunedLine.seq).toBe(8);
  });
});
