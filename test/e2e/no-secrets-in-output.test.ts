// What `kokuchi serve` writes to its terminal or journal must never hand over a secret:
// not the staff token (from the environment or the file), not a webhook secret, not the
// admin PIN. The page link's one-time code appears exactly once, in the `kiosk ui:` URL,
// by design, and the screen cookie it is exchanged for never.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runCli, startKioskProcess, writeKioskConfig } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { unusedLoopbackPort } from '../support/unused-port.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

function bridge(kioskUrl: string, cookie: string | null): Promise<'open' | 'refused'> {
  const url = new URL(kioskUrl);
  const ws = new WebSocket(`ws://${url.host}/kiosk-bridge`, { headers: { origin: url.origin, ...(cookie !== null && { cookie }) } });
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', () => resolve('refused'));
  });
}

describe('kokuchi serve output', () => {
  it('never contains the staff token, webhook secret or admin PIN, and the page secret only in the kiosk ui line', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const envToken = randomBytes(32).toString('base64url');
    const fileToken = randomBytes(32).toString('base64url');
    const webhookKey = randomBytes(24).toString('base64');
    const pin = '739146285031';
    const config = await writeKioskConfig(dataDir, {
      staffLink: { token: fileToken },
      // Nobody listens there, so webhook deliveries fail and get retried.
      webhooks: [{ url: `http://127.0.0.1:${await unusedLoopbackPort()}/hook`, secret: `whsec_${webhookKey}` }],
      admin: { pin },
    });
    const kiosk = await startKioskProcess({ dataDir, config, env: { KOKUCHI_STAFF_TOKEN: envToken } });
    const pageSecret = new URL(kiosk.kioskUrl).searchParams.get('secret') ?? '';
    expect(pageSecret.length).toBeGreaterThan(20);
    const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const staff = (path: string, token: string, init: RequestInit = {}) =>
      fetch(new URL(path, kiosk.staffUrl), { ...init, headers: auth(token) });

    const started = await staff('v1/sessions', envToken, { method: 'POST', body: JSON.stringify({ staffName: 'Sato' }) });
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };
    expect((await staff(`v1/sessions/${sessionId}/override`, envToken, { method: 'POST', body: '{"reason":"explained"}' })).status).toBe(200);
    expect((await staff(`v1/sessions/${sessionId}/end`, envToken, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await staff('v1/sessions', envToken, { method: 'POST', body: `{"staffName":"${envToken}` })).status).toBe(400);
    expect((await staff('v1/events?after=0', envToken)).status).toBe(200);

    // WebSocket: a hello, and malformed frames carrying the token.
    const client = await RawStaffClient.connect(kiosk.staffUrl);
    client.send({ type: 'hello', token: envToken, since: 0 });
    await client.waitForWelcome();
    client.send(`{"type":"ping","id":"${envToken}`);
    client.send({ type: 'session.start', id: 1, staffName: pageSecret });
    client.send({ type: 'ping', id: 2 });
    await client.waitForReply(2);
    client.close();

    // Wrong tokens last (five of them slow this address down): near misses and the other secrets as guesses.
    for (const guess of [`${envToken}x`, envToken.slice(0, -1), pin, `whsec_${webhookKey}`]) {
      expect((await staff('v1/status', guess)).status).toBe(401);
    }
    const wrong = await RawStaffClient.connect(kiosk.staffUrl);
    wrong.send({ type: 'hello', token: fileToken });
    expect(await wrong.waitForClose()).toBe(4401);

    // The page link, exchanged for the screen cookie; the bridge without it and with it.
    const exchanged = await fetch(kiosk.kioskUrl, { redirect: 'manual' });
    expect(exchanged.status).toBe(303);
    const cookie = (exchanged.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const cookieValue = cookie.split('=')[1] ?? '';
    expect(cookieValue.length).toBeGreaterThan(20);
    expect(await bridge(kiosk.kioskUrl, null)).toBe('refused');
    expect(await bridge(kiosk.kioskUrl, cookie)).toBe('open');

    expect(await kiosk.stop()).toBe(0);
    const doctor = await runCli(['doctor', '--config', config]);
    const everything = [...kiosk.output, doctor.stdout, doctor.stderr].join('\n');
    for (const [name, secret] of [
      ['KOKUCHI_STAFF_TOKEN', envToken],
      ['staffLink.token', fileToken],
      ['webhook secret', webhookKey],
      ['admin PIN', pin],
      ['screen cookie', cookieValue],
    ] as const) {
      expect(everything.includes(secret), `${name} appears in the output:\n${everything}`).toBe(false);
    }
    const withPageSecret = everything.split('\n').filter((line) => line.includes(pageSecret));
    expect(withPageSecret).toEqual([`kiosk ui: ${kiosk.kioskUrl}`]);
  }, 60_000);
});
