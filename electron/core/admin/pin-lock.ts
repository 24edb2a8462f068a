// The admin PIN as the kiosk keeps it between runs: a salted scrypt hash, so the settings
// file that remembers the office's PIN never holds the digits themselves.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const pinLockSchema = z
  .object({ salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/), hash: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
  .strict();
export type PinLock = z.infer<typeof pinLockSchema>;

function hashPin(pin: string, salt: string): Buffer {
  return scryptSync(pin, salt, 32);
}

export function lockPin(pin: string): PinLock {
  const salt = randomBytes(16).toString('base64url');
  return { salt, hash: hashPin(pin, salt).toString('base64url') };
}

/** Whether `pin` opens `lock`; the hashes have equal length, so the time taken does not depend on the digits. */
export function pinOpens(lock: PinLock, pin: string): boolean {
  return timingSafeEqual(hashPin(pin, lock.salt), Buffer.from(lock.hash, 'base64url'));
}
