// An error a caller can act on; its code is one of the staff link's error codes.
import type { ErrorCode } from '../../shared/call-errors.js';

export type KioskErrorCode = ErrorCode | 'internal';

export class KioskError extends Error {
  constructor(
    readonly code: KioskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskError';
  }
}

export function toKioskError(error: unknown): KioskError {
  if (error instanceof KioskError) return error;
  return new KioskError('internal', error instanceof Error ? error.message : String(error));
}
