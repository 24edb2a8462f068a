// A configured URL is shown as scheme, host and port only: a path can carry a token as
// well as a query or the user part can.
import { describe, expect, it } from 'vitest';
import { displayUrl, redactUrls } from '../../../electron/core/webhooks/endpoint-url.js';

describe('displayUrl', () => {
  it('keeps scheme, host and port, and drops user, password, path, query and fragment', () => {
    expect(displayUrl('https://hook:p%40ss@hooks.example.org:8443/in/T0KEN-in-path?sig=abc#x')).toBe('https://hooks.example.org:8443/');
    expect(displayUrl('http://[fe80::1]:9/a')).toBe('http://[fe80::1]:9/');
    expect(displayUrl('not a url')).toBe('(a URL that cannot be read)');
  });
});

describe('redactUrls', () => {
  it('cuts every URL in a message down to its host', () => {
    expect(redactUrls('Cannot download "https://u:pw@updates.lan/feed/SECRET/latest.yml?k=1", status 404')).toBe(
      'Cannot download "https://updates.lan/", status 404',
    );
  });
});
