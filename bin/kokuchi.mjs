#!/usr/bin/env node
// `npx kokuchi …`: runs the built command-line tools (dist/cli), see electron/cli/kokuchi.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(appRoot, 'dist', 'cli', 'kokuchi.mjs');
if (!existsSync(bundle)) {
  console.error('kokuchi: the app is not built yet; run `npm run build` (npm install does it too)');
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
const { version } = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8'));
const code = await main(process.argv.slice(2), {
  appRoot,
  version,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exit(code);
