import { describe, expect, it } from 'vitest';
import { denyNavigation } from '../../../electron/main/navigation.js';
import { FakeWebContents, fakeEvent } from '../../fixtures/fake-electron.js';

function navigate(contents: FakeWebContents, event: string, url: string): boolean {
  const attempt = fakeEvent({ url });
  contents.emit(event, attempt);
  return attempt.defaultPrevented;
}

describe('denyNavigation', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`prevents ${event} to another origin`, () => {
      const contents = new FakeWebContents();
      denyNavigation(contents);
      expect(navigate(contents, event, 'https://evil.example/')).toBe(true);
      expect(navigate(contents, event, 'file:///etc/passwd')).toBe(true);
      expect(navigate(contents, event, 'kokuchi://app.evil.example/index.html')).toBe(true);
      expect(navigate(contents, event, 'kokuchi://someone@app/index.html')).toBe(true);
      expect(navigate(contents, event, 'not a url')).toBe(true);
    });

    it(`allows ${event} within kokuchi://app`, () => {
      const contents = new FakeWebContents();
      denyNavigation(contents);
      expect(navigate(contents, event, 'kokuchi://app/index.html')).toBe(false);
      expect(navigate(contents, event, 'kokuchi://app/index.html#notice')).toBe(false);
    });
  }

  it('denies window.open, even for the app origin', () => {
    const contents = new FakeWebContents();
    denyNavigation(contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'kokuchi://app/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = new FakeWebContents();
    denyNavigation(contents);
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });
});
