import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('station otp code as a real process', () => {
  it('prints the RFC 6238 SHA1 code for T = 59 s as JSON and exits 0', async () => {
    const { stdout } = await run(process.execPath, [
      'bin/station.mjs', 'otp', 'code',
      '--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '--time', '59', '--digits', '8', '--algorithm', 'SHA1', '--json',
    ], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ code: '94287082' });
  }, 60_000);
});
