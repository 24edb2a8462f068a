// The staff link's certificate and key (staffLink.tls), read once at start. A file that is
// missing, unreadable or not PEM stops the start with one line naming the file.
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  cert: string;
  key: string;
}

export async function readTlsFiles(tls: TlsFiles): Promise<{ cert: Buffer; key: Buffer }> {
  const cert = await readOne('staffLink.tls.cert', tls.cert);
  const key = await readOne('staffLink.tls.key', tls.key);
  try {
    // Checked here so that a wrong pair fails with a sentence, not an OpenSSL code, before listening.
    createSecureContext({ cert, key });
  } catch (error) {
    throw new Error(
      `staffLink.tls: ${tls.cert} and ${tls.key} are not a matching PEM certificate and private key (${(error as Error).message})`,
    );
  }
  return { cert, key };
}

async function readOne(field: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
    throw new Error(`${field}: cannot read ${path} (${reason})`);
  }
}
