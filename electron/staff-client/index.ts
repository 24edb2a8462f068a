// The integrators' client for a kiosk's staff link (staff-link.md): `import { StaffClient }
// from 'kokuchi/staff-client'`. Runtime-free: browsers and Node ≥ 20 (with `ws`).
export { StaffClient } from './staff-client.js';
export type { ConnectionState, StaffClientEvents, StaffClientOptions, StartSessionInput } from './staff-client.js';
export { StaffClientError, type StaffClientErrorCode } from './staff-client-error.js';
export { memorySeqStore, webStorageSeqStore, type KeyValueStorage, type SeqStore } from './seq-store.js';
export { staffSocketUrl, type WebSocketConstructor, type WebSocketLike } from './web-socket-like.js';
export type { Welcome } from './kiosk-frame.js';
export { EVENT_TYPES, type EventType, type LedgerEvent, type LedgerEventOf, type RecordingMode } from '../shared/events.js';
export type { ActiveSession, ErrorCode } from '../shared/staff-protocol.js';
