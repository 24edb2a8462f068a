// One run of every test: unit, integration and end-to-end (test/e2e drives a real
// Chromium against `kokuchi serve`, so it needs `npm run build` first — `npm test` does it).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // electron-store imports 'electron': run through Vitest so tests can hand it the fake electron module.
    server: { deps: { inline: ['electron-store'] } },
  },
});
