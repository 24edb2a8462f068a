// Builds the kiosk page (renderer/) into dist/renderer/. Relative asset URLs (`base: './'`)
// let the same build load under kokuchi://app/ (Electron) and http://127.0.0.1:PORT/ (headless).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));

/** Chromium always takes WOFF2: dropping @fontsource's WOFF fallbacks halves the fonts shipped. */
const woff2Only = {
  postcssPlugin: 'kokuchi-woff2-only',
  Declaration: {
    src(declaration: { value: string }) {
      declaration.value = declaration.value.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]?woff['"]?\)/g, '');
    },
  },
};

/** The records hub's fleet page, a build of its own into dist/fleet/ (served at the hub's /fleet/, assets beside it). */
const fleetPage = {
  root: fileURLToPath(new URL('./renderer/fleet/', import.meta.url)),
  base: './',
  plugins: [react()],
  css: { postcss: { plugins: [woff2Only] } },
  build: {
    outDir: '../../dist/fleet',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
};

const kioskPages = {
  root: rendererDir,
  base: './',
  plugins: [react()],
  css: { postcss: { plugins: [woff2Only] } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // CSP is script-src 'self' and font-src 'self': no inline polyfill, no data: URLs for small fonts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        // The staff console, served by the staff link at /staff/ (its assets at ../assets/).
        staff: fileURLToPath(new URL('./renderer/staff/index.html', import.meta.url)),
      },
    },
  },
};

// `vite build --mode fleet` (scripts/build.mjs) builds the fleet page; any other mode the kiosk's pages.
export default defineConfig(({ mode }) => (mode === 'fleet' ? fleetPage : kioskPages));
