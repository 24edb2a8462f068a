// The one source of refusal codes and of the call-error shape, for the staff link, the
// page's KioskApi (over IPC and over the WebSocket bridge) and the core's KioskError.
// Kept free of zod so the preload bundle stays tiny.

/** Every code a refusal may carry on the staff link (staff-link.md). */
export const ERROR_CODES = ['bad-request', 'unauthorized', 'conflict', 'not-found', 'invalid-state', 'too-large', 'rate-limited'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes a KioskApi call may reject with: those a page's call can meet, and `internal` for the rest. */
export const KIOSK_CALL_ERROR_CODES = ['bad-request', 'not-found', 'invalid-state', 'conflict', 'internal'] as const satisfies readonly (ErrorCode | 'internal')[];
export type KioskCallErrorCode = (typeof KIOSK_CALL_ERROR_CODES)[number];

/** An error a call may reject with: a plain object, which contextBridge and JSON copy whole. */
export interface KioskCallError {
  code: KioskCallErrorCode;
  message: string;
}

export const INTERNAL_CALL_ERROR: KioskCallError = Object.freeze({ code: 'internal', message: 'internal error' });

const CALL_CODES: ReadonlySet<string> = new Set<string>(KIOSK_CALL_ERROR_CODES);

export function isCallError(value: unknown): value is KioskCallError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && CALL_CODES.has(code) && typeof message === 'string';
}

/**
 * What the page may learn of a failure: the core's `{ code, message }` when its code is one
 * a call may carry, else a bare "internal" — the failure itself goes to `hide` (the shell's
 * log), since its text may hold paths or values.
 */
export function toCallError(error: unknown, hide: (error: unknown) => void): KioskCallError {
  if (isCallError(error) && error.code !== 'internal') return { code: error.code, message: error.message };
  hide(error);
  return { ...INTERNAL_CALL_ERROR };
}
