// What a staff app needs to pair with this kiosk, as one URI for a QR code:
// kokuchi://pair?url=<staff link URL>&token=<pairing token>&counter=<counter id>
import type { NetworkInterfaceInfo } from 'node:os';

export function pairingUri(pairing: { url: string; token: string; counterId: string }): string {
  const query = new URLSearchParams({ url: pairing.url, token: pairing.token, counter: pairing.counterId });
  return `kokuchi://pair?${query.toString()}`;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]']);

/** The staff link URLs another machine can use: one per LAN IPv4 address when it listens on all of them. */
export function staffLinkAddresses(url: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const listening = new URL(url);
  if (!WILDCARD_HOSTS.has(listening.hostname)) return [url];
  const addresses = Object.values(interfaces)
    .flatMap((infos) => infos ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => {
      const reachable = new URL(url);
      reachable.hostname = info.address;
      return reachable.toString();
    });
  return addresses.length > 0 ? addresses : [url];
}
