// The counter has no one to press reload. A crashed, killed or out-of-memory page, or
// one that hangs, is brought back by itself: reloaded after 1 s, 2 s, 4 s…, and when
// that keeps failing the whole kiosk is started again. Each recovery goes to the ledger
// (`kiosk.recovered`), after the core has closed an open session honestly.
import type { KioskCore } from '../core/index.js';
import { RECOVERY_CAUSES, type RecoveryCause } from '../shared/events.js';

export interface RecoveryPolicy {
  /** Wait before the first reload; doubled for each further failure in the window. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** This many failures within `windowMs` → relaunch instead of reload. */
  relaunchAfter: number;
  windowMs: number;
  /** How long an unresponsive page may stay so before it counts as hung. */
  hangGraceMs: number;
}

export const RECOVERY_POLICY: RecoveryPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  relaunchAfter: 5,
  windowMs: 10 * 60_000,
  hangGraceMs: 10_000,
};

export type RecoveryStep = { action: 'reload'; delayMs: number } | { action: 'relaunch' };

/** What to do about the failures at `failureTimes` (the newest included). */
export function nextRecoveryStep(failureTimes: readonly number[], now: number, policy: RecoveryPolicy): RecoveryStep {
  const recent = failureTimes.filter((time) => now - time < policy.windowMs).length;
  if (recent >= policy.relaunchAfter) return { action: 'relaunch' };
  const delayMs = policy.firstDelayMs * 2 ** Math.max(0, recent - 1);
  return { action: 'reload', delayMs: Math.min(delayMs, policy.maxDelayMs) };
}

/** The ledger's cause for a `render-process-gone` reason; null for a clean exit, which needs no recovery. */
export function recoveryCause(reason: string): RecoveryCause | null {
  if (reason === 'clean-exit') return null;
  return (RECOVERY_CAUSES as readonly string[]).includes(reason) ? (reason as RecoveryCause) : 'crashed';
}

export interface HealableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  on(event: 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  reload(): void;
  forcefullyCrashRenderer(): void;
}

export interface PageHealing {
  core: Pick<KioskCore, 'recordRecovery'>;
  /** Starts the kiosk again (see kiosk-relaunch.ts). */
  relaunch(): void;
  policy?: RecoveryPolicy;
  now?: () => number;
}

export function healKioskPage(contents: HealableContents, healing: PageHealing): void {
  const policy = healing.policy ?? RECOVERY_POLICY;
  const now = healing.now ?? Date.now;
  const failures: number[] = [];
  let hang: NodeJS.Timeout | null = null;
  let killedByUs = false;
  let relaunching = false;

  const stopWaitingForHang = (): void => {
    if (hang) clearTimeout(hang);
    hang = null;
  };

  const recover = (cause: RecoveryCause): void => {
    if (relaunching) return;
    const at = now();
    failures.push(at);
    while (failures.length > 0 && at - (failures[0] as number) >= policy.windowMs) failures.shift();
    const step = nextRecoveryStep(failures, at, policy);
    const recorded = healing.core.recordRecovery(cause, step.action).catch((error: unknown) => {
      console.error('kokuchi: the recovery could not be recorded:', error instanceof Error ? error.message : String(error));
    });
    if (step.action === 'relaunch') {
      relaunching = true;
      void recorded.then(() => healing.relaunch());
      return;
    }
    setTimeout(() => {
      killedByUs = false;
      if (!contents.isDestroyed()) contents.reload();
    }, step.delayMs);
  };

  contents.on('render-process-gone', (_event, details) => {
    stopWaitingForHang();
    // The hang was already counted when the renderer was ended for it.
    if (killedByUs) return;
    const cause = recoveryCause(details.reason);
    if (cause !== null) recover(cause);
  });
  contents.on('unresponsive', () => {
    if (hang) return;
    hang = setTimeout(() => {
      hang = null;
      killedByUs = true;
      // A hung renderer does not reload; end it first (Electron's own advice for 'unresponsive').
      contents.forcefullyCrashRenderer();
      recover('unresponsive');
    }, policy.hangGraceMs);
  });
  contents.on('responsive', stopWaitingForHang);
}
