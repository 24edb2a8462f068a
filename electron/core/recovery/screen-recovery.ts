// The Electron shell brought a crashed or hung kiosk screen back. The resident lost the
// screen, and with it the recording indicator, so an open session is closed honestly
// (`logging.stop` first if it was logging) before the recovery itself is recorded.
import type { RecoveryAction, RecoveryCause } from '../../shared/events.js';
import type { CounterSession, EventSink, KioskEndReason } from '../session/counter-session.js';
import { KioskError } from '../session/kiosk-error.js';

export const RECOVERY_REASON = 'kiosk-recovery' satisfies KioskEndReason;

export async function recordScreenRecovery(
  session: Pick<CounterSession, 'activeSession' | 'closeByKiosk'>,
  ledger: EventSink,
  cause: RecoveryCause,
  action: RecoveryAction,
): Promise<void> {
  const open = session.activeSession();
  if (open) {
    try {
      await session.closeByKiosk(open.sessionId, RECOVERY_REASON);
    } catch (error) {
      // Ended by staff or the idle reset in the meantime: nothing left to close.
      if (!(error instanceof KioskError)) throw error;
    }
  }
  await ledger.append('kiosk.recovered', null, { cause, action });
}
