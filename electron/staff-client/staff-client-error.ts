// Why a command or the connection failed: the kiosk's own error codes, plus the few
// a client meets on its side of the wire.
import type { ErrorCode } from '../shared/call-errors.js';

export type StaffClientErrorCode =
  | ErrorCode
  /** A command was sent while the link was down; nothing reached the kiosk. */
  | 'not-connected'
  /** The link dropped before the kiosk answered; the event stream tells what happened. */
  | 'disconnected'
  | 'timeout'
  /** `close()` was called. */
  | 'closed'
  | 'unsupported-protocol'
  | 'no-websocket'
  /** Problems reported on `problem`, which do not stop the client: */
  | 'bad-frame'
  | 'unknown-event'
  | 'ledger-behind'
  | 'listener-failed'
  | 'store-failed';

export class StaffClientError extends Error {
  constructor(
    readonly code: StaffClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StaffClientError';
  }
}
