// One command in a process of its own under /usr/bin/time: its wall time, its CPU time (all its
// threads), and its peak resident set size, which are its alone.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface MeasuredRun {
  seconds: number;
  /** User + system CPU seconds of every thread of the process. */
  cpuSeconds: number;
  peakMiB: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args…`; with `discardStdout`, its output goes to /dev/null as `> /dev/null` would. */
export function measuredRun(command: string, args: string[], options: { cwd?: string; discardStdout?: boolean } = {}): Promise<MeasuredRun> {
  const sink = options.discardStdout ? openSync('/dev/null', 'w') : null;
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', sink ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (data: Buffer) => void (stdout += data.toString()));
    child.stderr?.on('data', (data: Buffer) => void (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (sink !== null) closeSync(sink);
      const line = stderr.split('\n').find((text) => text.startsWith('TIME '));
      if (code !== 0 || !line) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stdout.slice(0, 500)} ${stderr.slice(-500)}`));
        return;
      }
      const [, wall, user, system, kb] = line.split(' ').map(Number);
      resolve({ seconds: wall!, cpuSeconds: user! + system!, peakMiB: kb! / 1024, stdout, stderr: stderr.replace(`${line}\n`, '') });
    });
  });
}
