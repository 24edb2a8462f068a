// The three pages (the kiosk page from `kokuchi serve`, the staff console on the staff link,
// the fleet page on the hub) as a browser on the office network fetches them: the text files
// in the Brotli or gzip copy the build wrote when the browser accepts one, byte for byte the
// same once decoded; fonts as they are; hashed assets kept a year, the pages themselves not.
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { ROOT, makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from '../support/kiosk-process.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(answer: Answer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
}

/** The first asset the built page at `dir`/index.html links that matches `pattern`. */
async function assetOf(dir: string, pattern: RegExp): Promise<string> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const match = pattern.exec(html);
  if (!match?.[1]) throw new Error(`no asset matching ${pattern} in ${dir}/index.html`);
  return match[1].replace(/^(\.\.\/|\.\/|\/)+/, '');
}

let kiosk: KioskProcess;
let hub: HubProcess;
const dirs: string[] = [];
const RENDERER = join(ROOT, 'dist', 'renderer');
const FLEET = join(ROOT, 'dist', 'fleet');

beforeAll(async () => {
  const [kioskDir, hubDir] = [await makeDataDir(), await makeDataDir()];
  dirs.push(kioskDir, hubDir);
  kiosk = await startKioskProcess({ dataDir: kioskDir, config: await writeKioskConfig(kioskDir, {}) });
  hub = await startHubProcess({ dataDir: hubDir });
}, 60_000);

afterAll(async () => {
  await kiosk?.stop();
  await hub?.stop();
  for (const dir of dirs) await removeDataDir(dir);
});

describe('the pages over the network', async () => {
  const cases = [
    { page: 'the kiosk page', base: () => new URL('/', kiosk.kioskUrl).href, dir: RENDERER, css: await assetOf(RENDERER, /href="([^"]+\.css)"/) },
    { page: 'the staff console', base: () => new URL('/', kiosk.staffUrl).href, dir: RENDERER, css: await assetOf(join(RENDERER, 'staff'), /href="([^"]+\.css)"/) },
    { page: 'the fleet page', base: () => new URL('/fleet/', hub.url).href, dir: FLEET, css: await assetOf(FLEET, /href="([^"]+\.css)"/) },
  ];

  it.each(cases)('$page: CSS in Brotli, gzip or as it is, as the browser accepts, the same bytes once decoded', async ({ base, dir, css }) => {
    const plain = await readFile(join(dir, css));
    const url = new URL(css, base()).href;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br).toMatchObject({ status: 200, headers: { 'content-encoding': 'br', vary: 'accept-encoding', 'content-type': 'text/css; charset=utf-8' } });
    expect(br.body.length).toBeLessThan(plain.length / 4);
    expect(decoded(br).equals(plain)).toBe(true);
    const gz = await get(url, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).equals(plain)).toBe(true);
    const none = await get(url);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);
    expect(await get(url, { 'accept-encoding': 'identity' })).toMatchObject({ headers: { 'content-length': String(plain.length) } });
    // Its name carries its hash: a browser may keep it.
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const head = await get(url, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head).toMatchObject({ status: 200, headers: { 'content-encoding': 'br', 'content-length': String(br.body.length) } });
    expect(head.body.length).toBe(0);
  });

  it('sends fonts as they are, and the pages themselves to be asked for again each time', async () => {
    const font = (await readFile(join(RENDERER, cases[0]!.css), 'utf8')).match(/url\(\.?\/?([^)]+?\.woff2)\)/)?.[1];
    expect(font).toBeDefined();
    const answer = await get(new URL(`assets/${font!.replace(/^.*\//, '')}`, cases[0]!.base()).href, { 'accept-encoding': 'br, gzip' });
    expect(answer).toMatchObject({ status: 200, headers: { 'content-type': 'font/woff2' } });
    expect(answer.headers['content-encoding']).toBeUndefined();
    const staffPage = await get(new URL('/staff/', kiosk.staffUrl).href, { 'accept-encoding': 'br' });
    expect(staffPage).toMatchObject({ status: 200, headers: { 'content-encoding': 'br', 'cache-control': 'no-cache' } });
    expect(decoded(staffPage).toString()).toContain('<div id="root">');
    const fleetPage = await get(new URL('/fleet/', hub.url).href, { 'accept-encoding': 'gzip' });
    expect(fleetPage).toMatchObject({ status: 200, headers: { 'content-encoding': 'gzip', 'cache-control': 'no-cache' } });
  });
});
