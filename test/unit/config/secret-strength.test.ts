// A webhook secret too short or too patterned to resist guessing stops the configuration
// with a message naming the field, and the message never quotes the secret.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../electron/core/config/load-config.js';
import { strongSecret } from '../../../electron/core/config/secret-strength.js';

const hook = (secret: string) => JSON.stringify({ webhooks: [{ url: 'https://hooks.example.org/in', secret }] });

describe('webhook secret strength', () => {
  it.each([
    ['6 bytes', `whsec_${Buffer.from('secret').toString('base64')}`, /decodes to 6 bytes; .*at least 24 random bytes/],
    ['23 bytes', `whsec_${randomBytes(23).toString('base64')}`, /decodes to 23 bytes/],
    ['32 repeated letters', `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`, /not random/],
    ['no whsec_ prefix', randomBytes(32).toString('base64'), /must be "whsec_" followed by base64/],
  ])('refuses %s, naming the field without quoting the secret', (_name, secret, message) => {
    const { problems, config } = parseConfigText(hook(secret), 'c.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\.json: webhooks\.0\.secret: /);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).not.toContain(secret.slice(6, 14));
    expect(config.webhooks).toEqual([]);
  });

  it('accepts 24 and 32 random bytes', () => {
    for (const size of [24, 32]) {
      const secret = `whsec_${randomBytes(size).toString('base64')}`;
      expect(parseConfigText(hook(secret), 'c.json').problems).toEqual([]);
      expect(strongSecret.safeParse(secret).success).toBe(true);
    }
  });
});
