import { describe, expect, it } from 'vitest';
import { AdminDoor, adminPinInForce, type AdminDoorEvent } from '../../../electron/core/admin/admin-door.js';
import { lockPin } from '../../../electron/core/admin/pin-lock.js';
import type { SettingsStore } from '../../../electron/core/kiosk-core.js';
import { pairingUri, staffLinkAddresses } from '../../../electron/core/admin/pairing-uri.js';

function door(pin: string | null = '2580') {
  let clock = 1_000_000;
  const admin = new AdminDoor({ pin, maxAttempts: 5, lockMs: 300_000, sessionMs: 60_000, now: () => clock });
  return { admin, advance: (ms: number) => void (clock += ms), now: () => clock };
}

describe('AdminDoor', () => {
  it('opens a session for the right PIN', async () => {
    const { admin } = door();
    const result = await admin.unlock('2580');
    expect(result).toMatchObject({ ok: true, adminSession: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    if (!result.ok) throw new Error('refused');
    expect(() => admin.enter(result.adminSession)).not.toThrow();
  });

  it('counts wrong PINs down, then locks for five minutes, the right PIN included', async () => {
    const { admin, advance, now } = door();
    expect(await Promise.all([1, 2, 3, 4].map(() => admin.unlock('1111')))).toEqual([
      { ok: false, reason: 'wrong-pin', attemptsLeft: 4 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 3 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 2 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 1 },
    ]);
    const lockedUntil = now() + 300_000;
    expect(await admin.unlock('1111')).toEqual({ ok: false, reason: 'locked', lockedUntil });
    expect(await admin.unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil });
    advance(299_999);
    expect(await admin.unlock('2580')).toMatchObject({ ok: false, reason: 'locked' });
    advance(1);
    expect(await admin.unlock('2580')).toMatchObject({ ok: true });
  });

  it('starts counting again after the right PIN', async () => {
    const { admin } = door();
    await admin.unlock('1');
    await admin.unlock('2');
    await admin.unlock('2580');
    expect(await admin.unlock('3')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('ends an admin session after a minute unused, or when locked, and never knows a made-up one', async () => {
    const { admin, advance } = door();
    const first = await admin.unlock('2580');
    const second = await admin.unlock('2580');
    if (!first.ok || !second.ok) throw new Error('refused');
    advance(59_000);
    admin.enter(first.adminSession); // used: alive for another minute
    advance(59_000);
    expect(() => admin.enter(first.adminSession)).not.toThrow();
    expect(() => admin.enter(second.adminSession)).toThrow(/enter the PIN again/);
    admin.lock(first.adminSession);
    expect(() => admin.enter(first.adminSession)).toThrow(expect.objectContaining({ code: 'invalid-state' }));
    expect(() => admin.enter('made-up')).toThrow(/enter the PIN again/);
  });

  it('opens nothing while no PIN is set', async () => {
    expect(await door(null).admin.unlock('0000')).toEqual({ ok: false, reason: 'pin-not-set' });
  });
});

function memorySettings(): SettingsStore {
  const values = new Map<string, unknown>();
  return { get: (key) => structuredClone(values.get(key)), set: (key, value) => void values.set(key, structuredClone(value)) };
}

describe('AdminDoor across restarts', () => {
  it('stays locked after a restart, and each further lock-out waits twice as long', async () => {
    const settings = memorySettings();
    let clock = 1_000_000;
    const events: AdminDoorEvent[] = [];
    const open = () =>
      new AdminDoor({ pin: '2580', settings, record: async (event) => void events.push(event), lockMs: 300_000, now: () => clock });
    let admin = open();
    for (let i = 0; i < 3; i += 1) await admin.unlock('1111');
    admin = open(); // a restart does not forgive the three wrong PINs
    expect(await admin.unlock('1111')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 1 });
    expect(await admin.unlock('1111')).toEqual({ ok: false, reason: 'locked', lockedUntil: clock + 300_000 });
    admin = open();
    expect(await admin.unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil: clock + 300_000 });
    clock += 300_000;
    for (let i = 0; i < 5; i += 1) await open().unlock('1111');
    expect(await open().unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil: clock + 600_000 });
    clock += 600_000;
    expect(await open().unlock('2580')).toMatchObject({ ok: true });
    expect(events).toEqual([
      { type: 'admin.locked-out', failedAttempts: 5, lockedUntil: new Date(1_300_000).toISOString() },
      { type: 'admin.locked-out', failedAttempts: 5, lockedUntil: new Date(1_900_000).toISOString() },
      { type: 'admin.unlocked', failedAttempts: 0 },
    ]);
    // After the right PIN the next lock-out is the short one again.
    for (let i = 0; i < 5; i += 1) await open().unlock('1111');
    expect(await open().unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil: clock + 300_000 });
  });

  it('treats a mangled count as a lock-out, not as no failures', async () => {
    const settings = memorySettings();
    settings.set('adminAttempts', { wrong: 'none' });
    expect(await new AdminDoor({ pin: '2580', settings, now: () => 5 }).unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil: 300_005 });
  });

  it('refuses an unlock the ledger cannot record', async () => {
    const admin = new AdminDoor({ pin: '2580', record: () => Promise.reject(new Error('disk full')) });
    await expect(admin.unlock('2580')).rejects.toThrow(/disk full/);
  });

  it('opens with a remembered PIN hash, which holds no digits', async () => {
    const lock = lockPin('246810');
    expect(JSON.stringify(lock)).not.toContain('246810');
    const admin = new AdminDoor({ pin: lock });
    expect(await admin.unlock('0000')).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await admin.unlock('246810')).toMatchObject({ ok: true });
  });
});

describe('adminPinInForce', () => {
  it('refuses the default PIN except for the built-in example office', () => {
    expect(adminPinInForce({ admin: { pin: '0000' }, office: { example: false } as never })).toBeNull();
    expect(adminPinInForce({ admin: { pin: '0000' }, office: { example: true } as never })).toBe('0000');
    expect(adminPinInForce({ admin: { pin: '2580' }, office: { example: false } as never })).toBe('2580');
  });
});

describe('pairing', () => {
  it('puts the staff link URL, token and counter into one kokuchi://pair URI', () => {
    const uri = pairingUri({ url: 'http://192.0.2.10:4780/', token: 'a-b_c', counterId: 'shimin 3' });
    expect(uri).toBe('kokuchi://pair?url=http%3A%2F%2F192.0.2.10%3A4780%2F&token=a-b_c&counter=shimin+3');
    const parsed = new URL(uri);
    expect([parsed.protocol, parsed.host]).toEqual(['kokuchi:', 'pair']);
    expect(parsed.searchParams.get('url')).toBe('http://192.0.2.10:4780/');
  });

  it('lists the LAN addresses when the staff link listens on all of them', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
      eth0: [
        { address: '192.0.2.10', family: 'IPv4', internal: false } as never,
        { address: 'fe80::1', family: 'IPv6', internal: false } as never,
      ],
    };
    expect(staffLinkAddresses('http://0.0.0.0:4780/', interfaces)).toEqual(['http://192.0.2.10:4780/']);
    expect(staffLinkAddresses('https://192.0.2.20:4780/', interfaces)).toEqual(['https://192.0.2.20:4780/']);
    expect(staffLinkAddresses('http://0.0.0.0:4780/', {})).toEqual(['http://0.0.0.0:4780/']);
  });
});
