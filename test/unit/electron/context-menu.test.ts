import { describe, expect, it } from 'vitest';
import { blockContextMenu } from '../../../electron/preload/context-menu.js';

describe('blockContextMenu', () => {
  it('cancels the context menu (long press) before any page listener sees it', () => {
    const page = new EventTarget();
    const seenByPage: boolean[] = [];
    blockContextMenu(page);
    page.addEventListener('contextmenu', (event) => seenByPage.push(event.defaultPrevented));
    const notCancelled = page.dispatchEvent(new Event('contextmenu', { cancelable: true }));
    expect(notCancelled).toBe(false);
    expect(seenByPage).toEqual([true]);
  });

  it('leaves other events alone', () => {
    const page = new EventTarget();
    blockContextMenu(page);
    expect(page.dispatchEvent(new Event('click', { cancelable: true }))).toBe(true);
  });
});
