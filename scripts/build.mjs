// Builds everything the shells run: the kiosk page (Vite), the command-line tools,
// and the Electron main and preload bundles (esbuild). Run by `npm run build`.
import { execFileSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
// The records hub's fleet page, served by `kokuchi hub` at /fleet/.
await viteBuild({ configFile: 'vite.config.ts', mode: 'fleet', logLevel: 'warn' });
// The read-aloud audio (npm run audio), beside the page in both shells: kokuchi://app/audio/ and http://127.0.0.1/audio/.
await cp('assets/audio', 'dist/renderer/audio', { recursive: true });
// The records hub's schema migrations, read at run time beside the CLI bundle (electron/hub/migrations.ts).
await cp('electron/hub/migrations', 'dist/cli/migrations', { recursive: true });
await Promise.all([
  esbuild({ ...node, entryPoints: ['electron/cli/kokuchi.ts'], outfile: 'dist/cli/kokuchi.mjs', format: 'esm', packages: 'external' }),
  // Electron's main process: CommonJS with its dependencies inside, so the packaged app needs no ESM interop.
  esbuild({
    ...node,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'bufferutil', 'utf-8-validate'],
  }),
  // Sandboxed preloads must be a single CommonJS file that requires only 'electron'.
  esbuild({ ...node, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', platform: 'node', external: ['electron'] }),
  // The integrators' client (kokuchi/staff-client): browsers and Node; zod stays a dependency (bundled, its locales add 450 kB).
  esbuild({ ...node, entryPoints: ['electron/staff-client/index.ts'], outfile: 'dist/staff-client/index.js', format: 'esm', platform: 'neutral', target: 'es2022', external: ['zod'] }),
]);
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'electron/staff-client/tsconfig.types.json'], { stdio: 'inherit' });
