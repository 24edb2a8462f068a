// Follows the core: the first view from getView(), then every view it pushes.
import { useEffect, useState } from 'react';
import type { KioskApi, KioskView } from '../../electron/shared/kiosk-api.js';

export interface LiveView {
  view: KioskView;
  clockOffset: number;
}

const RETRY_MS = 1000;

export function useKioskView(api: KioskApi): LiveView | null {
  const [live, setLive] = useState<LiveView | null>(null);
  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A pushed view may overtake getView's answer; keep whichever the core made last.
    const accept = (view: KioskView) =>
      setLive((current) =>
        current && current.view.now > view.now ? current : { view, clockOffset: view.now - Date.now() },
      );
    const unsubscribe = api.onView(accept);
    const fetchView = () => {
      api.getView({}).then(accept, () => {
        if (!stopped) retry = setTimeout(fetchView, RETRY_MS);
      });
    };
    fetchView();
    return () => {
      stopped = true;
      clearTimeout(retry);
      unsubscribe();
    };
  }, [api]);
  return live;
}
