// The `hub` section as `doctor` and the maintenance screen report it: each wrong field named
// with its fix, the secret never quoted, and a configuration without a hub unchanged.
import { describe, expect, it } from 'vitest';
import { hubDisplayUrl, hubIngestUrl } from '../../../electron/core/config/hub-section.js';
import { configVersion, parseConfigText } from '../../../electron/core/config/load-config.js';

const GOOD = `whsec_${Buffer.from('a secret of at least 24 bytes, 36 in all').toString('base64')}`;
const SHORT = `whsec_${Buffer.from('only twenty-three bytes').toString('base64')}`;

function problemsOf(hub: unknown): string[] {
  return parseConfigText(JSON.stringify({ hub }), 'kokuchi.config.json').problems;
}

describe('the hub section', () => {
  it('takes a URL and an enrolled secret', () => {
    const { config, problems } = parseConfigText(JSON.stringify({ hub: { url: 'http://192.0.2.20:4790/', secret: GOOD } }), 'c.json');
    expect(problems).toEqual([]);
    expect(config.hub).toEqual({ url: 'http://192.0.2.20:4790/', secret: GOOD });
  });

  it.each([
    ['a secret under 24 bytes', { url: 'http://h:1/', secret: SHORT }, /^kokuchi\.config\.json: hub\.secret: decodes to 23 bytes; it must carry at least 24 random bytes .*; a hub secret is what `kokuchi hub enroll --counter ID` prints$/],
    ['a secret without whsec_', { url: 'http://h:1/', secret: 'hunter2hunter2hunter2hunter2hunter2' }, /^kokuchi\.config\.json: hub\.secret: must be "whsec_" followed by base64; a hub secret is what/],
    ['a URL that is not http(s)', { url: 'ftp://h/', secret: GOOD }, /^kokuchi\.config\.json: hub\.url: /],
    ['a URL with a password', { url: 'http://u:pw@h:1/', secret: GOOD }, /hub\.url: must not carry a user or password/],
    ['a URL with a query', { url: 'http://h:1/?token=x', secret: GOOD }, /hub\.url: must not have a query or fragment/],
    ['no secret', { url: 'http://h:1/' }, /hub\.secret: /],
    ['an unknown key', { url: 'http://h:1/', secret: GOOD, token: 'x' }, /hub: Unrecognized key: "token"/],
  ])('names %s with the fix, never quoting the secret', (_name, hub, message) => {
    const problems = problemsOf(hub);
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).not.toContain(SHORT.slice(6, 20));
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('posts to <url>v1/ingest and shows only scheme, host and port', () => {
    expect(hubIngestUrl('http://192.0.2.20:4790/')).toBe('http://192.0.2.20:4790/v1/ingest');
    expect(hubIngestUrl('https://hub.example.lg.jp/kokuchi')).toBe('https://hub.example.lg.jp/kokuchi/v1/ingest');
    expect(hubDisplayUrl('https://hub.example.lg.jp/kokuchi/')).toBe('https://hub.example.lg.jp/');
  });

  it('leaves the secret out of the config version', () => {
    const without = parseConfigText('{"counterId": "a"}', 'c.json').config;
    const withHub = parseConfigText(JSON.stringify({ counterId: 'a', hub: { url: 'http://h:1/', secret: GOOD } }), 'c.json').config;
    const otherSecret = { ...withHub, hub: { url: 'http://h:1/', secret: `${GOOD.slice(0, -4)}AAAA` } };
    expect(configVersion(withHub)).not.toBe(configVersion(without));
    expect(configVersion(otherSecret)).toBe(configVersion(withHub));
  });
});
