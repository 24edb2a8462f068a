// Hostile input for the staff link, invalid by construction against staff-link.md: each
// case says what the contract promises in return (an `error` frame, or a close code).
import type { SeededRandom } from './seeded-random.js';

export const FRAME_LIMIT = 64 * 1024;

export type FrameCase =
  | { kind: string; data: string | Buffer; binary: boolean; expect: 'error' }
  | { kind: string; data: string | Buffer; binary: boolean; expect: 'close'; code: number };

export interface HttpCase {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | null;
}

const COMMAND_TYPES = ['hello', 'session.start', 'session.override', 'session.end', 'ping'] as const;
const UNKNOWN_TYPES: readonly unknown[] = [
  'session.delete', 'HELLO', 'Ping', 'logging.start', 'session.start ', ' ping', '', 'welcome', 'event', 'result',
  5, null, true, ['ping'], { type: 'ping' },
];
const WRONG_ID: readonly unknown[] = [true, false, null, {}, [1], { id: 1 }];
const NOT_A_STRING: readonly unknown[] = [7, -1, 0.5, true, null, {}, ['x'], { text: 'x' }];
const ALPHABET = 'abcXYZ019 -_.:/\\"\'{}[]<>&%\u00e9\u3042\u6f22\u5b57\u30ab\u0928\u1000\ud83d\ude00\u0000\u0007\n\t\u202e';

export function randomText(r: SeededRandom, maxLength: number): string {
  const length = r.int(0, maxLength);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += r.chance(0.2) ? String.fromCharCode(r.int(0x20, 0x7e)) : ALPHABET[r.int(0, ALPHABET.length - 1)];
  }
  return text;
}

/** Lone surrogates (random text has them) replaced, as a URL needs. */
function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Any JSON value; an object never carries one of the contract's command types. */
export function randomJson(r: SeededRandom, depth = 3): unknown {
  const shape = r.int(0, depth > 0 ? 7 : 4);
  switch (shape) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, r.int(-1e6, 1e6)]);
    case 3:
    case 4:
      return randomText(r, 40);
    case 5:
      return Array.from({ length: r.int(0, 5) }, () => randomJson(r, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(1, 5); i > 0; i--) object[`k_${randomText(r, 8)}`] = randomJson(r, depth - 1);
      if (r.chance(0.4)) object.type = r.pick(UNKNOWN_TYPES);
      if (r.chance(0.4)) object.id = r.pick([1, 'r1', ...WRONG_ID]);
      return object;
    }
  }
}

export function validTemplate(r: SeededRandom, type: (typeof COMMAND_TYPES)[number]): Record<string, unknown> {
  switch (type) {
    case 'hello':
      return { type, token: 't'.repeat(43), since: r.int(0, 10), client: { name: 'fuzz', version: '1' } };
    case 'session.start':
      return { type, id: r.int(1, 1e6), staffName: 'Sato', language: 'vi', recording: 'audio' };
    case 'session.override':
      return { type, id: `o${r.int(1, 1e6)}`, sessionId: 'no-such-session', reason: 'explained' };
    case 'session.end':
      return { type, id: `e${r.int(1, 1e6)}`, sessionId: 'no-such-session', reason: 'done' };
    case 'ping':
      return { type, id: r.int(1, 1e6) };
  }
}

/** A known command with exactly one field made wrong by the contract's own terms. */
export function wrongFields(r: SeededRandom): Record<string, unknown> {
  const type = r.pick(COMMAND_TYPES);
  const frame = validTemplate(r, type);
  const mutations: Array<() => void> = [
    () => (frame[`unknown_${randomText(r, 5)}`] = randomJson(r, 1)),
    () => (frame.type = r.pick(UNKNOWN_TYPES)),
  ];
  if (type !== 'hello') {
    mutations.push(() => (frame.id = r.pick(WRONG_ID)), () => delete frame.id);
  }
  if (type === 'hello') {
    mutations.push(
      () => (frame.token = r.pick([7, true, {}, ['t'], null])),
      () => (frame.since = r.pick([-1, 1.5, '3', null, {}, -1e9])),
      () => (frame.client = r.pick(['fuzz', 5, [], { name: 5, version: '1' }, { name: 'a', version: '1', extra: 1 }])),
    );
  }
  if (type === 'session.start') {
    mutations.push(
      () => (frame.staffName = r.pick([...NOT_A_STRING, 'x'.repeat(41), 'x'.repeat(r.int(41, 60_000))])),
      () => (frame.recording = r.pick(['video', 'AUDIO', 'audio-video ', 3, null, ['audio']])),
      () => (frame.language = r.pick([3, true, null, {}, ['vi']])),
    );
  }
  if (type === 'session.override' || type === 'session.end') {
    mutations.push(() => (frame.sessionId = r.pick([5, null, true, {}, ['s']])), () => delete frame.sessionId);
  }
  if (type === 'session.override') {
    mutations.push(() => (frame.reason = r.pick([...NOT_A_STRING, 'x'.repeat(201), 'x'.repeat(r.int(201, 60_000))])), () => delete frame.reason);
  }
  if (type === 'session.end') mutations.push(() => (frame.reason = r.pick(NOT_A_STRING)));
  r.pick(mutations)();
  return frame;
}

function truncatedJson(r: SeededRandom): string {
  const whole = JSON.stringify(r.chance(0.6) ? validTemplate(r, r.pick(COMMAND_TYPES)) : { type: 'ping', id: 1, pad: randomJson(r) });
  return whole.slice(0, r.int(0, whole.length - 1));
}

function deeplyNested(r: SeededRandom): string {
  if (r.chance(0.5)) {
    const depth = r.int(100, 30_000);
    return '['.repeat(depth) + ']'.repeat(depth);
  }
  const depth = r.int(100, 10_000);
  return '{"type":"ping","id":1,"a":'.concat('{"a":'.repeat(depth), '1', '}'.repeat(depth + 1));
}

function hugeButAllowed(r: SeededRandom): string {
  const filler = 'あ'.repeat(r.int(1000, 20_000)); // 3 bytes each: at most 60 000 bytes
  return JSON.stringify(r.pick([
    { type: 'session.start', id: 1, staffName: filler },
    { type: 'session.override', id: 2, sessionId: 's', reason: filler },
    { type: 'frobnicate', id: 3, payload: filler },
    { type: 'ping', id: 4, extra: filler },
  ]));
}

function oversized(r: SeededRandom): { data: string | Buffer; binary: boolean } {
  const padding = 'x'.repeat(r.int(FRAME_LIMIT + 1, FRAME_LIMIT * 3));
  if (r.chance(0.3)) return { data: Buffer.from(padding), binary: true };
  return { data: JSON.stringify({ type: 'ping', id: 1, pad: padding }), binary: false };
}

const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0x7b]), Buffer.from('{"type":"ping","id":"\xed\xa0\x80"}', 'latin1')];

/** One hostile frame for an authenticated socket. */
export function hostileFrame(r: SeededRandom): FrameCase {
  const kind = r.pick(['bytes', 'text', 'json', 'truncated', 'wrong-fields', 'wrong-fields', 'huge', 'nested', 'unknown-type', 'binary-json', 'oversized', 'invalid-utf8']);
  switch (kind) {
    case 'bytes':
      return { kind, data: r.bytes(r.int(0, 4096)), binary: true, expect: 'error' };
    case 'text':
      return { kind, data: randomText(r, 300), binary: false, expect: 'error' };
    case 'json':
      return { kind, data: JSON.stringify(randomJson(r)), binary: false, expect: 'error' };
    case 'truncated':
      return { kind, data: truncatedJson(r), binary: false, expect: 'error' };
    case 'wrong-fields':
      return { kind, data: JSON.stringify(wrongFields(r)), binary: false, expect: 'error' };
    case 'huge':
      return { kind, data: hugeButAllowed(r), binary: false, expect: 'error' };
    case 'nested':
      return { kind, data: deeplyNested(r), binary: false, expect: 'error' };
    case 'unknown-type':
      return { kind, data: JSON.stringify({ type: r.pick(UNKNOWN_TYPES), id: r.int(1, 100) }), binary: false, expect: 'error' };
    case 'binary-json':
      return { kind, data: Buffer.from(JSON.stringify({ type: 'ping', id: 1 })), binary: true, expect: 'error' };
    case 'oversized':
      return { kind, ...oversized(r), expect: 'close', code: 1009 };
    default:
      // Not in the staff contract but RFC 6455's: a text frame must be UTF-8.
      return { kind, data: r.pick(INVALID_UTF8), binary: false, expect: 'close', code: 1007 };
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'MKCOL', 'SEARCH'];
const KNOWN_PATHS = ['/healthz', '/v1/status', '/v1/events', '/v1/sessions', '/v1/sessions/abc/override', '/v1/sessions/abc/end', '/metrics', '/v1/staff', '/'];

function pathSegment(r: SeededRandom): string {
  return r.pick([
    () => encodeURIComponent(wellFormed(randomText(r, 20))),
    () => '%' + r.pick(['', 'E0', 'E0%A4%A', 'zz', '00', 'C3%28', 'ED%A0%80']),
    () => 'x'.repeat(r.int(60, 1500)),
    () => r.pick(['..', '.', '%2e%2e', '..%2F..', '', '~', '*']),
  ])();
}

function randomPath(r: SeededRandom): string {
  const base = r.pick(KNOWN_PATHS);
  switch (r.int(0, 5)) {
    case 0:
      return base;
    case 1:
      return `${base}/${pathSegment(r)}`;
    case 2:
      return `/v1/sessions/${pathSegment(r)}/${r.pick(['override', 'end', 'END', 'start', ''])}`;
    case 3:
      return `/v1/events?after=${r.pick(['-1', 'abc', '1e3', '99999999999999999999', '', '0x10', pathSegment(r)])}&limit=${r.pick(['-5', '1001', 'NaN', '', '5'])}`;
    case 4:
      return `${base}?${encodeURIComponent(wellFormed(randomText(r, 30)))}=${pathSegment(r)}`;
    default:
      return '/' + Array.from({ length: r.int(1, 6) }, () => pathSegment(r)).join('/');
  }
}

/** A request body that no staff route accepts (never empty: an empty body is a valid session.start). */
function hostileBody(r: SeededRandom): string | Buffer {
  switch (r.int(0, 6)) {
    case 0: {
      const bytes = r.bytes(r.int(1, 2048));
      bytes[0] = 0xff;
      return bytes;
    }
    case 1:
      return JSON.stringify(randomJson(r)).replace(/^\{\}$/, '[]');
    case 2:
      return truncatedJson(r) || '{';
    case 3: {
      const { type: _type, id: _id, ...body } = wrongFields(r);
      return JSON.stringify(Object.keys(body).length === 0 ? { bogus: true } : { ...body, bogus: 1 });
    }
    case 4:
      return deeplyNested(r);
    case 5:
      return 'x'.repeat(r.int(FRAME_LIMIT + 1, FRAME_LIMIT * 2));
    default:
      return `${randomText(r, 200)}!`;
  }
}

function hostileHeaders(r: SeededRandom): Record<string, string> {
  const headers: Record<string, string> = {};
  if (r.chance(0.7)) {
    headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=shift_jis', ';;;']);
  }
  if (r.chance(0.2)) headers['content-encoding'] = r.pick(['gzip', 'br', 'identity', 'x-unknown']);
  if (r.chance(0.2)) headers.accept = r.pick(['*/*', 'text/html', 'application/json;q=0']);
  if (r.chance(0.2)) headers.origin = r.pick(['https://evil.example', 'null', 'http://127.0.0.1']);
  if (r.chance(0.3)) headers[`x-fuzz-${r.int(0, 99)}`] = randomText(r, 200).replace(/[^\x20-\x7e]/g, '?');
  return headers;
}

/** One hostile request; the caller adds the authorization header it wants. */
export function hostileRequest(r: SeededRandom): HttpCase {
  const method = r.pick(METHODS);
  // A POST always carries a hostile body: with none, POST /v1/sessions is a valid session.start.
  const withBody = method === 'POST' || (method !== 'GET' && method !== 'HEAD' && r.chance(0.85));
  return { kind: withBody ? 'body' : 'no-body', method, path: randomPath(r), headers: hostileHeaders(r), body: withBody ? hostileBody(r) : null };
}

/** What a wrong `Authorization` header may look like. */
export function wrongAuthorization(r: SeededRandom): string {
  return r.pick([
    () => `Bearer ${'k'.repeat(r.int(0, 80))}x`,
    () => `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    () => `Bearer ${randomText(r, 60).replace(/[^\x21-\x7e]/g, 'a')}`,
    () => 'Bearer',
    () => `bearer  ${'z'.repeat(43)}`,
    () => randomText(r, 100).replace(/[^\x20-\x7e]/g, '?'),
  ])();
}
