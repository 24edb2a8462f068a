// Each record's `id`: a UUIDv7 (RFC 9562), its first 48 bits the Unix time in milliseconds,
// the other 74 bits random. Written here, not taken from the uuid package: its v7 fetches
// each id's 16 random bytes through WebCrypto's getRandomValues, whose argument checks cost
// ~0.1 ms on the tap-to-signal path (two ids per tap, code that runs a few times an hour);
// node's randomUUID draws from an entropy cache it refills in bulk. Its v4 layout already has
// the variant bits; only the time and the version nibble change.
import { randomUUID } from 'node:crypto';

/** A new UUIDv7 stamped with `ms` (epoch milliseconds; the record's own time). */
export function newRecordId(ms: number): string {
  const time = Math.max(0, Math.min(ms, 0xffff_ffff_ffff)).toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx; everything after the version nibble stays.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
