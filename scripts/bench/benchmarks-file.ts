// BENCHMARKS.md is written by more than one script: `npm run bench` writes the main part and
// leaves alone the marked sections others write (`<!-- hub-bench:start -->` … `:end -->`, by
// `npm run bench:hub`), and the soak's section when this run did not soak.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

const SECTION = /<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->\n?/g;

function marked(name: string, body: string): string {
  return `<!-- ${name}:start -->\n${body.trimEnd()}\n<!-- ${name}:end -->\n`;
}

/**
 * The new file: `report`, then the soak section, then every other marked section as it was. A
 * short run (`full` false) keeps the last full soak's section and adds its own 1,000-session one.
 */
export async function benchmarksFile(path: string, report: string, soak: string, full: boolean): Promise<string> {
  const old = await readFile(path, 'utf8').catch(() => '');
  const kept = new Map<string, string>();
  for (const match of old.matchAll(SECTION)) kept.set(match[1]!, match[0].endsWith('\n') ? match[0] : `${match[0]}\n`);
  kept.set(full ? 'soak' : 'soak-short', marked(full ? 'soak' : 'soak-short', soak));
  if (full) kept.delete('soak-short');
  const order = ['soak-short', 'soak', ...[...kept.keys()].filter((name) => !name.startsWith('soak'))];
  return [report.trimEnd(), '', ...order.flatMap((name) => (kept.has(name) ? [kept.get(name)!] : []))].join('\n');
}

/** Replaces (or appends) the section marked `name` in BENCHMARKS.md: how each bench part writes its own. */
export async function writeMarkedSection(name: string, section: string): Promise<void> {
  const current = await readFile(BENCHMARKS_FILE, 'utf8');
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  await writeFile(BENCHMARKS_FILE, marked.test(current) ? current.replace(marked, () => section) : `${current.trimEnd()}\n\n${section}\n`);
}
