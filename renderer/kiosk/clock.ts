// Time as the core sees it. Deadlines and "recording since" come from the core's clock,
// so the page corrects its own by the offset measured on every view.
import { useEffect, useState } from 'react';
import { useKiosk } from './kiosk-context.js';

/** The core's current time in epoch ms, re-rendering each time the second changes. */
export function useServerNow(): number {
  const { clockOffset } = useKiosk();
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const tick = () => {
      const next = Date.now() + clockOffset;
      setNow((shown) => (Math.floor(shown / 1000) === Math.floor(next / 1000) ? shown : next));
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [clockOffset]);
  return now;
}

/** `m:ss` under an hour, `h:mm:ss` after; never negative. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${String(minutes).padStart(2, '0')}:${seconds}`;
}
