import { InvalidInputError } from '../common/errors';

/** RFC 4648 §6 base32, the alphabet authenticator apps and otpauth:// URIs use for secrets. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAD = '=';

/** Encodes without padding by default (what otpauth:// expects; Key Uri Format says omit it). */
export function base32Encode(bytes: Uint8Array, options: { pad?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.pad) while (out.length % 8 !== 0) out += PAD;
  return out;
}

/**
 * Decodes base32 as people type it: case-insensitive, spaces and dashes ignored, padding optional.
 * Anything else is refused with the position of the first bad character.
 */
export function base32Decode(text: string): Uint8Array {
  const cleaned = text.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < cleaned.length; i++) {
    const v = ALPHABET.indexOf(cleaned[i]);
    if (v < 0) {
      throw new InvalidInputError('BASE32_INVALID', `The secret is not base32: character ${i + 1} is not a letter A–Z or a digit 2–7.`, { position: i + 1 });
    }
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  // A length that leaves 5 or more spare bits cannot come from any byte string. Non-zero spare bits
  // (RFC 4648 §3.5 non-canonical) are accepted, as authenticator apps accept them.
  if (bits >= 5) {
    throw new InvalidInputError('BASE32_INVALID', 'The secret is not valid base32: it has a wrong length or stray trailing bits. Check the last characters.');
  }
  return Uint8Array.from(out);
}
