// Throwaway hub data folders. A fresh PGlite cluster takes many seconds to create, so one
// empty cluster is made per machine and copied; the hub migrates the copy as it would a new one.
import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_DIR } from '../../electron/hub/embedded-postgres.js';

const TEMPLATE = path.join(tmpdir(), 'kokuchi-test-pglite-template-0.5');

async function template(): Promise<string> {
  if (await stat(path.join(TEMPLATE, 'PG_VERSION')).then(() => true, () => false)) return TEMPLATE;
  const building = await mkdtemp(path.join(tmpdir(), 'kokuchi-pglite-building-'));
  const db = await PGlite.create({ dataDir: path.join(building, 'db') });
  await db.close();
  // Another worker may have won the race; either copy is an empty cluster.
  await rename(path.join(building, 'db'), TEMPLATE).catch(() => undefined);
  await rm(building, { recursive: true, force: true });
  return TEMPLATE;
}

/** A new hub data folder whose embedded database is an empty cluster. */
export async function makeHubDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kokuchi-hub-'));
  await cp(await template(), path.join(dir, EMBEDDED_DIR), { recursive: true });
  return dir;
}

export async function removeHubDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
