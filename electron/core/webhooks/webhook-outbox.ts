// The durable outbox: one deliverer and one cursor file per configured endpoint under
// `<dataDir>/outbox/`, all woken by each new durable ledger event (staff-link.md, Webhooks).
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryCursor } from './delivery-cursor.js';
import {
  DEFAULT_TIMING,
  EndpointDeliverer,
  type DeliveryTiming,
  type EndpointStatus,
  type OutboxLedger,
} from './endpoint-deliverer.js';
import { displayUrl, endpointKey } from './endpoint-url.js';
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
  ledger: OutboxLedger;
  /** Shorter timeouts and retries for tests; the contract's values by default. */
  timing?: Partial<DeliveryTiming>;
}

export class WebhookOutbox {
  #unsubscribe: (() => void) | null = null;

  private constructor(
    private readonly ledger: OutboxLedger,
    private readonly deliverers: readonly EndpointDeliverer[],
  ) {}

  /**
   * Opens every endpoint's cursor. Open it right after the ledger, before this run's
   * first event: an endpoint seen for the first time starts after the current lastSeq.
   */
  static async open(options: WebhookOutboxOptions): Promise<WebhookOutbox> {
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    const dir = join(options.dataDir, 'outbox');
    if (options.endpoints.length > 0) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
    }
    const seen = new Map<string, number>();
    const deliverers: EndpointDeliverer[] = [];
    for (const endpoint of options.endpoints) {
      const occurrence = seen.get(endpoint.url) ?? 0;
      seen.set(endpoint.url, occurrence + 1);
      const shown = displayUrl(endpoint.url);
      const key = signingKey(endpoint.secret);
      const lastSeq = options.ledger.lastSeq;
      const cursor = await DeliveryCursor.open(dir, endpointKey(endpoint.url, occurrence), shown, lastSeq);
      if (cursor.seq > lastSeq) {
        // The ledger was replaced under the outbox: waiting for seqs it already passed would deliver nothing.
        process.emitWarning(`The webhook cursor for ${shown} is past the ledger's last seq ${lastSeq}; it restarts there.`);
        await cursor.save(lastSeq);
      }
      deliverers.push(
        new EndpointDeliverer({
          url: endpoint.url,
          displayUrl: shown,
          key,
          events: endpoint.events,
          cursor,
          ledger: options.ledger,
          timing,
        }),
      );
    }
    return new WebhookOutbox(options.ledger, deliverers);
  }

  /** Starts delivering what is pending and every event appended from now on. */
  start(): void {
    if (this.#unsubscribe || this.deliverers.length === 0) return;
    this.#unsubscribe = this.ledger.onAppend(() => {
      for (const deliverer of this.deliverers) deliverer.wake();
    });
    for (const deliverer of this.deliverers) deliverer.start();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await Promise.all(this.deliverers.map((deliverer) => deliverer.stop()));
  }

  /** Per endpoint, for `/v1/status` and `/metrics`; URLs without credentials or query. */
  status(): EndpointStatus[] {
    return this.deliverers.map((deliverer) => deliverer.status());
  }
}
