// What a resident was shown can be printed from the archive after the wording changed:
// the running kiosk keeps each shown text, and `kokuchi notice show` prints it exactly.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/kokuchi.js';
import { readRecordsAfter } from '../../electron/core/ledger/read-records.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir, ROOT } from '../support/kiosk-process.js';
import { join } from 'node:path';

let dataDir: string;
afterEach(async () => {
  await removeDataDir(dataDir);
});

async function showOneNotice(contact: string): Promise<string> {
  const core = await startCoreInProcess({ dataDir, config: { office: { contact: { ja: contact, en: contact } } } });
  try {
    const { sessionId } = await core.call('startSession', { language: 'en' });
    const view = await core.call('getView', {});
    await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version });
  } finally {
    await core.close();
  }
  const records = await readRecordsAfter(join(dataDir, 'ledger'), 0, { upTo: Number.MAX_SAFE_INTEGER });
  const shown = records.filter((record) => record.type === 'notice.shown').at(-1);
  return String(shown?.noticeVersion);
}

async function noticeShow(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['notice', 'show', ...args], {
    appRoot: ROOT,
    version: '0.0.0-test',
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
  });
  return { code, out, err };
}

describe('kokuchi notice show', () => {
  it('prints the exact text of each version the ledger names, after the office text changed', async () => {
    dataDir = await makeDataDir();
    const before = await showOneNotice('Counter 3 (tel. 03-1111-1111)');
    const after = await showOneNotice('Counter 3 (tel. 03-2222-2222)');
    expect(after).not.toBe(before);
    const first = await noticeShow(before, '--data', dataDir);
    expect(first.code).toBe(0);
    expect(`sha256:${createHash('sha256').update(first.out, 'utf8').digest('hex')}`).toBe(before);
    expect(first.out).toContain('03-1111-1111');
    expect((await noticeShow(after, '--data', dataDir)).out).toContain('03-2222-2222');
  });

  it('exits 1 naming an unknown version and 2 for a missing one', async () => {
    dataDir = await makeDataDir();
    const unknown = await noticeShow(`sha256:${'0'.repeat(64)}`, '--data', dataDir);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toContain('no such notice');
    expect((await noticeShow('--data', dataDir)).code).toBe(2);
  });
});
