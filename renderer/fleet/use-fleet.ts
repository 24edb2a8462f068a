// Reads /v1/fleet now and every FLEET_POLL_MS; keeps the last good list while the hub
// cannot be reached, and reports a refused token at once.
import { useCallback, useEffect, useState } from 'react';
import type { FleetKiosk } from './hub-answers.js';
import { HubReadError, readFleet } from './hub-read.js';

export const FLEET_POLL_MS = 10_000;

export interface FleetState {
  kiosks: FleetKiosk[] | null;
  /** When the list shown was received (epoch ms). */
  updatedAt: number | null;
  /** Why the last read failed; null after a good one. */
  failure: string | null;
}

/** The fleet as last read, and `refresh` to read it again now. */
export function useFleet(token: string | null, onUnauthorized: () => void): FleetState & { refresh: () => void } {
  const [state, setState] = useState<FleetState>({ kiosks: null, updatedAt: null, failure: null });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (token === null) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const kiosks = await readFleet(token);
        if (!stopped) setState({ kiosks, updatedAt: Date.now(), failure: null });
      } catch (error) {
        if (stopped) return;
        if (error instanceof HubReadError && error.unauthorized) {
          onUnauthorized();
          return;
        }
        setState((previous) => ({ ...previous, failure: error instanceof Error ? error.message : String(error) }));
      }
      if (!stopped) timer = setTimeout(() => void poll(), FLEET_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [token, onUnauthorized, asked]);
  const refresh = useCallback(() => setAsked((count) => count + 1), []);
  return { ...state, refresh };
}
