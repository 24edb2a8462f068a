// `kokuchi token --rotate` beside a running `kokuchi serve` on the same data folder, as an
// office's IT person would do it: the kiosk takes the new token without a restart and shuts
// out every staff app still holding the old one; a token fixed elsewhere is not "rotated".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type KioskProcess, makeDataDir, removeDataDir, runCli, startKioskProcess, writeKioskConfig } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

/** An empty KOKUCHI_STAFF_TOKEN counts as unset, so the kiosk uses its settings' token. */
const NO_ENV_TOKEN = { KOKUCHI_STAFF_TOKEN: '' };
/** conf polls the settings file on Linux about every 5 s and debounces 1 s. */
const ROTATION_LATENCY_MS = 15_000;

const dirs: string[] = [];
const kiosks: KioskProcess[] = [];

async function dataDir(): Promise<string> {
  const dir = await makeDataDir();
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const kiosk of kiosks) await kiosk.stop();
  for (const dir of dirs) await removeDataDir(dir);
});

function status(staffUrl: string, token: string): Promise<number> {
  return fetch(new URL('v1/status', staffUrl), { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
}

describe('kokuchi token --rotate', () => {
  it('takes effect in the running kiosk: old-token sockets close with 4401, old token gets 401, new token works', async () => {
    const dir = await dataDir();
    const kiosk = await startKioskProcess({ dataDir: dir, env: NO_ENV_TOKEN });
    kiosks.push(kiosk);
    const shown = await runCli(['token', '--data', dir], NO_ENV_TOKEN);
    expect(shown.code).toBe(0);
    const oldToken = shown.stdout.trim();
    expect(oldToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await status(kiosk.staffUrl, oldToken)).toBe(200);

    const byHeader = await RawStaffClient.connect(kiosk.staffUrl, { token: oldToken });
    const byHello = await RawStaffClient.connect(kiosk.staffUrl);
    byHello.send({ type: 'hello', token: oldToken });
    await byHeader.waitForWelcome();
    await byHello.waitForWelcome();

    const rotated = await runCli(['token', '--rotate', '--data', dir], NO_ENV_TOKEN);
    expect(rotated.code).toBe(0);
    const newToken = rotated.stdout.trim();
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken).not.toBe(oldToken);
    expect(rotated.stderr).toMatch(/takes it within a few seconds/);

    for (const client of [byHeader, byHello]) {
      expect(await client.waitFor(() => client.closeCode ?? undefined, 'close after rotation', ROTATION_LATENCY_MS)).toBe(4401);
    }
    expect(await status(kiosk.staffUrl, oldToken)).toBe(401);
    expect(await status(kiosk.staffUrl, newToken)).toBe(200);
    const fresh = await RawStaffClient.connect(kiosk.staffUrl);
    fresh.send({ type: 'hello', token: newToken });
    await fresh.waitForWelcome();
    fresh.close();

    expect(await kiosk.stop()).toBe(0);
    const output = kiosk.output.join('\n');
    expect(output).not.toContain(oldToken);
    expect(output).not.toContain(newToken);
  }, 60_000);

  it('refuses, and changes nothing, when KOKUCHI_STAFF_TOKEN sets the token', async () => {
    const dir = await dataDir();
    const before = (await runCli(['token', '--data', dir], NO_ENV_TOKEN)).stdout;
    const envToken = 'E'.repeat(43);
    const refused = await runCli(['token', '--rotate', '--data', dir], { KOKUCHI_STAFF_TOKEN: envToken });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/KOKUCHI_STAFF_TOKEN.*would not take effect/);
    expect(refused.stderr).not.toContain(envToken);
    expect((await runCli(['token', '--data', dir], NO_ENV_TOKEN)).stdout).toBe(before);
    const shown = await runCli(['token', '--data', dir], { KOKUCHI_STAFF_TOKEN: envToken });
    expect(shown).toMatchObject({ code: 0, stdout: `${envToken}\n` });
    expect(shown.stderr).toMatch(/KOKUCHI_STAFF_TOKEN/);
  }, 60_000);

  it('refuses when the configuration file sets the token, found the way the kiosk finds it', async () => {
    const dir = await dataDir();
    const configToken = 'C'.repeat(43);
    const config = await writeKioskConfig(dir, { staffLink: { token: configToken } });
    for (const args of [['--data', dir], ['--data', dir, '--config', config]]) {
      const refused = await runCli(['token', '--rotate', ...args], NO_ENV_TOKEN);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`staffLink.token in ${config}`);
      expect(refused.stderr).not.toContain(configToken);
    }
    const settings = await readFile(join(dir, 'settings.json'), 'utf8').catch(() => '{}');
    expect(JSON.parse(settings)).not.toHaveProperty('staffToken');
    expect(await runCli(['token', '--data', dir], NO_ENV_TOKEN)).toMatchObject({ code: 0, stdout: `${configToken}\n` });
  }, 60_000);
});
