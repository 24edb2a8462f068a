import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('ledger lock', () => {
  it('refuses a second open while the first holds the ledger, and allows it after close', async () => {
    const first = await temp.open();
    await first.append('logging.stop', null, { reason: 'staff' });
    const lockPath = path.join(temp.dir, 'ledger.lock');
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));

    await expect(temp.open()).rejects.toThrow(
      `Another Kokuchi process (pid ${process.pid}) holds the ledger at ${temp.dir}`,
    );
    // The refused open must not have touched the first one's lock or records.
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));
    await first.close();

    const second = await temp.open();
    expect(second.lastSeq).toBe(1);
    await second.close();
    await expect(readFile(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock left by a process that is no longer running', async () => {
    const pid = deadPid();
    expect(pid).toBeGreaterThan(0);
    const first = await temp.open();
    await first.append('logging.stop', null, { reason: 'staff' });
    await first.close();
    await writeFile(path.join(temp.dir, 'ledger.lock'), `${pid}\n`, { mode: 0o600 });

    const ledger = await temp.open();
    expect((await readFile(path.join(temp.dir, 'ledger.lock'), 'utf8')).trim()).toBe(String(process.pid));
    expect((await ledger.append('logging.stop', null, { reason: 'idle' })).seq).toBe(2);
    await ledger.close();
  });
});
