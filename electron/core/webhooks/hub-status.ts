// What the kiosk says about its records hub on /v1/status, /metrics and the admin screen:
// how far delivery got, and why it is stuck — above all the hub's own refusals.
import { z } from 'zod';
import type { DeliveryFailure, DeliveryProgress, EndpointStatus } from './endpoint-deliverer.js';
import type { NoticeDelivery } from './hub-notices.js';

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
  /** The seq the hub refuses, while `refusal` is set. */
  refusedSeq: number | null;
  /** When the hub first refused it (RFC 3339), while `refusal` is set. */
  refusedSince: string | null;
  /** Failed attempts since the kiosk started, records and notice texts. */
  failures: number;
  nextAttemptAt: string | null;
  /** The notice archive's texts on their way to the hub. */
  notices: NoticeDelivery;
}

/** A refusal as the hub writes it, `{"code","message"}`; anything else is ignored. */
const hubReply = z.object({ code: z.string().max(64), message: z.string().max(2000).optional() }).loose();

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function replyOf(text: string | undefined): { code: string; message: string } | null {
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
  diverged: 'the hub holds a different record for this seq; an operator must compare the two at the hub (docs/fleet.md); the kiosk asks again every few minutes',
  gap: 'the hub does not hold the records before it; an operator must look at the hub (docs/fleet.md); the kiosk asks again every few minutes',
  refused: 'see the hub\'s log',
};

function problemOf(failure: DeliveryFailure, refusal: HubRefusal | null): string {
  if (refusal === null) return `the hub has not taken seq ${failure.seq}: ${failure.error}; the kiosk keeps it and retries`;
  const reply = replyOf(failure.reply);
  const said = reply ? `: ${reply.code}${reply.message ? ` — ${reply.message}` : ''}` : '';
  return `the hub refused seq ${failure.seq} (${refusal}, HTTP ${failure.status ?? 0}${said}); ${ADVICE[refusal]}`;
}

const NO_NOTICES: NoticeDelivery = { pending: 0, problem: null, refusal: null, version: null, refusedSince: null, nextAttemptAt: null };

export function hubStatus(
  endpoint: EndpointStatus,
  progress: DeliveryProgress,
  notices: { status(): NoticeDelivery; failures: number } | null = null,
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
    refusedSeq: refusal && failure ? failure.seq : null,
    refusedSince: refusal ? progress.refusedSince : null,
    failures: endpoint.failures + (notices?.failures ?? 0),
    nextAttemptAt: endpoint.nextAttemptAt,
    notices: notices?.status() ?? NO_NOTICES,
  };
}
