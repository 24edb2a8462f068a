// What readers get with the hub token: the fleet at a glance (from the chains in memory)
// and a kiosk's records exactly as it wrote them (the stored lines, spliced unchanged).
import type { Pool } from 'pg';
import { z } from 'zod';
import { chainState, type ChainState, type KioskChain } from './kiosk-chain.js';

export interface FleetKiosk {
  kioskId: string;
  counterId: string;
  lastSeq: number;
  lastTs: string | null;
  lastSeenAt: string | null;
  chain: ChainState;
  version: string | null;
}

export function fleet(chains: Iterable<KioskChain>): { kiosks: FleetKiosk[] } {
  const kiosks = [...chains]
    .map((chain) => ({
      kioskId: chain.kioskId,
      counterId: chain.counterId,
      lastSeq: chain.lastSeq,
      lastTs: chain.lastTs,
      lastSeenAt: chain.lastSeenAt?.toISOString() ?? null,
      chain: chainState(chain),
      version: chain.version,
    }))
    .sort((a, b) => a.counterId.localeCompare(b.counterId) || a.kioskId.localeCompare(b.kioskId));
  return { kiosks };
}

export const MAX_EVENTS = 1000;

const eventsQuery = z.object({
  kiosk: z.string().min(1, 'kiosk is required: GET /v1/events?kiosk=ID').max(256),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS).default(100),
});

export type EventsAnswer = { ok: true; json: string } | { ok: false; problem: string };

/** `{"events":[…],"lastSeq":N}` — `lastSeq` is the last seq the hub holds for that kiosk. */
export async function events(pool: Pool, search: URLSearchParams, chains: ReadonlyMap<string, KioskChain>): Promise<EventsAnswer> {
  const parsed = eventsQuery.safeParse({
    kiosk: search.get('kiosk') ?? '',
    after: search.get('after') ?? undefined,
    limit: search.get('limit') ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${String(issue?.path[0] ?? 'query')}: ${issue?.message ?? 'invalid'}` };
  }
  const { kiosk, after, limit } = parsed.data;
  const { rows } = await pool.query<{ line: string }>(
    'SELECT line FROM records WHERE kiosk_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [kiosk, after, limit],
  );
  const lastSeq = chains.get(kiosk)?.lastSeq ?? 0;
  return { ok: true, json: `{"events":[${rows.map((row) => row.line).join(',')}],"lastSeq":${lastSeq}}` };
}
