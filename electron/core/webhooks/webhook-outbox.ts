// The durable outbox: one deliverer and one cursor file per configured endpoint under
// `<dataDir>/outbox/`, all woken by each new durable ledger event (staff-link.md, Webhooks).
// The records hub is one more endpoint, fed from the oldest record still held (hub.md),
// with the notice archive's texts travelling beside its records.
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryCursor } from './delivery-cursor.js';
import {
  DEFAULT_TIMING,
  EndpointDeliverer,
  type DeliveryTiming,
  type EndpointDelivererOptions,
  type EndpointStatus,
  type OutboxLedger,
} from './endpoint-deliverer.js';
import { hubDisplayUrl, hubIngestUrl, hubNoticesUrl, type HubSection } from '../config/hub-section.js';
import { noticeArchiveDir } from '../notice/notice-archive.js';
import type { DeliveryClock } from './delivery-clock.js';
import { displayUrl, endpointKey } from './endpoint-url.js';
import { HubNotices } from './hub-notices.js';
import { hubStatus, refusalOf, type HubStatus } from './hub-status.js';
import { signingKey } from './webhook-signature.js';

export interface WebhookEndpoint {
  url: string;
  /** `whsec_<base64>`; never logged or shown. */
  secret: string;
  /** Event types to send; absent means all. */
  events?: readonly string[] | undefined;
}

export interface WebhookOutboxOptions {
  dataDir: string;
  endpoints: readonly WebhookEndpoint[];
  /** The records hub, if configured: every record, from the oldest the ledger holds. */
  hub?: HubSection | undefined;
  ledger: OutboxLedger;
  /** Shorter timeouts and retries for tests; the contract's values by default. */
  timing?: Partial<DeliveryTiming>;
  /** When retries are due; the system clock by default (tests step a fake one). */
  clock?: DeliveryClock;
}

export class WebhookOutbox {
  #unsubscribe: (() => void) | null = null;
  /** The webhooks and the hub, woken and stopped together. */
  private readonly deliverers: readonly EndpointDeliverer[];

  private constructor(
    private readonly ledger: OutboxLedger,
    private readonly webhooks: readonly EndpointDeliverer[],
    private readonly hub: EndpointDeliverer | null,
    private readonly notices: HubNotices | null,
  ) {
    this.deliverers = hub ? [...webhooks, hub] : webhooks;
  }

  /**
   * Opens every endpoint's cursor. Open it right after the ledger, before this run's
   * first event: an endpoint seen for the first time starts after the current lastSeq.
   */
  static async open(options: WebhookOutboxOptions): Promise<WebhookOutbox> {
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    const dir = join(options.dataDir, 'outbox');
    if (options.endpoints.length > 0 || options.hub) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
    }
    const seen = new Map<string, number>();
    const webhooks: EndpointDeliverer[] = [];
    const lastSeq = options.ledger.lastSeq;
    const clock = options.clock;
    const deliverer = async (url: string, shown: string, secret: string, cursorKey: string, startAt: number, extra?: Partial<EndpointDelivererOptions>) => {
      const key = signingKey(secret);
      const cursor = await DeliveryCursor.open(dir, cursorKey, shown, startAt);
      if (cursor.seq > lastSeq) {
        // The ledger was replaced under the outbox: waiting for seqs it already passed would deliver nothing.
        process.emitWarning(`The delivery cursor for ${shown} is past the ledger's last seq ${lastSeq}; it restarts there.`);
        await cursor.save(lastSeq);
      }
      return new EndpointDeliverer({ url, displayUrl: shown, key, events: undefined, cursor, ledger: options.ledger, timing, clock, ...extra });
    };
    const shownBefore = new Map<string, number>();
    for (const endpoint of options.endpoints) {
      const occurrence = seen.get(endpoint.url) ?? 0;
      seen.set(endpoint.url, occurrence + 1);
      const key = endpointKey(endpoint.url, occurrence);
      // Endpoints on one host differ only in what is hidden: a number keeps their status and metrics apart.
      const shown = displayUrl(endpoint.url);
      const same = (shownBefore.get(shown) ?? 0) + 1;
      shownBefore.set(shown, same);
      const name = same === 1 ? shown : `${shown} (${same})`;
      webhooks.push(await deliverer(endpoint.url, name, endpoint.secret, key, lastSeq, { events: endpoint.events }));
    }
    let hub: EndpointDeliverer | null = null;
    let notices: HubNotices | null = null;
    if (options.hub) {
      const url = hubIngestUrl(options.hub.url);
      const shown = hubDisplayUrl(options.hub.url);
      notices = await HubNotices.open({
        dir,
        // Beside the record cursor, named after the same URL: another hub starts with no text acknowledged.
        fileKey: `hub-${endpointKey(url, 0)}-notices`,
        url: hubNoticesUrl(options.hub.url),
        displayUrl: shown,
        archiveDir: noticeArchiveDir(options.dataDir),
        key: signingKey(options.hub.secret),
        timing,
        clock,
      });
      // Its own cursor (never a webhook's for the same URL), from cursor 0: the hub gets the whole history.
      hub = await deliverer(url, shown, options.hub.secret, `hub-${endpointKey(url, 0)}`, 0, {
        // The hub's 4xx does not change by itself: asked again on the slow schedule until an operator fixes it.
        isRefusal: (failure) => refusalOf(failure) !== null,
        companion: notices,
      });
    }
    return new WebhookOutbox(options.ledger, webhooks, hub, notices);
  }

  /** Starts delivering what is pending and every event appended from now on. */
  start(): void {
    if (this.#unsubscribe || this.deliverers.length === 0) return;
    this.#unsubscribe = this.ledger.onAppend((record) => {
      this.notices?.noted(record);
      for (const deliverer of this.deliverers) deliverer.wake();
    });
    for (const deliverer of this.deliverers) deliverer.start();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await Promise.all(this.deliverers.map((deliverer) => deliverer.stop()));
  }

  /** Per webhook endpoint, for `/v1/status` and `/metrics`; URLs without credentials or query. */
  status(): EndpointStatus[] {
    return this.webhooks.map((deliverer) => deliverer.status());
  }

  /** The records hub's delivery, or null when no hub is configured. */
  hubStatus(): HubStatus | null {
    return this.hub ? hubStatus(this.hub.status(), this.hub.progress(), this.notices) : null;
  }
}
