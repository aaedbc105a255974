import { InvalidInputError } from '../common/errors';

/** The simple TLVs YKOATH uses: one-byte tag, BER length (short, 0x81 xx or 0x82 xx xx), value. */
export interface Tlv {
  tag: number;
  value: Uint8Array;
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const head = n < 0x80 ? [tag, n] : n <= 0xff ? [tag, 0x81, n] : [tag, 0x82, n >> 8, n & 0xff];
  if (n > 0xffff) throw new InvalidInputError('TLV_TOO_LONG', 'A YKOATH TLV value is longer than 65535 bytes.');
  const out = new Uint8Array(head.length + n);
  out.set(head);
  out.set(value, head.length);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Parses a TLV sequence. `bareByteTags` lists tags followed by one value byte and no length: YKOATH
 * PUT writes PROPERTY (0x78) that way.
 */
export function parseTlvs(bytes: Uint8Array, options: { bareByteTags?: number[] } = {}): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (i + 2 > bytes.length) throw new InvalidInputError('TLV_TRUNCATED', 'The token sent a truncated TLV.');
    const tag = bytes[i++];
    if (options.bareByteTags?.includes(tag)) {
      out.push({ tag, value: bytes.slice(i, i + 1) });
      i += 1;
      continue;
    }
    let len = bytes[i++];
    if (len === 0x81) len = bytes[i++];
    else if (len === 0x82) {
      len = (bytes[i] << 8) | bytes[i + 1];
      i += 2;
    } else if (len > 0x80) throw new InvalidInputError('TLV_LENGTH', 'The token sent a TLV length form YKOATH does not use.');
    if (i + len > bytes.length) throw new InvalidInputError('TLV_TRUNCATED', 'The token sent a TLV longer than its response.');
    out.push({ tag, value: bytes.slice(i, i + len) });
    i += len;
  }
  return out;
}
