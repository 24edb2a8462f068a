// The signal leaves as soon as its write is durable: the staff link's frames for one ledger
// write go out when the ledger says that write's last record is handed out, not after what
// other listeners of the same records set going (a webhook's or the hub's delivery, woken by
// them). Here such a listener, told first, queues work that holds the thread for a second and
// a half; a staff app in a process of its own must have the frames well before that ends.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffLink } from '../../electron/core/staff-link/staff-link.js';
import type { StaffLinkCore } from '../../electron/core/staff-link/staff-link-core.js';
import type { LedgerRecord } from '../../electron/shared/events.js';

const TOKEN = 'q'.repeat(43);
const HOLD_MS = 1500;

const record = (seq: number, type: string): LedgerRecord =>
  ({ seq, id: `00000000-0000-7000-8000-00000000000${seq}`, ts: '2026-12-03T10:00:00.000Z', type, kioskId: 'k', counterId: 'c', sessionId: 's', prev: '0'.repeat(64) }) as LedgerRecord;

let link: StaffLink | null = null;
afterEach(async () => {
  await link?.close();
  link = null;
});

/** A staff app in a child process: prints the wall clock when a logging.start frame arrives. */
const CHILD = `
import WebSocket from 'ws';
const ws = new WebSocket(process.argv[1], { headers: { authorization: 'Bearer ${TOKEN}' } });
ws.on('message', (data) => {
  const frame = JSON.parse(String(data));
  if (frame.type === 'welcome') console.log('ready');
  if (frame.type === 'event' && frame.event.type === 'logging.start') { console.log('got ' + Date.now()); ws.close(); }
});
`;

describe('staff link frames of one ledger write', () => {
  it('leave at the end of the write, before work another listener queued for the same records', async () => {
    const listeners: Array<(record: LedgerRecord, batchEnds: boolean, line: string) => void> = [];
    const core = {
      kioskId: 'k',
      counterId: 'c',
      token: () => TOKEN,
      lastSeq: () => 0,
      readAfter: async () => [],
      onEvent: (listener: (record: LedgerRecord, batchEnds: boolean, line: string) => void) => {
        listeners.push(listener);
        return () => undefined;
      },
      welcome: () => ({ screen: 'connected' as const, activeSession: null }),
    } as unknown as StaffLinkCore;
    // Told before the staff link, as a webhook outbox started first would be.
    let heldUntil = 0;
    let woken = false;
    listeners.push(() => {
      // Woken by the write's first record, as a deliverer is.
      if (woken) return;
      woken = true;
      queueMicrotask(() => {
        const until = Date.now() + HOLD_MS;
        while (Date.now() < until) {
          // holds the thread, as a busy delivery would
        }
        heldUntil = until;
      });
    });
    link = await StaffLink.listen({ host: '127.0.0.1', port: 0, core });
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, `${link.url.replace(/^http/, 'ws')}v1/staff`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ready');

    const sentAt = Date.now();
    for (const [seq, type, batchEnds] of [[1, 'consent.acknowledged', false], [2, 'logging.start', true]] as const) {
      const written = record(seq, type);
      for (const listener of listeners) listener(written, batchEnds, JSON.stringify(written));
    }
    const got = Number(String((await lines.next()).value).replace('got ', ''));
    expect(heldUntil).toBeGreaterThan(0);
    // Received while the thread was still held: long before the hold's end.
    expect(got - sentAt).toBeLessThan(HOLD_MS / 2);
    child.kill();
  });
});
