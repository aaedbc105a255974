import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: '/' };
  return { io, out, err };
}
// base32 of the RFC 6238 seeds
const SHA1_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SHA512_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA';

describe('station otp code', () => {
  it('prints the RFC 6238 code for a secret and time', async () => {
    const { io, out } = fakeIo();
    expect(await runCli(['otp', 'code', '--secret', SHA1_SEED, '--time', '1234567890', '--digits', '8', '--algorithm', 'SHA1'], io)).toBe(0);
    expect(out).toEqual(['89005924']);
  });

  it('prints {code} with --json, and supports SHA512 and 6 digits', async () => {
    const { io, out } = fakeIo();
    expect(await runCli(['otp', 'code', '--secret', SHA512_SEED, '--time', '2000000000', '--digits', '8', '--algorithm', 'sha512', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({ code: '38618901' });
    const six = fakeIo();
    await runCli(['otp', 'code', '--secret', SHA1_SEED, '--time', '59'], six.io);
    expect(six.out).toEqual(['287082']);
  });

  it('prints HOTP codes with --counter', async () => {
    const { io, out } = fakeIo();
    expect(await runCli(['otp', 'code', '--secret', SHA1_SEED, '--counter', '9'], io)).toBe(0);
    expect(out).toEqual(['520489']);
  });

  it('exits 2 with a one-line reason on bad input, without echoing the secret', async () => {
    for (const args of [
      ['otp', 'code'],
      ['otp', 'code', '--secret', 'NOT-BASE32!', '--time', '1'],
      ['otp', 'code', '--secret', SHA1_SEED, '--digits', '7'],
      ['otp', 'code', '--secret', SHA1_SEED, '--algorithm', 'MD5'],
      ['otp', 'code', '--secret', SHA1_SEED, '--time', 'yesterday'],
    ]) {
      const { io, err } = fakeIo();
      expect(await runCli(args, io)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).not.toContain('NOT-BASE32');
    }
  });
});
