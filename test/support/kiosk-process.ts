// Runs the real headless shell (`node bin/kokuchi.mjs serve`) as a child process, the
// way a deployment or an outside test would, and reads the two lines it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOKEN = 'k'.repeat(43);

export interface KioskProcess {
  child: ChildProcess;
  kioskUrl: string;
  staffUrl: string;
  dataDir: string;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kokuchi-test-'));
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes `kokuchi.config.json` in the data folder (a string as it is, so a test can write a broken file) and returns its path. */
export async function writeKioskConfig(dataDir: string, config: unknown): Promise<string> {
  const path = join(dataDir, 'kokuchi.config.json');
  await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kokuchi.mjs'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function startKioskProcess(
  options: { dataDir: string; config?: string; env?: NodeJS.ProcessEnv; args?: string[] },
): Promise<KioskProcess> {
  const args = ['serve', '--data', options.dataDir, '--port', '0', '--ui-port', '0', ...(options.args ?? [])];
  if (options.config) args.push('--config', options.config);
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kokuchi.mjs'), ...args], {
    env: { ...process.env, KOKUCHI_STAFF_TOKEN: TOKEN, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const found: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kokuchi serve printed no URLs: ${output.join('')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`kokuchi serve exited ${code}: ${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      const match = line.match(/^(kiosk ui|staff link): (\S+)$/);
      if (match) found[match[1] as string] = match[2] as string;
      if (found['kiosk ui'] && found['staff link']) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    kioskUrl: found['kiosk ui'] as string,
    staffUrl: found['staff link'] as string,
    dataDir: options.dataDir,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
