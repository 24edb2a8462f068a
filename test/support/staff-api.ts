// The staff link's HTTP side as a staff app calls it, with the test token (staff-link.md).
import { TOKEN } from './kiosk-process.js';

export interface StaffApi {
  get(path: string): Promise<Response>;
  /** A JSON body, `{}` when none is given. */
  post(path: string, body?: unknown): Promise<Response>;
  /** The ledger's events after `after` (up to 1000), from `/v1/events`. */
  events(after?: number): Promise<Array<Record<string, unknown>>>;
}

export function staffApi(staffUrl: string, token = TOKEN): StaffApi {
  const authorization = `Bearer ${token}`;
  const get = (path: string) => fetch(new URL(path, staffUrl), { headers: { authorization } });
  return {
    get,
    post: (path, body = {}) =>
      fetch(new URL(path, staffUrl), {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async events(after = 0) {
      const res = await get(`v1/events?after=${after}&limit=1000`);
      return ((await res.json()) as { events: Array<Record<string, unknown>> }).events;
    },
  };
}
