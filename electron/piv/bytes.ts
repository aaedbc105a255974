/** Small byte helpers shared by the card edge (hex for logs/tests/CLI, concatenation, comparison). */
import { InvalidInputError } from '../common/errors';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** Parses hex (upper/lower case; spaces, colons and a leading 0x ignored). Bad hex is bad input. */
export function fromHex(text: string): Uint8Array {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new InvalidInputError('INVALID_HEX', 'The value is not valid hexadecimal (pairs of 0-9/A-F). Check the input and try again.', {
      length: clean.length,
    });
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Overwrites a buffer holding a secret once it is no longer needed. */
export function zeroize(bytes: Uint8Array): void {
  bytes.fill(0);
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.length <= bytes.length && bytesEqual(bytes.subarray(0, prefix.length), prefix);
}

export const ascii = {
  encode: (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff),
  decode: (b: Uint8Array): string => String.fromCharCode(...b),
};
