// Serves the built renderer over `kokuchi://app/` — never `file://` — with the
// strict CSP on every response. Nothing outside the renderer folder is reachable.
import { readFile as readFileFromDisk } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { fileInsideFolder } from '../core/index.js';
import { contentTypeOf } from '../shared/content-types.js';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const CONTENT_SECURITY_POLICY = KIOSK_PAGE_CSP;


/** The privileges `kokuchi` needs; must be registered before `app` is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

export interface SchemeRegistry {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
}

export function registerAppScheme(protocol: SchemeRegistry): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** The file a request URL maps to inside `rootDir`, or null if it must be refused. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  // The path as sent, before URL parsing normalises a `..` away.
  const rawPath = requestUrl.replace(/^[^:]*:\/\/[^/]*/, '').split(/[?#]/)[0] ?? '';
  if (fileInsideFolder(rootDir, rawPath) === null) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return fileInsideFolder(rootDir, url.pathname);
}

export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export interface AppProtocolOptions {
  /** The built renderer folder, `<appPath>/dist/renderer`. */
  rootDir: string;
  readFile?: (file: string) => Promise<Uint8Array>;
}

function respond(status: number, body: Uint8Array | string | null, contentType: string): Response {
  const payload = typeof body === 'string' || body === null ? body : new Uint8Array(body);
  return new Response(payload, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

export function createAppRequestHandler(options: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  const readFile = options.readFile ?? readFileFromDisk;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'method not allowed', 'text/plain; charset=utf-8');
    }
    const file = resolveAppFile(options.rootDir, request.url);
    if (file === null) return respond(403, 'forbidden', 'text/plain; charset=utf-8');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return respond(404, 'not found', 'text/plain; charset=utf-8');
    }
    const contentType = contentTypeOf(file);
    return respond(200, request.method === 'HEAD' ? null : body, contentType);
  };
}

export interface ProtocolHandlerRegistry {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Answers every `kokuchi://app/…` request from the renderer folder. Call once `app` is ready. */
export function serveAppProtocol(protocol: ProtocolHandlerRegistry, options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(options));
}
