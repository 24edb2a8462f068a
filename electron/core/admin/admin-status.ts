// What the admin screen shows: who this kiosk is, how staff apps pair with it, whether
// the staff link, the webhooks and the ledger are healthy, and which key signs receipts.
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import type { AdminStatus, ClockStatus, HubDelivery, LedgerCheck, OfficeTextGap, WebhookBacklog } from '../../shared/admin-api.js';
import { verifyLedger } from '../ledger/verify-ledger.js';
import type { HubStatus } from '../webhooks/hub-status.js';
import { pairingUri, staffLinkAddresses } from './pairing-uri.js';

export interface AdminStatusSources {
  kioskId: string;
  counterId: string;
  version: string;
  staffLinkUrl: string;
  token: () => string;
  staffClients: () => number;
  /** The `webhooks` of the staff link's `/v1/status`. */
  webhooks: () => unknown;
  /** The records hub's delivery; null (or absent) when none is configured. */
  hub?: () => HubStatus | null;
  ledgerDir: string;
  lastSeq: () => number;
  clock: () => ClockStatus;
  languages: readonly string[];
  problems: readonly string[];
  /** Offered languages that would show another language's office text. */
  officeTextGaps?: readonly OfficeTextGap[];
  /** `ReceiptKey.fingerprint`: only the public half's fingerprint ever reaches the screen. */
  receiptKeyFingerprint: string;
  interfaces?: typeof networkInterfaces;
}

const webhookStatus = z.array(
  z.object({ url: z.string(), backlog: z.number(), lastError: z.string().nullable().optional() }).loose(),
);

function webhookBacklogs(status: unknown): WebhookBacklog[] {
  const parsed = webhookStatus.safeParse(status);
  if (!parsed.success) return [];
  return parsed.data.map(({ url, backlog, lastError }) => ({ url, backlog, lastError: lastError ?? null }));
}

function hubDelivery(status: HubStatus | null): HubDelivery | null {
  if (!status) return null;
  const { url, backlog, lastDeliveredSeq, lastDeliveryAt, problem, notices } = status;
  // A notice text the hub will not take is shown once records flow again.
  return { url, backlog, lastDeliveredSeq, lastDeliveryAt, problem: problem ?? notices.problem };
}

/** `kokuchi ledger verify`, run on the live ledger up to its durable head. */
export async function checkLedger(dir: string, throughSeq: number): Promise<LedgerCheck> {
  try {
    return await verifyLedger(dir, { throughSeq });
  } catch (error) {
    return { ok: false, segment: '', line: 0, problem: error instanceof Error ? error.message : String(error) };
  }
}

export async function adminStatus(sources: AdminStatusSources, canExit: boolean): Promise<AdminStatus> {
  const token = sources.token();
  const addresses = staffLinkAddresses(sources.staffLinkUrl, (sources.interfaces ?? networkInterfaces)());
  return {
    kioskId: sources.kioskId,
    counterId: sources.counterId,
    version: sources.version,
    staffLink: {
      url: sources.staffLinkUrl,
      addresses,
      token,
      pairingUri: pairingUri({ url: addresses[0] ?? sources.staffLinkUrl, token, counterId: sources.counterId }),
    },
    staffClients: sources.staffClients(),
    webhooks: webhookBacklogs(sources.webhooks()),
    hub: hubDelivery(sources.hub?.() ?? null),
    ledger: { lastSeq: sources.lastSeq(), verify: await checkLedger(sources.ledgerDir, sources.lastSeq()) },
    clock: { ...sources.clock() },
    languages: [...sources.languages],
    problems: [...sources.problems],
    officeTextGaps: [...(sources.officeTextGaps ?? [])],
    receiptKey: { fingerprint: sources.receiptKeyFingerprint },
    canExit,
  };
}
