// A real ledger in a temp folder with a clock the test moves, and typical payloads.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';

export const NOTICE_VERSION = `sha256:${'ab'.repeat(32)}`;

export interface TempLedger {
  dataDir: string;
  dir: string;
  clock: { now: Date };
  open(): Promise<ConsentLedger>;
  /** The segment's lines, without the trailing empty string. */
  lines(segment: string): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function makeTempLedger(start = '2026-11-15T09:00:00.000Z'): Promise<TempLedger> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kokuchi-ledger-'));
  const dir = path.join(dataDir, 'ledger');
  const clock = { now: new Date(start) };
  return {
    dataDir,
    dir,
    clock,
    open: () => ConsentLedger.open({ dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => clock.now }),
    async lines(segment) {
      const text = await readFile(path.join(dir, segment), 'utf8');
      return text.split('\n').filter((line) => line !== '');
    },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** One resident's pass through the counter: seven events. */
export async function recordSession(ledger: ConsentLedger, sessionId: string): Promise<void> {
  await ledger.append('session.started', sessionId, { by: 'staff', staffName: 'Suzuki', recording: 'audio' });
  await ledger.append('notice.shown', sessionId, { language: 'ja', noticeVersion: NOTICE_VERSION, reviewed: true });
  await ledger.append('consent.acknowledged', sessionId, {
    language: 'ja',
    noticeVersion: NOTICE_VERSION,
    elapsedMs: 4200,
  });
  await ledger.append('logging.start', sessionId, { by: 'acknowledgement', recording: 'audio' });
  await ledger.append('logging.stop', sessionId, { reason: 'staff' });
  await ledger.append('session.ended', sessionId, { reason: 'staff' });
  await ledger.append('kiosk.started', null, { version: '0.1.0', configVersion: `sha256:${'cd'.repeat(32)}` });
}
