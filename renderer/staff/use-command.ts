// One console action at a time per form: busy while the kiosk answers, and the
// kiosk's refusal (or a dropped link) as a code the form shows in words.
import { useCallback, useState } from 'react';
import { StaffClientError, type StaffClientErrorCode } from '../../electron/staff-client/index.js';

export interface Command {
  busy: boolean;
  error: StaffClientErrorCode | null;
  run(action: () => Promise<unknown>): Promise<boolean>;
  clear(): void;
}

export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StaffClientErrorCode | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(failure instanceof StaffClientError ? failure.code : 'bad-frame');
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
