// Reads one frame from the kiosk: checked against the shared schema, and an event
// also against its type's own fields, so listeners get exactly what the types promise.
import { z } from 'zod';
import { EVENT_PAYLOADS, type LedgerEvent } from '../shared/events.js';
import { STAFF_PROTOCOL, kioskFrameSchema, type KioskFrame } from '../shared/staff-protocol.js';

export type Welcome = Omit<Extract<KioskFrame, { type: 'welcome' }>, 'type' | 'protocol'>;

export type ReadFrame =
  | { kind: 'welcome'; welcome: Welcome }
  | { kind: 'event'; event: LedgerEvent }
  | { kind: 'result'; id: string | number; result: Record<string, unknown> }
  | { kind: 'error'; id: string | number | null; code: Extract<KioskFrame, { type: 'error' }>['code']; message: string }
  /** An event this client cannot read (a newer kiosk's type): its seq still counts as seen. */
  | { kind: 'unreadable-event'; seq: number; type: string; message: string }
  | { kind: 'other-protocol'; protocol: unknown }
  | { kind: 'bad'; message: string };

const anyEvent = z.object({
  type: z.literal('event'),
  event: z.looseObject({ seq: z.number().int().positive(), type: z.string() }),
});
const anyWelcome = z.looseObject({ type: z.literal('welcome'), protocol: z.unknown() });

export function readKioskFrame(data: unknown): ReadFrame {
  if (typeof data !== 'string') return { kind: 'bad', message: 'the kiosk sent a binary frame' };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch (error) {
    return { kind: 'bad', message: `the kiosk sent a frame that is not JSON: ${(error as Error).message}` };
  }
  const parsed = kioskFrameSchema.safeParse(raw);
  if (!parsed.success) return unreadable(raw, parsed.error);
  const frame = parsed.data;
  switch (frame.type) {
    case 'welcome': {
      const { type: _type, protocol: _protocol, ...welcome } = frame;
      return { kind: 'welcome', welcome };
    }
    case 'result': {
      const { type: _type, id, ok: _ok, ...result } = frame;
      return { kind: 'result', id, result };
    }
    case 'error':
      return { kind: 'error', id: frame.id, code: frame.code, message: frame.message };
    case 'event': {
      const fields = EVENT_PAYLOADS[frame.event.type].safeParse(frame.event);
      if (!fields.success) return unreadable(raw, fields.error);
      // The record itself, not the parsed copy: nothing the kiosk sent is dropped.
      return { kind: 'event', event: frame.event as LedgerEvent };
    }
  }
}

function unreadable(raw: unknown, error: z.ZodError): ReadFrame {
  const issue = error.issues[0];
  const why = `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}`;
  const event = anyEvent.safeParse(raw);
  if (event.success) return { kind: 'unreadable-event', seq: event.data.event.seq, type: event.data.event.type, message: why };
  const welcome = anyWelcome.safeParse(raw);
  if (welcome.success && welcome.data.protocol !== STAFF_PROTOCOL) return { kind: 'other-protocol', protocol: welcome.data.protocol };
  return { kind: 'bad', message: `the kiosk sent a frame this client cannot read: ${why}` };
}
