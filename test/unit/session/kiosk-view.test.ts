// The kiosk view carries the counter's configured recording mode, so the idle screen can say
// what this counter may record before any session opens; a session the staff app starts in
// another mode keeps its own mode in `session.recording`.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configSchema, type KioskConfig } from '../../../electron/core/config/schema.js';
import { loadLocales } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import { CounterSession, type EventSink } from '../../../electron/core/session/counter-session.js';
import { buildView, offeredLanguages } from '../../../electron/core/session/kiosk-view.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';

const { locales } = await loadLocales(join(import.meta.dirname, '../../../locales'));

// The session machine's records go nowhere here: the view is what is under test.
const sink: EventSink = {
  append: async (type, sessionId, payload) => ({ type, sessionId, ...payload }) as unknown as LedgerRecord,
  appendTogether: async () => [],
};

function viewOf(config: KioskConfig, session = sessionFor(config)) {
  return buildView({ config, locales, offered: offeredLanguages(config, locales), session, problems: [], screenOverride: null });
}

function sessionFor(config: KioskConfig): CounterSession {
  return new CounterSession({
    events: sink,
    timing: config.session,
    renderNotice: (language, context) => renderNotice(locales.get(language)!, config, context),
    newSessionId: () => 's1',
    onChange: () => undefined,
  });
}

const configWith = (recording: unknown) => configSchema.parse({ office: { example: true }, recording });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the kiosk view names the counter’s recording mode', () => {
  it('sound only when the configuration leaves it out (the default), at idle', () => {
    const view = viewOf(configSchema.parse({ office: { example: true } }));
    expect(view.screen).toBe('idle');
    expect(view.recordingMode).toBe('audio');
  });

  it('sound and video when `recording.mode` says so, at idle', () => {
    const view = viewOf(configWith({ mode: 'audio-video' }));
    expect(view.screen).toBe('idle');
    expect(view.recordingMode).toBe('audio-video');
  });

  it('stays the configured mode while a session the staff app started in the other mode is open', async () => {
    const config = configWith({ mode: 'audio' });
    const session = sessionFor(config);
    await session.start({ by: 'staff', staffName: null, language: 'ja', recording: 'audio-video' });
    const view = viewOf(config, session);
    expect(view.screen).toBe('notice');
    expect([view.recordingMode, view.session?.recording]).toEqual(['audio', 'audio-video']);
  });
});
