import { InvalidInputError } from '../common/errors';
import { codesEqual, hotp, type HotpOptions } from './hotp';

/** TOTP (RFC 6238): HOTP over T = floor((now - T0) / X). */
export const DEFAULT_PERIOD_SECONDS = 30;

export interface TotpOptions extends HotpOptions {
  /** Time step X in seconds (RFC 6238 §4.1); 30 unless the token says otherwise. */
  period?: number;
  /** T0, the Unix time to start counting steps from; 0 in practice. */
  t0?: number;
}

export function totpCounter(unixSeconds: number, options: TotpOptions = {}): bigint {
  const period = options.period ?? DEFAULT_PERIOD_SECONDS;
  if (!Number.isInteger(period) || period <= 0) throw new InvalidInputError('OTP_PERIOD', 'The TOTP period must be a whole number of seconds above zero.');
  if (!Number.isFinite(unixSeconds) || unixSeconds < 0) throw new InvalidInputError('OTP_TIME', 'The time must be a Unix time in seconds, zero or later.');
  return BigInt(Math.floor((Math.floor(unixSeconds) - (options.t0 ?? 0)) / period));
}

export function totp(secret: Uint8Array, unixSeconds: number, options: TotpOptions = {}): string {
  return hotp(secret, totpCounter(unixSeconds, options), options);
}

/**
 * Verification-code check with a window of ±`window` steps (RFC 6238 §5.2 allows for clock drift and
 * network delay). Returns the step offset that matched (0 = current), or undefined.
 */
export function verifyTotp(secret: Uint8Array, code: string, unixSeconds: number, options: TotpOptions & { window?: number } = {}): number | undefined {
  const window = options.window ?? 1;
  const here = totpCounter(unixSeconds, options);
  let found: number | undefined;
  for (let d = -window; d <= window; d++) {
    const step = here + BigInt(d);
    if (step < 0n) continue;
    if (codesEqual(hotp(secret, step, options), code) && (found === undefined || Math.abs(d) < Math.abs(found))) found = d;
  }
  return found;
}
