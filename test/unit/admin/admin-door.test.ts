import { describe, expect, it } from 'vitest';
import { AdminDoor, adminPinInForce } from '../../../electron/core/admin/admin-door.js';
import { pairingUri, staffLinkAddresses } from '../../../electron/core/admin/pairing-uri.js';

function door(pin: string | null = '2580') {
  let clock = 1_000_000;
  const admin = new AdminDoor({ pin, maxAttempts: 5, lockMs: 300_000, sessionMs: 60_000, now: () => clock });
  return { admin, advance: (ms: number) => void (clock += ms), now: () => clock };
}

describe('AdminDoor', () => {
  it('opens a session for the right PIN', () => {
    const { admin } = door();
    const result = admin.unlock('2580');
    expect(result).toMatchObject({ ok: true, adminSession: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    if (!result.ok) throw new Error('refused');
    expect(() => admin.enter(result.adminSession)).not.toThrow();
  });

  it('counts wrong PINs down, then locks for five minutes, the right PIN included', () => {
    const { admin, advance, now } = door();
    expect([1, 2, 3, 4].map(() => admin.unlock('1111'))).toEqual([
      { ok: false, reason: 'wrong-pin', attemptsLeft: 4 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 3 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 2 },
      { ok: false, reason: 'wrong-pin', attemptsLeft: 1 },
    ]);
    const lockedUntil = now() + 300_000;
    expect(admin.unlock('1111')).toEqual({ ok: false, reason: 'locked', lockedUntil });
    expect(admin.unlock('2580')).toEqual({ ok: false, reason: 'locked', lockedUntil });
    advance(299_999);
    expect(admin.unlock('2580')).toMatchObject({ ok: false, reason: 'locked' });
    advance(1);
    expect(admin.unlock('2580')).toMatchObject({ ok: true });
  });

  it('starts counting again after the right PIN', () => {
    const { admin } = door();
    admin.unlock('1');
    admin.unlock('2');
    admin.unlock('2580');
    expect(admin.unlock('3')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('ends an admin session after a minute unused, or when locked, and never knows a made-up one', () => {
    const { admin, advance } = door();
    const first = admin.unlock('2580');
    const second = admin.unlock('2580');
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

  it('opens nothing while no PIN is set', () => {
    expect(door(null).admin.unlock('0000')).toEqual({ ok: false, reason: 'pin-not-set' });
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
