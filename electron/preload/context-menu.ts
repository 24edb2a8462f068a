// A long press on the touch screen must not open a context menu or a selection callout
// over the notice. Registered from the preload, before any page script, in the capture phase.
export interface ContextMenuTarget {
  addEventListener(type: 'contextmenu', listener: (event: { preventDefault(): void }) => void, options: { capture: true }): void;
}

export function blockContextMenu(target: ContextMenuTarget): void {
  target.addEventListener('contextmenu', (event) => event.preventDefault(), { capture: true });
}
