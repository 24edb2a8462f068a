import { describe, expect, it } from 'vitest';
import { hostHeaderName, servedHostCheck, type MachineFacts } from '../../../electron/core/staff-link/served-host.js';

const machine: MachineFacts = {
  hostname: () => 'counter-3',
  networkInterfaces: () => ({
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [
      { address: '192.0.2.10', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.0.2.10/24' },
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    ],
  }),
};

describe('hostHeaderName', () => {
  it('takes the name out of a Host header, lower case, without port or brackets', () => {
    expect(hostHeaderName('Kiosk.City.LAN:4780')).toBe('kiosk.city.lan');
    expect(hostHeaderName('[::1]:4780')).toBe('::1');
    expect(hostHeaderName('localhost.')).toBe('localhost');
  });

  it('is null for a missing or malformed header', () => {
    for (const header of [undefined, '', 'a b', 'user@127.0.0.1', '127.0.0.1/x', '[::1', 'x'.repeat(300)]) expect(hostHeaderName(header)).toBeNull();
  });
});

describe('servedHostCheck', () => {
  it('bound to one address: that address and the loopback names, any port, nothing else', () => {
    const serves = servedHostCheck('192.0.2.10', machine);
    for (const host of ['192.0.2.10:4780', '192.0.2.10', '127.0.0.1:4780', 'localhost:9', '[::1]:4780']) expect(serves(host), host).toBe(true);
    for (const host of ['evil.example', 'evil.example:4780', 'counter-3:4780', '192.0.2.11:4780', undefined]) expect(serves(host), host).toBe(false);
  });

  it('bound to a configured name: that name', () => {
    const serves = servedHostCheck('Kiosk3.city.lan', machine);
    expect(serves('kiosk3.city.lan:4780')).toBe(true);
    expect(serves('evil.example:4780')).toBe(false);
  });

  it("bound to every address: this machine's addresses and host name as well", () => {
    for (const bound of ['0.0.0.0', '::']) {
      const serves = servedHostCheck(bound, machine);
      for (const host of ['192.0.2.10:4780', '[fe80::1]:4780', '[FE80:0::1]:4780', 'counter-3:4780', 'localhost:4780']) expect(serves(host), host).toBe(true);
      for (const host of ['evil.example:4780', '192.0.2.99:4780', 'counter-3.evil.example']) expect(serves(host), host).toBe(false);
    }
  });
});
