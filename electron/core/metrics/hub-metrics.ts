// The records hub's delivery in `/metrics`: backlog, how far and how recently it got, and
// whether the hub refuses the kiosk's records or notice texts (a refusal does not fix itself).
import { Counter, Gauge, type Registry } from 'prom-client';
import { HUB_REFUSALS, type HubStatus } from '../webhooks/hub-status.js';

export function registerHubMetrics(registry: Registry, hub: () => HubStatus | null): void {
  const registers = [registry];
  new Gauge({
    name: 'kokuchi_hub_backlog',
    help: 'Ledger records the records hub has not yet taken.',
    registers,
    collect() {
      this.set(hub()?.backlog ?? 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_last_delivered_seq',
    help: 'seq of the last record the records hub took.',
    registers,
    collect() {
      this.set(hub()?.lastDeliveredSeq ?? 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_last_delivery_timestamp_seconds',
    help: 'Unix time when the records hub last took a record (0: never).',
    registers,
    collect() {
      const at = hub()?.lastDeliveryAt;
      this.set(at ? Date.parse(at) / 1000 : 0);
    },
  });
  new Counter({
    name: 'kokuchi_hub_delivery_failures_total',
    help: 'Failed delivery attempts to the records hub since the kiosk started (refused or unreachable).',
    registers,
    collect() {
      this.reset();
      this.inc(hub()?.failures ?? 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_refusing',
    help: '1 while the records hub refuses the next record, by reason (bad-signature, diverged, gap, refused).',
    labelNames: ['reason'],
    registers,
    collect() {
      const refusal = hub()?.refusal ?? null;
      for (const reason of HUB_REFUSALS) this.set({ reason }, reason === refusal ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_refused_seq',
    help: 'seq of the record the records hub refuses (0: none refused).',
    registers,
    collect() {
      this.set(hub()?.refusedSeq ?? 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_refused_since_timestamp_seconds',
    help: 'Unix time when the records hub first refused that record (0: none refused).',
    registers,
    collect() {
      const since = hub()?.refusedSince;
      this.set(since ? Date.parse(since) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_notices_pending',
    help: 'Archived notice texts the records hub has not yet taken.',
    registers,
    collect() {
      this.set(hub()?.notices.pending ?? 0);
    },
  });
  new Gauge({
    name: 'kokuchi_hub_notice_refusing',
    help: '1 while the records hub refuses an archived notice text, by reason (bad-signature, diverged, gap, refused).',
    labelNames: ['reason'],
    registers,
    collect() {
      const refusal = hub()?.notices.refusal ?? null;
      for (const reason of HUB_REFUSALS) this.set({ reason }, reason === refusal ? 1 : 0);
    },
  });
}
