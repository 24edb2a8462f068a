// The alert rules docs/fleet.md gives an office are valid Prometheus rules (promtool, from
// Debian's prometheus package) and watch metrics the hub or the kiosk really exports.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../support/kiosk-process.js';

const run = promisify(execFile);

async function rulesFromDocs(): Promise<string> {
  const doc = await readFile(path.join(ROOT, 'docs', 'fleet.md'), 'utf8');
  const block = /<!-- alert-rules:start -->\n```yaml\n([\s\S]*?)```\n<!-- alert-rules:end -->/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/fleet.md has no alert-rules block');
  return block;
}

it('docs/fleet.md alert rules pass promtool check rules', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kokuchi-rules-'));
  try {
    const file = path.join(dir, 'kokuchi-hub.rules.yml');
    await writeFile(file, await rulesFromDocs());
    const result = await run('promtool', ['check', 'rules', file]).catch((error: NodeJS.ErrnoException & { stdout?: string; stderr?: string }) => {
      if (error.code === 'ENOENT') throw new Error('promtool is missing: apt-get install prometheus (.ci/run installs it)');
      throw new Error(`promtool refused the rules: ${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    expect(result.stdout).toMatch(/SUCCESS: 11 rules found/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('every metric the rules watch is one the hub or the kiosk exports', async () => {
  const rules = await rulesFromDocs();
  const watched = new Set([...rules.matchAll(/\b(kokuchi_[a-z_]+?)(?:_bucket)?\b/g)].map((match) => match[1]!));
  const sources = [
    await readFile(path.join(ROOT, 'electron', 'hub', 'hub-metrics.ts'), 'utf8'),
    await readFile(path.join(ROOT, 'electron', 'core', 'metrics', 'hub-metrics.ts'), 'utf8'),
  ].join('\n');
  for (const name of watched) expect(sources, name).toContain(`'${name}'`);
});
