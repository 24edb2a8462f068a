// The StaffClient against a scripted kiosk on a real loopback WebSocket: what a real
// kiosk rarely does on purpose — repeat events, send a type this client does not know,
// speak another protocol — and the client's answer to each.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffClient, StaffClientError, memorySeqStore, staffSocketUrl, webStorageSeqStore } from '../../../electron/staff-client/index.js';
import { waitFor } from '../../support/wait-for.js';

type Hello = { type: 'hello'; token?: string; since?: number };

/** A kiosk that greets, then runs `script` for each connection with the hello it got. */
async function scriptedKiosk(script: (socket: WebSocket, hello: Hello, connection: number) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const hellos: Hello[] = [];
  server.on('connection', (socket) => {
    socket.once('message', (data) => {
      const hello = JSON.parse(data.toString()) as Hello;
      hellos.push(hello);
      script(socket, hello, hellos.length);
    });
  });
  const { port } = server.address() as AddressInfo;
  const close = () => {
    for (const socket of server.clients) socket.terminate();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}/`, hellos, close };
}

function welcome(lastSeq: number, protocol = 1): string {
  return JSON.stringify({ type: 'welcome', protocol, kioskId: 'k', counterId: 'c', lastSeq, screen: 'connected', activeSession: null });
}

function event(seq: number, type = 'logging.stop', fields: Record<string, unknown> = { reason: 'staff' }): string {
  const record = {
    seq,
    id: randomUUID(),
    ts: '2026-11-02T01:02:03.456Z',
    type,
    kioskId: 'k',
    counterId: 'c',
    sessionId: 's',
    prev: '0'.repeat(64),
    ...fields,
  };
  return JSON.stringify({ type: 'event', event: record });
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('StaffClient', () => {
  it('drops repeated events, skips an unknown type with a problem report, and resumes after the last one', async () => {
    const kiosk = await scriptedKiosk((socket, _hello, connection) => {
      if (connection === 1) {
        socket.send(welcome(0));
        for (const frame of [event(1), event(2), event(2), event(1), event(3, 'consent.smiled', {}), event(4)]) socket.send(frame);
        socket.terminate();
      } else {
        socket.send(welcome(5));
        socket.send(event(4));
        socket.send(event(5));
      }
    });
    cleanups.push(kiosk.close);
    const store = memorySeqStore();
    const client = new StaffClient({ WebSocket, store, from: 0, backoff: { firstMs: 5 } });
    cleanups.push(() => client.close());
    const seqs: number[] = [];
    const problems: StaffClientError[] = [];
    client.on('event', (e) => seqs.push(e.seq));
    client.on('problem', (p) => problems.push(p));

    await client.connect(kiosk.url, 'secret-token');
    await waitFor(() => client.lastSeq === 5, 'seq 5');
    expect(seqs).toEqual([1, 2, 4, 5]);
    expect(problems.map((p) => p.code)).toEqual(['unknown-event']);
    expect(problems[0]?.message).toContain('consent.smiled');
    expect(kiosk.hellos).toEqual([
      { type: 'hello', token: 'secret-token', since: 0 },
      { type: 'hello', token: 'secret-token', since: 4 },
    ]);
    await waitFor(() => store.load() === 5, 'the store to hold 5');
  });

  it('a listener that throws is reported and does not stop the stream', async () => {
    const kiosk = await scriptedKiosk((socket) => {
      socket.send(welcome(0));
      socket.send(event(1));
      socket.send(event(2));
    });
    cleanups.push(kiosk.close);
    const client = new StaffClient({ WebSocket, from: 0 });
    cleanups.push(() => client.close());
    const problems: string[] = [];
    client.on('event', (e) => {
      if (e.seq === 1) throw new Error('the recorder is unplugged');
    });
    client.on('problem', (p) => problems.push(`${p.code}: ${p.message}`));
    await client.connect(kiosk.url, 't');
    await waitFor(() => client.lastSeq === 2, 'seq 2');
    expect(problems).toEqual(['listener-failed: a listener threw: Error: the recorder is unplugged']);
  });

  it('refuses a kiosk that speaks another protocol', async () => {
    const kiosk = await scriptedKiosk((socket) => socket.send(welcome(0, 2)));
    cleanups.push(kiosk.close);
    const client = new StaffClient({ WebSocket });
    await expect(client.connect(kiosk.url, 't')).rejects.toMatchObject({ code: 'unsupported-protocol' });
    expect(client.state).toBe('closed');
  });

  it('follows a kiosk whose ledger is behind what the store says, and says so', async () => {
    const kiosk = await scriptedKiosk((socket, hello) => {
      socket.send(welcome(3));
      if (hello.since === 3) socket.send(event(4));
      socket.on('message', (data) => {
        const again = JSON.parse(data.toString()) as Hello;
        if (again.type === 'hello') {
          socket.send(welcome(3));
          socket.send(event(4));
        }
      });
    });
    cleanups.push(kiosk.close);
    const client = new StaffClient({ WebSocket, store: memorySeqStore(90) });
    cleanups.push(() => client.close());
    const problems: string[] = [];
    client.on('problem', (p) => problems.push(p.code));
    await client.connect(kiosk.url, 't');
    await waitFor(() => client.lastSeq === 4, 'seq 4');
    expect(problems).toEqual(['ledger-behind']);
  });

  it('fails the commands in flight when the link drops, and refuses new ones until it is back', async () => {
    let connection = 0;
    const kiosk = await scriptedKiosk((socket, _hello, n) => {
      connection = n;
      socket.send(welcome(0));
      // The first connection swallows commands, then drops.
      if (n === 1) socket.on('message', () => setTimeout(() => socket.terminate(), 10));
    });
    cleanups.push(kiosk.close);
    const client = new StaffClient({ WebSocket, backoff: { firstMs: 200 } });
    cleanups.push(() => client.close());
    await client.connect(kiosk.url, 't');
    const states: string[] = [];
    client.on('state', (state) => states.push(state));
    await expect(client.ping()).rejects.toMatchObject({ code: 'disconnected' });
    await expect(client.ping()).rejects.toMatchObject({ code: 'not-connected' });
    await waitFor(() => client.state === 'open' && connection === 2, 'the reconnect');
    expect(states).toEqual(['reconnecting', 'open']);
  });

  it('sends a pause reason as given, and leaves the field out when there is none', async () => {
    const frames: Array<Record<string, unknown>> = [];
    const kiosk = await scriptedKiosk((socket) => {
      socket.send(welcome(0));
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        frames.push(frame);
        socket.send(JSON.stringify({ type: 'result', id: frame.id, ok: true }));
      });
    });
    cleanups.push(kiosk.close);
    const client = new StaffClient({ WebSocket });
    cleanups.push(() => client.close());
    await client.connect(kiosk.url, 't');
    await client.pause('s1', '<b>電話</b> 本人確認');
    await client.pause('s1');
    expect(frames.map(({ id: _id, ...rest }) => rest)).toEqual([
      { type: 'session.pause', sessionId: 's1', reason: '<b>電話</b> 本人確認' },
      { type: 'session.pause', sessionId: 's1' },
    ]);
  });

  it('keeps the seq in Web Storage and turns staff link URLs into the socket URL', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const store = webStorageSeqStore(storage);
    expect(store.load()).toBeUndefined();
    void store.save(42);
    expect(webStorageSeqStore(storage).load()).toBe(42);
    map.set('kokuchi.staff.lastSeq', '12abc');
    expect(store.load()).toBeUndefined();

    expect(staffSocketUrl('http://192.0.2.10:4780/')).toBe('ws://192.0.2.10:4780/v1/staff');
    expect(staffSocketUrl('https://kiosk.example:4780')).toBe('wss://kiosk.example:4780/v1/staff');
    expect(staffSocketUrl('ws://127.0.0.1:1/v1/staff')).toBe('ws://127.0.0.1:1/v1/staff');
    expect(() => staffSocketUrl('ftp://x/')).toThrow(/http:, https:, ws: or wss:/);
    expect(new StaffClientError('timeout', 'x')).toBeInstanceOf(Error);
  });
});
