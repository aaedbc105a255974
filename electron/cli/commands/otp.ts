import { InvalidInputError } from '../../common/errors';
import { base32Decode } from '../../otp/base32';
import { OTP_ALGORITHMS, OTP_DIGITS, hotp, type OtpAlgorithm, type OtpDigits } from '../../otp/hotp';
import { DEFAULT_PERIOD_SECONDS, totp } from '../../otp/totp';
import type { CliCommand } from '../command';

function parseTime(text: string | undefined): number {
  if (text === undefined) return Math.floor(Date.now() / 1000);
  if (!/^\d+$/.test(text)) throw new InvalidInputError('OTP_TIME', `--time must be a Unix time in whole seconds, got '${text}'.`);
  return Number(text);
}

function parseChoice<T extends string | number>(text: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (text === undefined) return fallback;
  const hit = allowed.find((a) => String(a) === text.toUpperCase() || String(a) === text);
  if (hit === undefined) throw new InvalidInputError('USAGE', `${flag} must be one of ${allowed.join(', ')}; got '${text}'.`);
  return hit;
}

/** `station otp code`: the OATH code for a secret, as a diagnostic for OTP token users. */
export const otpCodeCommand: CliCommand = {
  path: ['otp', 'code'],
  summary: 'Print the TOTP (or HOTP) code for a base32 secret',
  usage: '--secret BASE32 [--time UNIX] [--digits 6|8] [--algorithm SHA1|SHA256|SHA512] [--period S] [--counter N] [--json]',
  help: [
    'TOTP (RFC 6238) by default, at --time (Unix seconds, default now) with a --period-second step (default 30).',
    'With --counter N the HOTP (RFC 4226) code for that counter is printed instead.',
    'The secret is given on the command line, where other local users may see it in the process list:',
    'use this on test secrets or on a station nobody else is logged in to.',
  ].join('\n'),
  options: {
    secret: { type: 'string' },
    time: { type: 'string' },
    digits: { type: 'string' },
    algorithm: { type: 'string' },
    period: { type: 'string' },
    counter: { type: 'string' },
  },
  run(ctx) {
    const v = ctx.values as Record<string, string | undefined>;
    if (!v.secret) throw new InvalidInputError('USAGE', '--secret BASE32 is required.');
    const secret = base32Decode(v.secret);
    if (secret.length === 0) throw new InvalidInputError('OTP_SECRET', 'The secret is empty.');
    const digits = parseChoice<OtpDigits>(v.digits, OTP_DIGITS, 6, '--digits');
    const algorithm = parseChoice<OtpAlgorithm>(v.algorithm, OTP_ALGORITHMS, 'SHA1', '--algorithm');
    let code: string;
    if (v.counter !== undefined) {
      if (v.time !== undefined) throw new InvalidInputError('USAGE', 'Give --time (TOTP) or --counter (HOTP), not both.');
      if (!/^\d+$/.test(v.counter)) throw new InvalidInputError('OTP_COUNTER', `--counter must be a whole number, got '${v.counter}'.`);
      code = hotp(secret, BigInt(v.counter), { digits, algorithm });
    } else {
      const period = v.period === undefined ? DEFAULT_PERIOD_SECONDS : Number(v.period);
      if (!Number.isInteger(period) || period <= 0) throw new InvalidInputError('OTP_PERIOD', `--period must be a whole number of seconds above zero, got '${v.period}'.`);
      code = totp(secret, parseTime(v.time), { digits, algorithm, period });
    }
    secret.fill(0);
    if (ctx.json) ctx.printJson({ code });
    else ctx.io.out(code);
    return 0;
  },
};
