// Which compressed copy a file server may send, from the browser's accept-encoding.
import { describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../../../electron/core/page-files/send-page-file.js';

describe('acceptedEncodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['gzip, deflate, br, zstd', ['gzip', 'deflate', 'br', 'zstd']],
    ['br;q=0, gzip;q=0.5', ['gzip']],
    ['BR ; Q=1.0 , GZIP;q=0.000', ['br']],
    ['identity', ['identity']],
    ['gzip;level=9', ['gzip']],
    [' , ,br', ['br']],
  ])('%j admits %j', (header, expected) => {
    expect([...acceptedEncodings(header)].sort()).toEqual([...expected].sort());
  });
});
