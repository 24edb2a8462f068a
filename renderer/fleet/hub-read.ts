// Reads the records hub from the fleet page: GET /v1/fleet and /v1/events?kiosk=ID, with
// the hub token, each answer checked against hub-answers.ts.
import type { z } from 'zod';
import { eventsAnswer, fleetAnswer, type FleetKiosk, type HubRecord } from './hub-answers.js';

/** A refused token (the page asks for it again) or anything else that went wrong, in a few words. */
export class HubReadError extends Error {
  constructor(
    readonly unauthorized: boolean,
    reason: string,
  ) {
    super(reason);
  }
}

/** The hub's API sits beside /fleet/: `../v1/…` from the page. */
async function read<T>(path: string, token: string, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(`../${path}`, document.baseURI), { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new HubReadError(false, 'network');
  }
  if (res.status === 401) throw new HubReadError(true, 'HTTP 401');
  if (!res.ok) throw new HubReadError(false, `HTTP ${res.status}`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new HubReadError(false, 'not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HubReadError(false, 'unexpected answer');
  return parsed.data;
}

export function readFleet(token: string): Promise<FleetKiosk[]> {
  return read('v1/fleet', token, fleetAnswer).then((answer) => answer.kiosks);
}

export function readEvents(token: string, kioskId: string, after: number, limit: number): Promise<{ events: HubRecord[]; lastSeq: number }> {
  const query = new URLSearchParams({ kiosk: kioskId, after: String(after), limit: String(limit) });
  return read(`v1/events?${query.toString()}`, token, eventsAnswer);
}
