// One delivery attempt: POST the body, wait at most `timeoutMs` for the answer's status.
// A failure is described without the URL, so it can be shown in status and metrics.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** `status` and the start of the answer's body when the endpoint answered at all (the hub explains a refusal there). */
export type PostOutcome = { ok: true } | { ok: false; error: string; status?: number; reply?: string };

/** Enough of an answer's body for a `{"code","message"}` refusal; the rest is not read. */
const REPLY_BYTES = 2048;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function postEvent(
  target: URL,
  headers: SignedHeaders,
  body: string,
  options: { timeoutMs: number; signal: AbortSignal; contentType?: string },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    // Node turns the URL's user and password into Basic authorization.
    const req = send(
      target,
      {
        method: 'POST',
        signal: options.signal,
        headers: {
          ...headers,
          'content-type': options.contentType ?? 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Kokuchi-Webhooks/1',
        },
      },
      (res) => {
        res.on('error', () => undefined);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          res.resume();
          finish({ ok: true });
          return;
        }
        const chunks: Buffer[] = [];
        let length = 0;
        const refused = () => {
          const reply = Buffer.concat(chunks).subarray(0, REPLY_BYTES).toString('utf8');
          finish({ ok: false, error: `answered HTTP ${status}`, status, reply });
        };
        res.on('data', (chunk: Buffer) => {
          if (length < REPLY_BYTES) chunks.push(chunk);
          length += chunk.length;
          if (length >= REPLY_BYTES) {
            refused();
            res.destroy();
          }
        });
        res.on('end', refused);
        res.on('close', refused);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${options.timeoutMs / 1000} s` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({ ok: false, error: `request failed: ${(error.code ?? error.message).slice(0, 200)}` });
    });
    req.end(body);
  });
}
