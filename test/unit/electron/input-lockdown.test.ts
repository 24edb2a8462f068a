import { describe, expect, it } from 'vitest';
import { isLockedShortcut, lockdownInput, type KeyInput } from '../../../electron/main/input-lockdown.js';
import { FakeWebContents, fakeEvent } from '../../fixtures/fake-electron.js';

function key(key: string, code: string, modifiers: Partial<Pick<KeyInput, 'control' | 'meta' | 'shift' | 'alt'>> = {}): KeyInput {
  return { type: 'keyDown', key, code, control: false, meta: false, shift: false, alt: false, ...modifiers };
}

const LOCKED: [string, KeyInput][] = [
  ['F12 (devtools)', key('F12', 'F12')],
  ['Ctrl+Shift+I (devtools)', key('I', 'KeyI', { control: true, shift: true })],
  ['Cmd+Alt+I (devtools)', key('i', 'KeyI', { meta: true, alt: true })],
  ['Ctrl+R (reload)', key('r', 'KeyR', { control: true })],
  ['Ctrl+Shift+R (reload)', key('R', 'KeyR', { control: true, shift: true })],
  ['F5 (reload)', key('F5', 'F5')],
  ['Ctrl+= (zoom in)', key('=', 'Equal', { control: true })],
  ['Ctrl+Shift+; on a JIS keyboard (zoom in)', key('+', 'Semicolon', { control: true, shift: true })],
  ['Ctrl+- (zoom out)', key('-', 'Minus', { control: true })],
  ['Ctrl+0 (zoom reset)', key('0', 'Digit0', { control: true })],
  ['Ctrl+W (close)', key('w', 'KeyW', { control: true })],
  ['Alt+F4 (close)', key('F4', 'F4', { alt: true })],
];

const ORDINARY: [string, KeyInput][] = [
  ['a', key('a', 'KeyA')],
  ['Shift+A', key('A', 'KeyA', { shift: true })],
  ['Enter', key('Enter', 'Enter')],
  ['0 without Ctrl', key('0', 'Digit0')],
  ['r without Ctrl', key('r', 'KeyR')],
  ['Space', key(' ', 'Space')],
  ['Tab', key('Tab', 'Tab')],
];

function press(contents: FakeWebContents, input: KeyInput): boolean {
  const event = fakeEvent();
  contents.emit('before-input-event', event, input);
  return event.defaultPrevented;
}

describe('isLockedShortcut', () => {
  it.each(LOCKED)('locks %s', (_name, input) => expect(isLockedShortcut(input)).toBe(true));
  it.each(ORDINARY)('leaves %s alone', (_name, input) => expect(isLockedShortcut(input)).toBe(false));
});

describe('lockdownInput', () => {
  it('swallows devtools, reload, zoom and close keys when packaged, not ordinary keys', () => {
    const contents = new FakeWebContents();
    lockdownInput(contents, { packaged: true });
    for (const [, input] of LOCKED) expect(press(contents, input)).toBe(true);
    for (const [, input] of ORDINARY) expect(press(contents, input)).toBe(false);
  });

  it('closes devtools if they open anyway when packaged', () => {
    const contents = new FakeWebContents();
    lockdownInput(contents, { packaged: true });
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('leaves the keys to the developer when not packaged', () => {
    const contents = new FakeWebContents();
    lockdownInput(contents, { packaged: false });
    for (const [, input] of LOCKED) expect(press(contents, input)).toBe(false);
  });

  it('pins pinch zoom to 1 in both cases', () => {
    for (const packaged of [true, false]) {
      const contents = new FakeWebContents();
      lockdownInput(contents, { packaged });
      expect(contents.visualZoomLimits).toEqual([1, 1]);
    }
  });
});
