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

let dataDir: string;

afterEach(async () => {
  await removeDataDir(dataDir);
});

describe('retention in the running kiosk', () => {
  it('prunes segments older than retentionDays at start and records what it removed', async () => {
    dataDir = await makeDataDir();
    const ledgerDir = join(dataDir, 'ledger');
    const old = await ConsentLedger.open({ dir: ledgerDir, kioskId: 'k', counterId: 'c', now: () => new Date('2025-01-15T10:00:00Z') });
    await old.append('session.started', 's-old', { by: 'staff', staffName: null, recording: 'audio' });
    await old.append('session.ended', 's-old', { reason: 'staff' });
    await old.close();

    const core = await startCoreInProcess({ dataDir, config: { retentionDays: 30 } });
    try {
      const deadline = Date.now() + 5000;
      let pruned: Record<string, unknown> | undefined;
      while (!pruned && Date.now() < deadline) {
        pruned = (await staffApi(core.staffLinkUrl).events()).find((e) => e.type === 'ledger.pruned');
        if (!pruned) await new Promise((r) => setTimeout(r, 50));
      }
      expect(pruned).toMatchObject({ segments: [{ segment: '2025-01.jsonl', firstSeq: 1, lastSeq: 2 }] });
      expect(await readdir(ledgerDir)).not.toContain('2025-01.jsonl');
    } finally {
      await core.close();
    }
    expect(await verifyLedger(ledgerDir)).toMatchObject({ ok: true });
  });
});
