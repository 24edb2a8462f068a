// Paused time in /metrics: ended pauses by their ledger times, a pause going on by the clock.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { KioskMetrics } from '../../../electron/core/metrics/kiosk-metrics.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';

function record(type: string, ts: string, sessionId = 's1'): LedgerRecord {
  return { seq: 1, id: '00000000-0000-7000-8000-000000000000', ts, type, kioskId: 'k', counterId: 'c', sessionId, prev: '0'.repeat(64) } as LedgerRecord;
}

async function pausedSeconds(metrics: KioskMetrics): Promise<number> {
  const line = (await metrics.scrape()).text.split('\n').find((l) => l.startsWith('kokuchi_paused_seconds_total '));
  return Number(line?.split(' ')[1]);
}

describe('kokuchi_paused_seconds_total', () => {
  it('adds each pause up to its resume or stop, and counts a pause still going on', async () => {
    let emit: (record: LedgerRecord) => void = () => undefined;
    let now = Date.parse('2026-12-01T10:00:30.000Z');
    const metrics = new KioskMetrics({
      ledger: { dir: tmpdir(), lastSeq: 0, clock: { trusted: true, offsetMs: 0, jumps: 0, lastJumpAt: null }, onAppend: (listener) => ((emit = listener), () => undefined) },
      staffClients: () => 0,
      webhooks: () => [],
      now: () => now,
    });
    expect(await pausedSeconds(metrics)).toBe(0);
    emit(record('logging.paused', '2026-12-01T10:00:00.000Z'));
    emit(record('logging.resumed', '2026-12-01T10:00:12.500Z'));
    expect(await pausedSeconds(metrics)).toBe(12.5);
    emit(record('logging.paused', '2026-12-01T10:00:20.000Z'));
    expect(await pausedSeconds(metrics)).toBe(22.5);
    now += 5000;
    expect(await pausedSeconds(metrics)).toBe(27.5);
    emit(record('logging.stop', '2026-12-01T10:00:40.000Z'));
    now += 60_000;
    expect(await pausedSeconds(metrics)).toBe(32.5);
    // A stop without a pause adds nothing.
    emit(record('logging.stop', '2026-12-01T10:01:00.000Z', 's2'));
    expect(await pausedSeconds(metrics)).toBe(32.5);
  });
});
