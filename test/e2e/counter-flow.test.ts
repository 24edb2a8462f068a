// The whole counter flow through the public contracts only: a real `kokuchi serve`,
// a real Chromium on the kiosk page, and an independent staff client on the staff link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskAtCounter, type KioskAtCounter } from '../support/kiosk-at-counter.js';
import { TOKEN, runCli, type KioskProcess } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';

let counter: KioskAtCounter;
let kiosk: KioskProcess;
let page: Page;
let dataDir: string;

beforeAll(async () => {
  counter = await openKioskAtCounter();
  ({ kiosk, page, dataDir } = counter);
});

afterAll(() => counter?.close());

async function startSession(staff: RawStaffClient, id: string, extra: Record<string, unknown> = {}): Promise<string> {
  staff.send({ type: 'session.start', id, staffName: 'Sato', language: 'en', ...extra });
  const reply = await staff.waitForReply(id);
  expect(reply).toMatchObject({ type: 'result', ok: true });
  return reply.sessionId as string;
}

describe('counter flow', () => {
  it('staff start → notice → "I understand" → logging.start → end → idle', async () => {
    const staff = await RawStaffClient.connect(kiosk.staffUrl);
    staff.send({ type: 'hello', token: TOKEN, client: { name: 'e2e', version: '1' } });
    const welcome = await staff.waitForWelcome();
    expect(welcome).toMatchObject({ protocol: 1, screen: 'connected', activeSession: null });

    const sessionId = await startSession(staff, 'start-1');
    const notice = page.getByTestId('screen-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('lang')).toBe('en');
    const version = await notice.getAttribute('data-notice-version');
    expect(version).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(notice.textContent()).resolves.toContain('Sato');

    const shown = await staff.waitForEvent('notice.shown', sessionId);
    expect(shown).toMatchObject({ language: 'en', noticeVersion: version, reviewed: false });

    await page.getByTestId('ack').click();
    const ack = await staff.waitForEvent('consent.acknowledged', sessionId);
    const logging = await staff.waitForEvent('logging.start', sessionId);
    expect(ack.noticeVersion).toBe(version);
    expect(logging).toMatchObject({ by: 'acknowledgement', recording: 'audio' });
    expect(logging.seq as number).toBeGreaterThan(ack.seq as number);

    await page.getByTestId('screen-thanks').or(page.getByTestId('screen-recording')).first().waitFor();
    await page.getByTestId('recording-indicator').waitFor();

    staff.send({ type: 'session.end', id: 'end-1', sessionId });
    expect(await staff.waitForReply('end-1')).toMatchObject({ ok: true });
    await staff.waitForEvent('session.ended', sessionId);
    const types = staff.events().filter((e) => e.sessionId === sessionId).map((e) => e.type);
    expect(types).toEqual(['session.started', 'notice.shown', 'consent.acknowledged', 'logging.start', 'logging.stop', 'session.ended']);
    await page.getByTestId('screen-ended').waitFor();
    await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    staff.close();
  });

  it('"I have a question" alerts staff and logs only after an override with its reason', async () => {
    const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    await staff.waitForWelcome();
    const sessionId = await startSession(staff, 'start-2', { language: 'ja', recording: 'audio-video' });
    await page.getByTestId('screen-notice').waitFor();
    expect(await page.getByTestId('screen-notice').getAttribute('lang')).toBe('ja');
    await staff.waitForEvent('notice.shown', sessionId);
    await page.getByTestId('question').click();
    await staff.waitForEvent('consent.questioned', sessionId);
    await page.getByTestId('screen-question').waitFor();
    expect(staff.events().some((e) => e.type === 'logging.start' && e.sessionId === sessionId)).toBe(false);

    staff.send({ type: 'session.override', id: 'ov', sessionId, reason: 'explained the purpose; resident agreed verbally' });
    expect(await staff.waitForReply('ov')).toMatchObject({ ok: true });
    const logging = await staff.waitForEvent('logging.start', sessionId);
    expect(logging).toMatchObject({ by: 'staff-override', reason: 'explained the purpose; resident agreed verbally', recording: 'audio-video' });
    await page.getByTestId('recording-indicator').waitFor();

    staff.send({ type: 'session.end', id: 'end-2', sessionId });
    await staff.waitForEvent('session.ended', sessionId);
    await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
    staff.close();
  });

  it('refuses a wrong token without leaking anything', async () => {
    const byHello = await RawStaffClient.connect(kiosk.staffUrl);
    byHello.send({ type: 'hello', token: 'wrong' });
    expect(await byHello.waitForClose()).toBe(4401);
    expect(byHello.frames).toEqual([]);

    const byHeader = await RawStaffClient.connect(kiosk.staffUrl, { token: 'x'.repeat(43) });
    expect(await byHeader.waitForClose()).toBe(4401);
    expect(byHeader.frames).toEqual([]);

    const http = await fetch(new URL('v1/status', kiosk.staffUrl), { headers: { authorization: 'Bearer nope' } });
    expect(http.status).toBe(401);
    const body = await http.text();
    expect(body).not.toMatch(/kiosk-|counter/);
  });

  it('answers a malformed frame with an error, stays open and changes nothing', async () => {
    const staff = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    await staff.waitForWelcome();
    const status = async () => (await staffApi(kiosk.staffUrl).get('v1/status')).json();
    const before = await status();

    staff.send('{"type": "session.start", "id": ');
    staff.send({ type: 'session.start', id: 'bad-lang', staffName: 'x'.repeat(41) });
    staff.send({ type: 'teleport', id: 'what' });
    await staff.waitFor(() => staff.frames.filter((f) => f.type === 'error').length >= 3 && true, 'three errors');
    const errors = staff.frames.filter((f) => f.type === 'error');
    expect(errors.map((e) => e.code)).toEqual(['bad-request', 'bad-request', 'bad-request']);
    expect(errors.map((e) => e.id)).toEqual([null, 'bad-lang', 'what']);

    staff.send({ type: 'ping', id: 'still-there' });
    expect(await staff.waitForReply('still-there')).toMatchObject({ type: 'result', ok: true });
    expect(await status()).toEqual(before);
    await page.getByTestId('screen-idle').waitFor();
    staff.close();
  });

  it('resumes after a disconnect with `since` and misses no event', async () => {
    const first = await RawStaffClient.connect(kiosk.staffUrl, { token: TOKEN });
    const welcome = await first.waitForWelcome();
    const since = welcome.lastSeq as number;
    const sessionId = await startSession(first, 'start-3');
    first.close();

    // While no staff client listens, the resident answers.
    await page.getByTestId('screen-notice').waitFor();
    await page.getByTestId('ack').click();
    await page.getByTestId('recording-indicator').waitFor();

    const second = await RawStaffClient.connect(kiosk.staffUrl);
    second.send({ type: 'hello', token: TOKEN, since });
    const logging = await second.waitForEvent('logging.start', sessionId);
    const seqs = second.events().map((e) => e.seq as number);
    expect(seqs[0]).toBe(since + 1);
    expect(seqs).toEqual(seqs.map((_, i) => since + 1 + i));
    expect(logging.by).toBe('acknowledgement');

    second.send({ type: 'session.end', id: 'end-3', sessionId });
    await second.waitForEvent('session.ended', sessionId);
    second.close();
  });

  it('leaves a ledger that verifies, and that fails verification after any byte changes', async () => {
    await kiosk.stop();
    const verified = await runCli(['ledger', 'verify', '--data', dataDir]);
    expect(verified.stdout).toMatch(/^OK \d+ events, last seq \d+, head [0-9a-f]{64}/);
    expect(verified.code).toBe(0);

    const { readdir, readFile, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const ledgerDir = join(dataDir, 'ledger');
    const segment = (await readdir(ledgerDir)).find((name) => name.endsWith('.jsonl')) as string;
    const text = await readFile(join(ledgerDir, segment), 'utf8');
    const at = text.indexOf('"acknowledgement"') + 2;
    await writeFile(join(ledgerDir, segment), text.slice(0, at) + 'A' + text.slice(at + 1));
    const broken = await runCli(['ledger', 'verify', '--data', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toContain(segment);
  });
});
