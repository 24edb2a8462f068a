import { describe, expect, it } from 'vitest';
import { HIDDEN_CURSOR_CSS, hideCursorOnEveryLoad, shouldHideCursor } from '../../../electron/main/pointer-cursor.js';
import { FakeWebContents } from '../../fixtures/fake-electron.js';

describe('shouldHideCursor', () => {
  it('hides it on a touch screen when set to auto, and follows an explicit choice', () => {
    expect(shouldHideCursor('auto', 'available')).toBe(true);
    expect(shouldHideCursor('auto', 'unavailable')).toBe(false);
    expect(shouldHideCursor('auto', 'unknown')).toBe(false);
    expect(shouldHideCursor(true, 'unavailable')).toBe(true);
    expect(shouldHideCursor(false, 'available')).toBe(false);
  });
});

describe('hideCursorOnEveryLoad', () => {
  it('inserts cursor: none on every load, reloads included', () => {
    const contents = new FakeWebContents();
    hideCursorOnEveryLoad(contents);
    expect(contents.insertedCss).toEqual([]);
    contents.emit('did-finish-load');
    contents.emit('did-finish-load');
    expect(contents.insertedCss).toEqual([HIDDEN_CURSOR_CSS, HIDDEN_CURSOR_CSS]);
    expect(HIDDEN_CURSOR_CSS).toContain('cursor: none !important');
  });
});
