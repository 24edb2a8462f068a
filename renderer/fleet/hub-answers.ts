// The records hub's answers the fleet page reads (hub.md, Reading), as zod schemas:
// every answer is checked before it is shown.
import { z } from 'zod';

const CHAINS = ['ok', 'gap', 'diverged'] as const;
export type ChainState = (typeof CHAINS)[number];

/** One counter as /v1/fleet lists it; fields beyond the contract's are optional and shown when present. */
export const fleetKiosk = z
  .object({
    kioskId: z.string().min(1).max(200),
    counterId: z.string().max(200),
    lastSeq: z.number().int().nonnegative(),
    lastTs: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    // A state this page does not know yet is shown as a problem, not hidden.
    chain: z.string().max(40),
    version: z.string().max(100).nullable(),
    office: z.string().max(400).nullable().optional(),
    lastType: z.string().max(100).nullable().optional(),
    problems: z.array(z.string().max(1000)).max(50).optional(),
  })
  .loose();
export type FleetKiosk = z.infer<typeof fleetKiosk>;

export const fleetAnswer = z.object({ kiosks: z.array(fleetKiosk) }).loose();

export const hubRecord = z
  .object({
    seq: z.number().int().positive(),
    id: z.string(),
    ts: z.string(),
    type: z.string(),
    sessionId: z.string().nullable().optional(),
  })
  .loose();
export type HubRecord = z.infer<typeof hubRecord>;

export const eventsAnswer = z.object({ events: z.array(hubRecord), lastSeq: z.number().int().nonnegative() }).loose();

export function isKnownChain(chain: string): chain is ChainState {
  return (CHAINS as readonly string[]).includes(chain);
}
