// Frames of the headless shell's page bridge (loopback WebSocket at /kiosk-bridge).
// The same calls as IPC; only the transport differs.
import { z } from 'zod';
import { KIOSK_CALLS, type KioskCall, type KioskCallError, type KioskView } from './kiosk-api.js';

export const BRIDGE_PATH = '/kiosk-bridge';

/** The query parameter of the printed `kiosk ui:` link that carries its one-time code. */
export const KIOSK_LINK_PARAM = 'secret';

/** Close code for a screen socket that a newer page of the same browser replaced: it must not reconnect. */
export { CLOSE_SCREEN_TAKEN_OVER as SCREEN_TAKEN_OVER } from './close-codes.js';

export const bridgeRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    call: z.enum(Object.keys(KIOSK_CALLS) as [KioskCall, ...KioskCall[]]),
    input: z.unknown(),
  })
  .strict();
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;

export type BridgeMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: KioskCallError }
  | { type: 'view'; view: KioskView };
