// Runs the real records hub (`node bin/kokuchi.mjs hub`) as a child process, the way an
// office runs it, and reads the one line it prints; kill -9 and restart on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, runCli } from './kiosk-process.js';

export const HUB_READER_TOKEN = 'r'.repeat(43);

export interface HubProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHubProcess(options: { dataDir: string; port?: number }): Promise<HubProcess> {
  const args = ['hub', '--data', options.dataDir, '--port', String(options.port ?? 0)];
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kokuchi.mjs'), ...args], {
    env: { ...process.env, KOKUCHI_HUB_TOKEN: HUB_READER_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    // The embedded store (PostgreSQL in WebAssembly) takes long to start on a busy machine.
    const timer = setTimeout(() => reject(new Error(`kokuchi hub printed no URL: ${output.join('')}`)), 180_000);
    child.once('exit', (code) => reject(new Error(`kokuchi hub exited ${code}: ${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      const match = /^hub: (\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    url,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** `kokuchi hub enroll --counter ID`: the secret for one kiosk. */
export async function enrollCounter(dataDir: string, counterId: string): Promise<string> {
  const result = await runCli(['hub', 'enroll', '--counter', counterId, '--data', dataDir]);
  const secret = /^hub secret: (whsec_\S+)$/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || !secret) throw new Error(`kokuchi hub enroll failed (${result.code}): ${result.stdout}${result.stderr}`);
  return secret;
}

/** A reader's GET on the hub, with the hub token. */
export function hubGet(hubUrl: string, path: string): Promise<Response> {
  return fetch(new URL(path, hubUrl), { headers: { authorization: `Bearer ${HUB_READER_TOKEN}` } });
}
