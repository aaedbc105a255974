import { randomBytes } from 'node:crypto';
import type { OtpAlgorithm } from './hotp';

/**
 * Secret lengths match the hash output (RFC 4226 §4 R6 asks for at least 128 bits and recommends 160;
 * RFC 6238 Appendix B uses 20/32/64-byte seeds for SHA-1/256/512).
 */
export const SECRET_BYTES: Record<OtpAlgorithm, number> = { SHA1: 20, SHA256: 32, SHA512: 64 };

/** A fresh OATH secret from the OS CSPRNG. The caller zeroes it once stored. */
export function generateOtpSecret(algorithm: OtpAlgorithm = 'SHA1'): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_BYTES[algorithm]));
}
