// Retention as the running kiosk applies it: old whole segments go, a ledger.pruned
// record explains the gap, and the ledger still verifies.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { startKiosk } from '../../electron/core/start-kiosk.js';
import { ROOT, TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';

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
    const config = join(dataDir, 'kokuchi.config.json');
    await writeFile(config, JSON.stringify({ retentionDays: 30 }));

    const settings = new Map<string, unknown>();
    const core = await startKiosk({
      dataDir,
      configPath: config,
      settings: { get: (k) => settings.get(k), set: (k, v) => void settings.set(k, v) },
      version: 'test',
      localesDir: join(ROOT, 'locales'),
      overrides: { host: '127.0.0.1', port: 0, token: TOKEN },
    });
    try {
      const deadline = Date.now() + 5000;
      let pruned: Record<string, unknown> | undefined;
      while (!pruned && Date.now() < deadline) {
        const res = await fetch(new URL('v1/events?after=0&limit=100', core.staffLinkUrl), { headers: { authorization: `Bearer ${TOKEN}` } });
        const { events } = (await res.json()) as { events: Array<Record<string, unknown>> };
        pruned = events.find((e) => e.type === 'ledger.pruned');
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
