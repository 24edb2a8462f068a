// `kokuchi hub` killed with SIGKILL in the middle of ingests, then started again: every
// record it acknowledged is still there, the kiosks' retries fill in the rest, and the
// store ends byte for byte as the kiosks wrote it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { SimulatedKiosk, deliver } from '../support/simulated-kiosk.js';
import { makeHubDataDir, removeHubDataDir } from '../support/hub-store.js';
import { ROOT, runCli } from '../support/kiosk-process.js';
import { TOKEN } from './hub-fixture.js';

const env = { ...process.env, KOKUCHI_HUB_TOKEN: TOKEN };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHubProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/kokuchi.mjs', 'hub', '--data', dataDir, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^hub: (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code}`)));
  });
  return { child, url };
}

it('keeps every acknowledged record through a kill -9 mid-ingest and ends byte for byte as the kiosks wrote it', async () => {
  const dataDir = await makeHubDataDir();
  cleanups.push(() => removeHubDataDir(dataDir));
  const first = await startHubProcess(dataDir);
  const kiosks = ['a', 'b', 'c'].map((name) => new SimulatedKiosk(`kiosk-${name}`, `c-${name}`));
  const secrets: string[] = [];
  for (const kiosk of kiosks) {
    const enrolled = await runCli(['hub', 'enroll', '--counter', kiosk.counterId, '--data', dataDir], env);
    secrets.push(/hub secret: (\S+)/.exec(enrolled.stdout)?.[1] ?? '');
    kiosk.write(150);
  }
  // Each kiosk sends in seq order, one at a time; the hub is killed while all three are sending.
  const acknowledged: Array<Set<number>> = kiosks.map(() => new Set());
  const sending = kiosks.map(async (kiosk, i) => {
    for (const entry of kiosk.lines) {
      const answer = await deliver(first.url, secrets[i]!, entry).catch(() => null);
      if (answer === null) return;
      expect(answer.status).toBe(200);
      acknowledged[i]!.add(entry.seq);
    }
  });
  for (let round = 0; round < 1200 && acknowledged.reduce((n, set) => n + set.size, 0) < 120; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  first.child.kill('SIGKILL');
  await Promise.all(sending);
  const before = acknowledged.reduce((n, set) => n + set.size, 0);
  expect(before).toBeGreaterThanOrEqual(120);
  expect(before).toBeLessThan(450);

  const second = await startHubProcess(dataDir);
  for (const [i, kiosk] of kiosks.entries()) {
    // At least once: a kiosk resends from its last acknowledged record.
    for (const entry of kiosk.lines.slice(Math.max(0, acknowledged[i]!.size - 1))) {
      const answer = await deliver(second.url, secrets[i]!, entry);
      expect(answer.status).toBe(200);
      if (acknowledged[i]!.has(entry.seq)) expect(answer.body.status).toBe('repeat');
    }
  }
  for (const kiosk of kiosks) {
    const response = await fetch(new URL(`v1/events?kiosk=${kiosk.kioskId}&limit=1000`, second.url), { headers: { authorization: `Bearer ${TOKEN}` } });
    const events = (JSON.parse(await response.text()) as { events: unknown[] }).events.map((event) => JSON.stringify(event));
    expect(events).toEqual(kiosk.lines.map((entry) => entry.line));
  }
  const fleet = await fetch(new URL('v1/fleet', second.url), { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(((await fleet.json()) as { kiosks: Array<{ chain: string }> }).kiosks.map((k) => k.chain)).toEqual(['ok', 'ok', 'ok']);
  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));
  expect(second.child.exitCode).toBe(0);
  const verdict = await runCli(['hub', 'verify', '--data', dataDir], env);
  expect(verdict).toMatchObject({ code: 0, stdout: 'OK 3 kiosks, 450 events\n' });
}, 240_000);
