import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { lstat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockNames } from '../../../electron/core/ledger/ledger-lock.js';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
const children: ChildProcess[] = [];
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await temp.cleanup();
});

const LOCK_MODULE = path.resolve(import.meta.dirname, '../../../electron/core/ledger/ledger-lock.ts');

/** Another process running `code` (TypeScript, `dir` and `lockModule` in scope) until it prints `ready`. */
async function otherProcess(code: string): Promise<ChildProcess> {
  const script = `const dir = ${JSON.stringify(temp.dir)}; const lockModule = ${JSON.stringify(LOCK_MODULE)};\n${code}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    if (out.includes('ready')) return child;
  }
  throw new Error(`the other process ended before it was ready: ${out}`);
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

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

  it('takes over a lock file naming its own pid, as after a crash in a container that restarts with the same pid', async () => {
    const first = await temp.open();
    await first.append('logging.stop', null, { reason: 'staff' });
    await first.close();
    await writeFile(path.join(temp.dir, 'ledger.lock'), `${process.pid}\n`, { mode: 0o600 });

    const ledger = await temp.open();
    expect((await ledger.append('logging.stop', null, { reason: 'idle' })).seq).toBe(2);
    await ledger.close();
  });

  it('takes over a lock file naming a live process that is not a kiosk (a reused pid)', async () => {
    const first = await temp.open();
    await first.close();
    const bystander = await otherProcess(`console.log('ready'); setInterval(() => {}, 1000);`);
    await writeFile(path.join(temp.dir, 'ledger.lock'), `${bystander.pid}\n`, { mode: 0o600 });

    const ledger = await temp.open();
    expect((await readFile(path.join(temp.dir, 'ledger.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await ledger.close();
  });

  it('refuses while a kiosk in another process holds the ledger, and starts at once after that process is killed', async () => {
    const first = await temp.open();
    await first.close();
    const holder = await otherProcess(
      `const { acquireLedgerLock } = await import(lockModule); await acquireLedgerLock(dir); console.log('ready'); setInterval(() => {}, 1000);`,
    );
    await expect(temp.open()).rejects.toThrow(`Another Kokuchi process (pid ${holder.pid}) holds the ledger at ${temp.dir}`);

    await killHard(holder);
    // The killed holder could clean nothing up: its lock file and socket file are still there.
    expect((await readFile(path.join(temp.dir, 'ledger.lock'), 'utf8')).trim()).toBe(String(holder.pid));
    expect((await lstat(path.join(temp.dir, 'ledger.sock'))).isSocket()).toBe(true);
    const ledger = await temp.open();
    expect((await readFile(path.join(temp.dir, 'ledger.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await ledger.close();
  });

  it('uses a name the OS frees with its holder on every platform, also for a folder too deep for a socket file', () => {
    const deep = `/srv/${'kokuchi-data/'.repeat(10)}ledger`;
    expect(lockNames('/srv/k/ledger', 'linux')).toEqual([expect.stringMatching(/^\0kokuchi-ledger-[0-9a-f]{32}$/), '/srv/k/ledger/ledger.sock']);
    expect(lockNames(deep, 'linux')).toEqual([expect.stringMatching(/^\0kokuchi-ledger-/)]);
    expect(lockNames('C:\\Kokuchi\\ledger', 'win32')).toEqual([expect.stringMatching(/^\\\\\.\\pipe\\kokuchi-ledger-[0-9a-f]{32}$/)]);
    expect(lockNames(deep, 'darwin')).toEqual([expect.stringMatching(/kokuchi-ledger-[0-9a-f]{32}\.sock$/)]);
    expect(lockNames('/a/ledger', 'linux')[0]).not.toBe(lockNames('/b/ledger', 'linux')[0]);
  });
});
