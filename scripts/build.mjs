// Builds everything the shells run: the kiosk page (Vite), the command-line tools,
// and the Electron main and preload bundles (esbuild). Run by `npm run build`.
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
// The records hub's fleet page, served by `kokuchi hub` at /fleet/.
await viteBuild({ configFile: 'vite.config.ts', mode: 'fleet', logLevel: 'warn' });
// A Brotli and a gzip copy beside each text file of the pages, for the servers to send to a
// browser that accepts one (electron/core/page-files/send-page-file.ts keeps the same list).
const TEXT_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt']);
const [brotli, gz] = [promisify(brotliCompress), promisify(gzip)];
async function compressPage(dir) {
  const files = (await readdir(dir, { recursive: true })).filter((name) => TEXT_TYPES.has(extname(name)));
  await Promise.all(
    files.map(async (name) => {
      const body = await readFile(join(dir, name));
      const [br, gzipped] = await Promise.all([
        brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gz(body, { level: 9 }),
      ]);
      if (br.length < body.length) await writeFile(join(dir, `${name}.br`), br);
      if (gzipped.length < body.length) await writeFile(join(dir, `${name}.gz`), gzipped);
    }),
  );
}
await Promise.all([compressPage('dist/renderer'), compressPage('dist/fleet')]);
// The read-aloud audio (npm run audio), beside the page in both shells: kokuchi://app/audio/ and http://127.0.0.1/audio/.
await cp('assets/audio', 'dist/renderer/audio', { recursive: true });
// The records hub's schema migrations, read at run time beside the CLI bundle (electron/hub/migrations.ts).
// The CLI's chunks are named by their hash: a fresh folder, so no chunk of an older build stays.
await rm('dist/cli', { recursive: true, force: true });
await cp('electron/hub/migrations', 'dist/cli/migrations', { recursive: true });
await Promise.all([
  // The command-line tools, and the worker thread of the ledger's parallel verify and export
  // (electron/core/ledger/range-workers.ts finds it beside them). Split into chunks, so that a
  // command loads only what it uses (`ledger verify` neither the hub's PostgreSQL client nor the
  // staff link's WebSocket server). Chunks sit beside the entries: modules that find files
  // relative to their own URL (the hub's migrations/, the worker) see the same folder.
  esbuild({
    ...node,
    entryPoints: ['electron/cli/kokuchi.ts', 'electron/core/ledger/ledger-worker.ts'],
    outdir: 'dist/cli',
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    packages: 'external',
  }),
  // Electron's main process: CommonJS with its dependencies inside, so the packaged app needs no ESM interop.
  esbuild({
    ...node,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'bufferutil', 'utf-8-validate'],
    // No ledger worker file sits beside this bundle: the kiosk's ledger verifies in order, on its own thread.
    define: { 'import.meta.url': 'undefined' },
  }),
  // Sandboxed preloads must be a single CommonJS file that requires only 'electron'.
  esbuild({ ...node, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', platform: 'node', external: ['electron'] }),
  // The integrators' client (kokuchi/staff-client): browsers and Node; zod stays a dependency (bundled, its locales add 450 kB).
  esbuild({ ...node, entryPoints: ['electron/staff-client/index.ts'], outfile: 'dist/staff-client/index.js', format: 'esm', platform: 'neutral', target: 'es2022', external: ['zod'] }),
]);
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'electron/staff-client/tsconfig.types.json'], { stdio: 'inherit' });
