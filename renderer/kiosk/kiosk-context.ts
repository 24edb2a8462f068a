// What every screen may need from above: the core's API and the core's clock.
import { createContext, useContext } from 'react';
import type { KioskApi } from '../../electron/shared/kiosk-api.js';

export interface KioskContextValue {
  api: KioskApi;
  /** `view.now - Date.now()` when the latest view arrived: add it to read the core's clock. */
  clockOffset: number;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk() outside <KioskContext.Provider>');
  return value;
}

/** Calls whose failure the resident cannot act on: logged for staff, never thrown at the screen. */
export function logCallFailure(call: string): (error: unknown) => void {
  return (error) => console.warn(`kiosk: ${call} failed`, error);
}
