// Any touch tells the core someone is still at the counter, which postpones the idle reset.
import { useEffect } from 'react';
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { logCallFailure } from './kiosk-context.js';

const THROTTLE_MS = 2000;

export function useTouchKeepalive(api: KioskApi): void {
  useEffect(() => {
    let last = -Infinity;
    const onActivity = () => {
      const now = performance.now();
      if (now - last < THROTTLE_MS) return;
      last = now;
      api.touch({}).catch(logCallFailure('touch'));
    };
    const options = { capture: true, passive: true };
    document.addEventListener('pointerdown', onActivity, options);
    document.addEventListener('keydown', onActivity, options);
    return () => {
      document.removeEventListener('pointerdown', onActivity, options);
      document.removeEventListener('keydown', onActivity, options);
    };
  }, [api]);
}
