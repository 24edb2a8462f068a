// The readers' token: `$KOKUCHI_HUB_TOKEN`, else the one generated on first start and
// kept in the data folder (`kokuchi hub token` shows it).
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { newPairingToken } from '../core/staff-link/pairing-token.js';

export const HUB_TOKEN_ENV = 'KOKUCHI_HUB_TOKEN';
export const HUB_TOKEN_FILE = 'hub-token';

const TOKEN = /^[\x21-\x7e]{16,256}$/;

export async function hubToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ token: string; source: string }> {
  const fromEnv = env[HUB_TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!TOKEN.test(fromEnv)) throw new Error(`${HUB_TOKEN_ENV} must be 16 to 256 printable ASCII characters without spaces`);
    return { token: fromEnv, source: HUB_TOKEN_ENV };
  }
  const file = path.join(dataDir, HUB_TOKEN_FILE);
  const kept = await readFile(file, 'utf8').then((text) => text.trim(), () => null);
  if (kept !== null && TOKEN.test(kept)) return { token: kept, source: file };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const token = newPairingToken();
  // 'wx': two processes starting at once keep the first one's token.
  const written = await open(file, 'wx', 0o600).then(
    async (handle) => {
      try {
        await handle.writeFile(`${token}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return true;
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST' && kept === null) return false;
      throw new Error(`${file} does not hold a usable token; delete it to have a new one made (${error.message})`);
    },
  );
  return written ? { token, source: file } : hubToken(dataDir, env);
}

/** Whether `Authorization: Bearer <token>` carries the token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
