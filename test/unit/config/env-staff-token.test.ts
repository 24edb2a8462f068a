// KOKUCHI_STAFF_TOKEN meets the same rule as staffLink.token: a weak value stops start-up
// with a message naming the variable, never its value.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { envStaffToken } from '../../../electron/core/config/env-staff-token.js';

describe('envStaffToken', () => {
  it.each([['a short word', 'letmein'], ['42 characters', 'A'.repeat(42)], ['a character outside base64url', `${'A'.repeat(42)}!`]])(
    'refuses %s, naming the variable and not the value',
    (_name, value) => {
      expect(() => envStaffToken({ KOKUCHI_STAFF_TOKEN: value })).toThrow(/^KOKUCHI_STAFF_TOKEN must be 32 random bytes in base64url \(43 characters\)/);
      try {
        envStaffToken({ KOKUCHI_STAFF_TOKEN: value });
      } catch (error) {
        expect((error as Error).message).not.toContain(value);
      }
    },
  );

  it('takes a 32-byte base64url token, and counts blank as unset', () => {
    const token = randomBytes(32).toString('base64url');
    expect(envStaffToken({ KOKUCHI_STAFF_TOKEN: token })).toBe(token);
    expect(envStaffToken({ KOKUCHI_STAFF_TOKEN: ' ' })).toBeUndefined();
    expect(envStaffToken({})).toBeUndefined();
  });
});
