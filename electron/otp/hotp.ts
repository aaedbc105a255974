import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../common/errors';

/** HOTP (RFC 4226) with the hash choices RFC 6238 §1.2 adds for TOTP. */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export type OtpDigits = 6 | 8;

export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const OTP_DIGITS: readonly OtpDigits[] = [6, 8];

const NODE_HASH: Record<OtpAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
/** The counter is an 8-byte big-endian moving factor (RFC 4226 §5.1). */
const COUNTER_BYTES = 8;

export interface HotpOptions {
  algorithm?: OtpAlgorithm;
  digits?: OtpDigits;
}

function counterBytes(counter: number | bigint): Uint8Array {
  const c = BigInt(counter);
  if (c < 0n || c > 0xffff_ffff_ffff_ffffn) throw new InvalidInputError('OTP_COUNTER', 'The OTP counter must be between 0 and 2^64 - 1.');
  const out = new Uint8Array(COUNTER_BYTES);
  new DataView(out.buffer).setBigUint64(0, c, false);
  return out;
}

export function hmacOtp(secret: Uint8Array, counter: number | bigint, algorithm: OtpAlgorithm = 'SHA1'): Uint8Array {
  return new Uint8Array(createHmac(NODE_HASH[algorithm], secret).update(counterBytes(counter)).digest());
}

/** Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset named by the low nibble of the last byte. */
export function dynamicTruncate(hmac: Uint8Array): number {
  const offset = hmac[hmac.length - 1] & 0x0f;
  return (((hmac[offset] & 0x7f) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3]) >>> 0;
}

export function formatCode(truncated: number, digits: OtpDigits): string {
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

export function hotp(secret: Uint8Array, counter: number | bigint, options: HotpOptions = {}): string {
  const digits = options.digits ?? 6;
  if (!OTP_DIGITS.includes(digits)) throw new InvalidInputError('OTP_DIGITS', 'An OTP code has 6 or 8 digits.');
  return formatCode(dynamicTruncate(hmacOtp(secret, counter, options.algorithm)), digits);
}

/** Constant-time comparison of two codes of the same length. */
export function codesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a code against counters `counter` … `counter + lookAhead` (RFC 4226 §7.4 resynchronization
 * window). Returns the matched counter, so the caller can store matched + 1; undefined if none.
 */
export function verifyHotp(secret: Uint8Array, code: string, counter: number, options: HotpOptions & { lookAhead?: number } = {}): number | undefined {
  const lookAhead = options.lookAhead ?? 0;
  let found: number | undefined;
  for (let c = counter; c <= counter + lookAhead; c++) {
    if (codesEqual(hotp(secret, c, options), code) && found === undefined) found = c;
  }
  return found;
}
