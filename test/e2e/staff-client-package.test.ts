// The built `kokuchi/staff-client` as an integrator gets it: imported by package name
// from a separate project, run in plain Node against `kokuchi serve`, and type-checked
// against the emitted declarations.
import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TOKEN, makeDataDir, removeDataDir, startKioskProcess, type KioskProcess } from '../support/kiosk-process.js';

const run = promisify(execFile);
let kiosk: KioskProcess;
let dataDir: string;
let project: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  project = await makeDataDir();
  kiosk = await startKioskProcess({ dataDir });
  // A project that has installed kokuchi (and ws, for Node 20's missing global WebSocket).
  await mkdir(join(project, 'node_modules'));
  await symlink(ROOT, join(project, 'node_modules', 'kokuchi'), 'dir');
  await symlink(join(ROOT, 'node_modules', 'ws'), join(project, 'node_modules', 'ws'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
});

afterAll(async () => {
  await kiosk?.stop();
  await removeDataDir(dataDir);
  await removeDataDir(project);
});

describe('kokuchi/staff-client, built', () => {
  it('runs in Node: connects, starts and ends a session, and hears its events', async () => {
    await writeFile(
      join(project, 'integrator.mjs'),
      `import { StaffClient } from 'kokuchi/staff-client';
import { WebSocket } from 'ws';
const client = new StaffClient({ WebSocket });
const types = [];
client.on('event', (event) => types.push(event.type));
const welcome = await client.connect(process.argv[2], process.env.STAFF_TOKEN);
const { sessionId } = await client.startSession({ staffName: 'Sato', recording: 'audio' });
await client.end(sessionId);
while (!types.includes('session.ended')) await new Promise((resolve) => setTimeout(resolve, 10));
client.close();
console.log(JSON.stringify({ counterId: welcome.counterId, types }));
`,
    );
    const { stdout } = await run(process.execPath, ['integrator.mjs', kiosk.staffUrl], {
      cwd: project,
      env: { ...process.env, STAFF_TOKEN: TOKEN },
      timeout: 20_000,
    });
    expect(JSON.parse(stdout)).toEqual({ counterId: 'counter-1', types: ['session.started', 'session.ended'] });
  });

  it('ships declarations: events narrow on `type`, and a wrong field is a type error', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom'], types: [], noEmit: true, skipLibCheck: true },
        files: ['consumer.ts'],
      }),
    );
    await writeFile(
      join(project, 'consumer.ts'),
      `import { StaffClient, StaffClientError, type ConnectionState, type LedgerEvent } from 'kokuchi/staff-client';
export function overrideReason(event: LedgerEvent): string | null {
  return event.type === 'logging.start' && event.by === 'staff-override' ? (event.reason ?? null) : null;
}
export function staffNameOf(event: LedgerEvent): string | null {
  // @ts-expect-error a logging.start has no staffName
  if (event.type === 'logging.start') return event.staffName;
  return event.type === 'session.started' ? event.staffName : null;
}
const client = new StaffClient();
client.on('state', (state: ConnectionState, error: StaffClientError | null) => void [state, error?.code]);
export const started: Promise<{ sessionId: string }> = client.startSession({ language: 'vi', recording: 'audio-video' });
`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, timeout: 60_000 }).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe('');
  });
});
