// `kokuchi serve` with `staffLink.tls`: it prints an https staff link when the certificate is
// usable, and when it is not, it exits non-zero with one line naming the file.
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN, makeDataDir, removeDataDir, runCli, startKioskProcess, writeKioskConfig } from '../support/kiosk-process.js';
import { makeSelfSignedCertificate } from '../support/self-signed-certificate.js';

let dataDir: string;
let cert: string;
let key: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  ({ cert, key } = makeSelfSignedCertificate(dataDir));
});

afterAll(async () => {
  await removeDataDir(dataDir);
});

function configWith(tls: { cert: string; key: string }): Promise<string> {
  return writeKioskConfig(dataDir, { staffLink: { tls } });
}

describe('kokuchi serve with staffLink.tls', () => {
  it('serves the staff link over https', async () => {
    const kiosk = await startKioskProcess({ dataDir, config: await configWith({ cert, key }) });
    try {
      expect(kiosk.staffUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const ca = await readFile(cert);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(new URL('v1/status', kiosk.staffUrl), { ca, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      expect(await kiosk.stop()).toBe(0);
    }
  });

  it('exits 1 with one line naming a certificate file that is missing', async () => {
    const missing = join(dataDir, 'no-such-cert.pem');
    const config = await configWith({ cert: missing, key });
    const result = await runCli(['serve', '--data', dataDir, '--config', config, '--port', '0', '--ui-port', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`kokuchi serve: staffLink.tls.cert: cannot read ${missing} (no such file)\n`);
  });
});
