// Serves the built renderer over `kokuchi://app/` — never `file://` — with the
// strict CSP on every response. Nothing outside the renderer folder is reachable.
import { readFile as readFileFromDisk } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const CONTENT_SECURITY_POLICY = KIOSK_PAGE_CSP;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.wasm': 'application/wasm',
};

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

// A `..` segment is refused outright, even though Chromium normalises standard URLs
// before we see them: a request that tries to climb out is never a page asset.
const CLIMBING_SEGMENT = /(^|[/\\])\.\.([/\\]|$)/;

function safelyDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The file a request URL maps to inside `rootDir`, or null if it must be refused. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const rawPath = requestUrl.replace(/^[^:]*:\/\/[^/]*/, '').split(/[?#]/)[0] ?? '';
  if (CLIMBING_SEGMENT.test(rawPath) || CLIMBING_SEGMENT.test(safelyDecoded(rawPath) ?? '..')) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const pathname = safelyDecoded(url.pathname);
  if (pathname === null) return null;
  if (pathname.includes('\0') || pathname.includes('\\') || CLIMBING_SEGMENT.test(pathname)) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
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
    const contentType = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
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
