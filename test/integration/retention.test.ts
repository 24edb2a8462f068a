// Retention as the running kiosk applies it: old whole segments go, a ledger.pruned
// record explains the gap, and the ledger still verifies.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';
import { waitFor } from '../support/wait-for.js';

let dataDir: string;

afterEach(async () => {
  await removeDataDir(dataDir);
});

describe('retention in the running kiosk', () => {
  it('prunes segments older than retentionDays at start and records what it removed', async () => {
    dataDir = await makeDataDir();
    const ledgerDir = join(dataDir, 'ledger');
    const clock = { now: new Date('2025-01-15T10:00:00Z') };
    const old = await ConsentLedger.open({ dir: ledgerDir, kioskId: 'k', counterId: 'c', now: () => clock.now });
    await old.append('session.started', 's-old', { by: 'staff', staffName: null, recording: 'audio' });
    await old.append('session.ended', 's-old', { reason: 'staff' });
    // The kiosk last ran an hour ago: the clock agrees with the ledger's newest record.
    clock.now = new Date(Date.now() - 3_600_000);
    await old.append('kiosk.started', null, { version: '0.0.0-test', configVersion: 'x' });
    await old.close();

    const core = await startCoreInProcess({ dataDir, config: { retentionDays: 30 } });
    try {
      let pruned: Record<string, unknown> | undefined;
      await waitFor(async () => {
        pruned = (await staffApi(core.staffLinkUrl).events()).find((e) => e.type === 'ledger.pruned');
        return pruned !== undefined;
      }, 'ledger.pruned');
      expect(pruned).toMatchObject({ segments: [{ segment: '2025-01.jsonl', firstSeq: 1, lastSeq: 2 }] });
      expect(await readdir(ledgerDir)).not.toContain('2025-01.jsonl');
    } finally {
      await core.close();
    }
    expect(await verifyLedger(ledgerDir)).toMatchObject({ ok: true });
  });

  it('deletes nothing at start when the clock is far ahead of the ledger\'s newest record, and says so on /v1/status', async () => {
    dataDir = await makeDataDir();
    const ledgerDir = join(dataDir, 'ledger');
    const old = await ConsentLedger.open({ dir: ledgerDir, kioskId: 'k', counterId: 'c', now: () => new Date('2025-01-15T10:00:00Z') });
    await old.append('session.started', 's-old', { by: 'staff', staffName: null, recording: 'audio' });
    await old.append('session.ended', 's-old', { reason: 'staff' });
    await old.close();

    const core = await startCoreInProcess({ dataDir, config: { retentionDays: 30 } });
    try {
      let problem: string | null = null;
      // Retention runs just after start.
      await waitFor(async () => {
        const status = (await (await staffApi(core.staffLinkUrl).get('v1/status')).json()) as { ledger: { retentionProblem: string | null } };
        problem = status.ledger.retentionProblem;
        return problem !== null;
      }, 'the retention problem on /v1/status');
      expect(problem).toMatch(/^Not pruning: the system clock \(.*\) is [\d.]+ days ahead of the ledger's newest record \(2025-01-15T10:00:00\.000Z\); nothing was deleted$/);
      expect((await staffApi(core.staffLinkUrl).events()).map((e) => e.type)).not.toContain('ledger.pruned');
      expect(await readdir(ledgerDir)).toContain('2025-01.jsonl');
    } finally {
      await core.close();
    }
    expect(await verifyLedger(ledgerDir)).toMatchObject({ ok: true });
  });
});
