#!/usr/bin/env node
// `npm start`: `kokuchi start` (electron/cli/start-command.ts), through the same launcher as `npx kokuchi`.
process.argv.splice(2, 0, 'start');
await import('./kokuchi.mjs');
