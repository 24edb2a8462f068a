// What the kiosk says about its records hub on /v1/status, /metrics and the admin screen:
// how far delivery got, and why it is stuck — above all the hub's own refusals.
import { z } from 'zod';
import type { DeliveryFailure, EndpointStatus } from './endpoint-deliverer.js';

/** A 4xx from the hub: it will not take the record as it is, however often it is sent. */
export const HUB_REFUSALS = ['bad-signature', 'diverged', 'gap', 'refused'] as const;
export type HubRefusal = (typeof HUB_REFUSALS)[number];

export interface HubStatus {
  /** Scheme, host and port only. */
  url: string;
  /** Records the hub has not yet taken. */
  backlog: number;
  /** The last seq the hub took (0: none yet). */
  lastDeliveredSeq: number;
  /** When it took it (RFC 3339), null if never. */
  lastDeliveryAt: string | null;
  /** Why the next record has not gone out, in words; null while delivery flows. */
  problem: string | null;
  /** Set when the hub itself refused the record (not when it is merely unreachable). */
  refusal: HubRefusal | null;
  failures: number;
  nextAttemptAt: string | null;
}

/** A refusal as the hub writes it, `{"code","message"}`; anything else is ignored. */
const hubReply = z.object({ code: z.string().max(64), message: z.string().max(2000).optional() }).loose();

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

function replyOf(text: string | undefined): { code: string; message: string } | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = hubReply.safeParse(value);
  if (!parsed.success) return null;
  // Shown on screens and in logs: no control or bidi characters from the network, and short.
  const clean = (s: string) => s.replace(CONTROL, ' ').slice(0, 200);
  return { code: clean(parsed.data.code), message: clean(parsed.data.message ?? '') };
}

export function refusalOf(failure: DeliveryFailure): HubRefusal | null {
  const status = failure.status;
  if (status === undefined || status < 400 || status >= 500) return null;
  const code = replyOf(failure.reply)?.code.toLowerCase() ?? '';
  if (status === 401 || status === 403 || code.includes('signature')) return 'bad-signature';
  if (code.includes('diverge')) return 'diverged';
  if (code.includes('gap')) return 'gap';
  return 'refused';
}

const ADVICE: Record<HubRefusal, string> = {
  'bad-signature': 'check hub.secret: it must be the secret `kokuchi hub enroll` printed for this counter',
  diverged: 'the hub holds a different record for this seq; an operator must compare the two before anything is sent over it',
  gap: 'the hub does not hold the records before it; an operator must look at the hub',
  refused: 'see the hub\'s log',
};

function problemOf(failure: DeliveryFailure, refusal: HubRefusal | null): string {
  if (refusal === null) return `the hub has not taken seq ${failure.seq}: ${failure.error}; the kiosk keeps it and retries`;
  const reply = replyOf(failure.reply);
  const said = reply ? `: ${reply.code}${reply.message ? ` — ${reply.message}` : ''}` : '';
  return `the hub refused seq ${failure.seq} (${refusal}, HTTP ${failure.status ?? 0}${said}); ${ADVICE[refusal]}`;
}

export function hubStatus(
  endpoint: EndpointStatus,
  progress: { deliveredSeq: number; deliveredAt: string | null; lastFailure: DeliveryFailure | null },
): HubStatus {
  const failure = progress.lastFailure;
  const refusal = failure ? refusalOf(failure) : null;
  return {
    url: endpoint.url,
    backlog: endpoint.backlog,
    lastDeliveredSeq: progress.deliveredSeq,
    lastDeliveryAt: progress.deliveredAt,
    problem: failure ? problemOf(failure, refusal) : null,
    refusal,
    failures: endpoint.failures,
    nextAttemptAt: endpoint.nextAttemptAt,
  };
}
