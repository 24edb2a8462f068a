// Which names a listener answers to. A page on a rebinding name (evil.example resolving to
// this machine) sends that name as `Host`; it gets nothing. The port is not compared, so a
// port-forward or a TCP proxy in front still works; the name is what rebinding changes.
import { hostname as osHostname, networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export interface MachineFacts {
  networkInterfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
  hostname(): string;
}

const THIS_MACHINE: MachineFacts = { networkInterfaces: osNetworkInterfaces, hostname: osHostname };

/** The host name of a `Host` header (lower case, no port, IPv6 without brackets), or null when it is not one. */
export function hostHeaderName(header: string | undefined): string | null {
  if (header === undefined || !/^[A-Za-z0-9.\-_:[\]]{1,255}$/.test(header)) return null;
  let url: URL;
  try {
    url = new URL(`http://${header}/`);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/') return null;
  return bare(url.hostname);
}

/** A name or address as `hostHeaderName` gives it, so that both sides compare alike. */
function normalName(name: string): string | null {
  const bracketed = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  return hostHeaderName(bracketed);
}

function bare(hostname: string): string {
  const name = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * A check for the `Host` header of a listener bound to `boundHost`: that host, the loopback
 * names, and — when bound to every address — this machine's addresses and host name, looked up
 * on each request because DHCP may change them while the kiosk runs.
 */
export function servedHostCheck(boundHost: string, machine: MachineFacts = THIS_MACHINE): (header: string | undefined) => boolean {
  const fixed = new Set<string>();
  for (const name of [boundHost, ...LOOPBACK_NAMES]) {
    const normal = normalName(name);
    if (normal !== null) fixed.add(normal);
  }
  const everyAddress = WILDCARDS.has(bare(boundHost));
  return (header) => {
    const name = hostHeaderName(header);
    if (name === null) return false;
    if (fixed.has(name)) return true;
    if (!everyAddress) return false;
    if (normalName(machine.hostname()) === name) return true;
    return Object.values(machine.networkInterfaces()).some((addresses) =>
      (addresses ?? []).some((address) => normalName(address.address) === name),
    );
  };
}
