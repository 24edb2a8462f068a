// Frames of the headless shell's page bridge (loopback WebSocket at /kiosk-bridge).
// The same calls as IPC; only the transport differs.
import { z } from 'zod';
import { KIOSK_CALLS, type KioskCall, type KioskCallError, type KioskView } from './kiosk-api.js';

export const BRIDGE_PATH = '/kiosk-bridge';

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
