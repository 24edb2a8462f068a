// First paint of the kiosk page and the staff console, scored by Lighthouse (desktop
// preset, its simulated throttling) in Debian's Chromium, beside a minimal page served
// with the same headers as the floor in the same run. Part of `npm run bench`; writes its
// own section of BENCHMARKS.md. `tsx scripts/bench/first-paint.ts` runs it alone.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { KIOSK_PAGE_CSP } from '../../electron/shared/content-security-policy.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../test/support/browser.js';
import { writeMarkedSection } from './benchmarks-file.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GOAL = 98;

export interface PaintResult {
  page: string;
  runs: number;
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Bytes transferred before the page settled, by resource type. */
  bytes: { css: number; js: number; font: number; total: number };
  fontFiles: number;
}

/** `<h1>` in Japanese on a page with nothing else: what any page costs on this machine. */
async function minimalPage(): Promise<{ url: string; close: () => Promise<void> }> {
  const html = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kokuchi</title></head><body><h1>告知 Kokuchi</h1></body></html>';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': KIOSK_PAGE_CSP, 'cache-control': 'no-cache' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `kokuchi serve` on a throwaway data folder, as a deployment runs it; its two printed links. */
async function serveKiosk(dataDir: string): Promise<{ kioskLink: string; staffUrl: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kokuchi.mjs'), 'serve', '--data', dataDir, '--port', '0', '--ui-port', '0'], {
    env: { ...process.env, KOKUCHI_STAFF_TOKEN: 'p'.repeat(43) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kokuchi serve exited ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^(kiosk ui|staff link): (\S+)$/.exec(line);
      if (match) found[match[1] as string] = match[2] as string;
      if (found['kiosk ui'] && found['staff link']) resolve();
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    kioskLink: found['kiosk ui'] as string,
    staffUrl: found['staff link'] as string,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function score(port: number, name: string, url: string, runs: number): Promise<PaintResult> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    // The kiosk page's screen cookie must survive; the cache is cleared below instead.
    disableStorageReset: true,
  };
  const samples: PaintResult[] = [];
  for (let run = 0; run < runs; run++) {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await page.close();
    await browser.disconnect();
    const result = await lighthouse(url, flags, desktopConfig);
    if (!result) throw new Error(`${name}: Lighthouse gave no result`);
    const { audits, categories } = result.lhr;
    if (result.lhr.runtimeError) throw new Error(`${name}: ${result.lhr.runtimeError.message}`);
    const requests = ((audits['network-requests']?.details as { items?: Array<{ resourceType?: string; transferSize?: number; url: string }> })?.items ?? []);
    const sum = (type: string) => requests.filter((r) => r.resourceType === type).reduce((total, r) => total + (r.transferSize ?? 0), 0);
    samples.push({
      page: name,
      runs: 1,
      score: Math.round((categories.performance?.score ?? 0) * 100),
      fcp: audits['first-contentful-paint']?.numericValue ?? NaN,
      lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
      tbt: audits['total-blocking-time']?.numericValue ?? NaN,
      cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
      bytes: { css: sum('Stylesheet'), js: sum('Script'), font: sum('Font'), total: requests.reduce((t, r) => t + (r.transferSize ?? 0), 0) },
      fontFiles: requests.filter((r) => r.resourceType === 'Font').length,
    });
  }
  const pick = <T>(f: (s: PaintResult) => T) => samples.map(f);
  return {
    page: name,
    runs,
    score: median(pick((s) => s.score)),
    fcp: median(pick((s) => s.fcp)),
    lcp: median(pick((s) => s.lcp)),
    tbt: median(pick((s) => s.tbt)),
    cls: median(pick((s) => s.cls)),
    bytes: {
      css: median(pick((s) => s.bytes.css)),
      js: median(pick((s) => s.bytes.js)),
      font: median(pick((s) => s.bytes.font)),
      total: median(pick((s) => s.bytes.total)),
    },
    fontFiles: median(pick((s) => s.fontFiles)),
  };
}

/** Lighthouse scores of the minimal page, the kiosk's idle screen and the staff console (the median of `runs`). */
export async function measureFirstPaint(runs = 3): Promise<PaintResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kokuchi-paint-'));
  const floor = await minimalPage();
  const kiosk = await serveKiosk(dataDir);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  try {
    // The one-time link gives this browser the screen cookie; Lighthouse then loads the clean URL.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const page = await browser.newPage();
    await page.goto(kiosk.kioskLink);
    await page.waitForSelector('[data-testid="screen-idle"]');
    const kioskUrl = page.url();
    await page.close();
    await browser.disconnect();
    return [
      await score(chrome.port, 'minimal page (floor)', floor.url, runs),
      await score(chrome.port, 'kiosk page, idle screen', kioskUrl, runs),
      await score(chrome.port, 'staff console (/staff/)', new URL('staff/', kiosk.staffUrl).href, runs),
    ];
  } finally {
    chrome.kill();
    await kiosk.stop();
    await floor.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function firstPaintSection(results: PaintResult[]): string {
  const [floor] = results;
  return [
    '<!-- first-paint:start -->',
    '## First paint (Lighthouse, desktop)',
    '',
    `- Date: ${new Date().toISOString()}; Lighthouse 12, desktop preset (simulated throttling: 40 ms RTT, 10 Mbit/s), Chromium headless; median of ${floor?.runs ?? 0} runs each, cache cleared before each.`,
    '- Floor: a page with one Japanese heading and nothing else, served with the kiosk page\'s headers. Goal: performance ≥ 98 on the kiosk page and the staff console.',
    '',
    '| page | performance | first contentful paint | largest contentful paint | total blocking time | layout shift | CSS | JS | fonts (files) | goal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) =>
      `| ${r.page} | ${r.score} | ${s(r.fcp)} | ${s(r.lcp)} | ${r.tbt.toFixed(0)} ms | ${r.cls.toFixed(3)} | ${kB(r.bytes.css)} | ${kB(r.bytes.js)} | ${kB(r.bytes.font)} (${r.fontFiles}) | ${r === floor ? '—' : r.score >= GOAL ? 'met' : '**not met**'} |`,
    ),
    '<!-- first-paint:end -->',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const section = firstPaintSection(await measureFirstPaint(Number(process.env.PAINT_RUNS ?? 3)));
  await writeMarkedSection('first-paint', section);
  console.log(section);
}
