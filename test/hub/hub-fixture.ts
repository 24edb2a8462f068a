// A hub in this process on either store: the embedded PGlite in a fresh data folder, or a
// new database on a throwaway PostgreSQL server. Each test gets its own.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, vi } from 'vitest';
import { main } from '../../electron/cli/kokuchi.js';
import { startHub, type RunningHub } from '../../electron/hub/records-hub.js';
import type { HubConfig } from '../../electron/hub/hub-config.js';
import { makeHubDataDir, removeHubDataDir } from '../support/hub-store.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { ROOT } from '../support/kiosk-process.js';

export type StoreKind = 'embedded' | 'server';
export const TOKEN = 'hub-token-for-tests-0123456789';

export interface HubUnderTest {
  hub: RunningHub;
  dataDir: string;
  /** --database URL for the server path, undefined on the embedded one. */
  databaseUrl: string | undefined;
  /** Runs `kokuchi hub <args>` in this process against the same store. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

let server: PostgresServer | null = null;
let databases = 0;

export async function stopServer(): Promise<void> {
  await server?.stop();
  server = null;
}

/**
 * For a test file: a way to open hubs that are closed after each test, with the throwaway
 * server stopped after the file, and a generous timeout: a hub's first start on a loaded machine
 * (PGlite in WebAssembly, or initdb) can take tens of seconds.
 */
export function hubsForEachTest(): (kind: StoreKind, now?: () => Date, config?: HubConfig) => Promise<HubUnderTest> {
  const open: HubUnderTest[] = [];
  afterEach(async () => {
    for (const fixture of open.splice(0)) await fixture.close();
  });
  afterAll(() => stopServer());
  vi.setConfig({ testTimeout: 120_000 });
  return async (kind, now, config) => {
    const fixture = await hubUnderTest(kind, now, config);
    open.push(fixture);
    return fixture;
  };
}

export async function hubUnderTest(kind: StoreKind, now?: () => Date, config?: HubConfig): Promise<HubUnderTest> {
  let databaseUrl: string | undefined;
  let dataDir: string;
  if (kind === 'server') {
    server ??= await startPostgres();
    databases += 1;
    databaseUrl = await server.createDatabase(`hub_${process.pid}_${databases}`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kokuchi-hub-data-'));
  } else {
    dataDir = await makeHubDataDir();
  }
  const start = () => startHub({ url: databaseUrl, dataDir, host: '127.0.0.1', port: 0, token: TOKEN, ...(now && { now }), config });
  const fixture: HubUnderTest = {
    hub: await start(),
    dataDir,
    databaseUrl,
    async cli(args) {
      let stdout = '';
      let stderr = '';
      const store = databaseUrl === undefined ? ['--data', dataDir] : ['--database', databaseUrl];
      const code = await main(['hub', ...args, ...store], {
        appRoot: ROOT, version: '0.0.0-test', stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; },
      });
      return { code, stdout, stderr };
    },
    async restart() {
      await fixture.hub.close();
      fixture.hub = await start();
    },
    async close() {
      await fixture.hub.close();
      await removeHubDataDir(dataDir);
    },
  };
  return fixture;
}

export async function read(hub: RunningHub, pathAndQuery: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(pathAndQuery, hub.url), { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, text: await response.text() };
}

export async function fleetOf(hub: RunningHub): Promise<Array<Record<string, unknown>>> {
  return (JSON.parse((await read(hub, 'v1/fleet')).text) as { kiosks: Array<Record<string, unknown>> }).kiosks;
}

export async function storedLines(hub: RunningHub, kioskId: string): Promise<string[]> {
  const { text } = await read(hub, `v1/events?kiosk=${encodeURIComponent(kioskId)}&limit=1000`);
  // The answer splices the stored lines unchanged: cut them back out by their own JSON.
  return (JSON.parse(text) as { events: unknown[] }).events.map((event) => JSON.stringify(event));
}
