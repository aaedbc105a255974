/**
 * BER-TLV as PIV uses it (73-4 P2 §3; ISO 7816-4 §5.2): tags of 1–3 bytes (5FC102, 7F49) held as one
 * number, definite lengths in the shortest of the forms `00–7F`, `81 xx`, `82 xx xx` (plus `83` on read
 * for extended objects). Decoding never throws anything but MalformedDataError.
 */
import { concatBytes } from './bytes';
import { MalformedDataError } from './errors';

export interface Tlv {
  tag: number;
  value: Uint8Array;
}

/** A decoded TLV with where it sat in the input (for error positions and exact re-slicing). */
export interface TlvAt extends Tlv {
  /** Offset of the first tag byte. */
  offset: number;
  /** Offset just after the value. */
  end: number;
}

const MAX_LENGTH = 0xffffff;

/** Tag number → bytes (5FC102 → 5F C1 02). */
export function encodeTag(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) throw new RangeError(`tag out of range: ${tag}`);
  if (tag > 0xffff) return Uint8Array.of(tag >>> 16, (tag >>> 8) & 0xff, tag & 0xff);
  if (tag > 0xff) return Uint8Array.of(tag >>> 8, tag & 0xff);
  return Uint8Array.of(tag);
}

/** Shortest definite length form. */
export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > MAX_LENGTH) throw new RangeError(`length out of range: ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >>> 8, length & 0xff);
  return Uint8Array.of(0x83, length >>> 16, (length >>> 8) & 0xff, length & 0xff);
}

export function encodeTlv(tag: number, value: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(encodeTag(tag), encodeLength(value.length), value);
}

/** Encodes a list of TLVs in order. */
export function encodeTlvs(items: readonly Tlv[]): Uint8Array {
  return concatBytes(...items.map((t) => encodeTlv(t.tag, t.value)));
}

function fail(reason: string, offset: number): never {
  throw new MalformedDataError(`Malformed BER-TLV: ${reason} at byte ${offset}`, { reason, offset });
}

/** Reads a tag at `offset`; returns the tag number and the offset after it. */
export function decodeTag(bytes: Uint8Array, offset: number): { tag: number; next: number } {
  if (offset >= bytes.length) fail('missing tag', offset);
  let tag = bytes[offset];
  let i = offset + 1;
  if ((tag & 0x1f) === 0x1f) {
    // Subsequent tag bytes follow while bit 8 is set; PIV never needs more than 3 bytes in total.
    for (;;) {
      if (i >= bytes.length) fail('truncated tag', offset);
      const b = bytes[i++];
      tag = tag * 256 + b;
      if ((b & 0x80) === 0) break;
      if (i - offset >= 3) fail('tag longer than 3 bytes', offset);
    }
  }
  return { tag, next: i };
}

/** Reads a definite length at `offset`; returns it and the offset after it. */
export function decodeLength(bytes: Uint8Array, offset: number): { length: number; next: number } {
  if (offset >= bytes.length) fail('missing length', offset);
  const first = bytes[offset];
  if (first < 0x80) return { length: first, next: offset + 1 };
  const n = first & 0x7f;
  if (n === 0) fail('indefinite length is not allowed', offset);
  if (n > 3) fail(`length with ${n} length bytes is not supported`, offset);
  if (offset + 1 + n > bytes.length) fail('truncated length', offset);
  let length = 0;
  for (let k = 1; k <= n; k++) length = length * 256 + bytes[offset + k];
  return { length, next: offset + 1 + n };
}

/** Decodes one TLV at `offset`. The value is a view into `bytes` (copy it if you keep it and mutate the input). */
export function decodeTlvAt(bytes: Uint8Array, offset = 0): TlvAt {
  const { tag, next } = decodeTag(bytes, offset);
  const { length, next: valueStart } = decodeLength(bytes, next);
  const end = valueStart + length;
  if (end > bytes.length) fail(`value of tag ${tag.toString(16).toUpperCase()} needs ${length} bytes, only ${bytes.length - valueStart} left`, offset);
  return { tag, value: bytes.subarray(valueStart, end), offset, end };
}

/** Decodes a sequence of TLVs that must fill `bytes` exactly. */
export function decodeTlvs(bytes: Uint8Array): TlvAt[] {
  const out: TlvAt[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const t = decodeTlvAt(bytes, offset);
    out.push(t);
    offset = t.end;
  }
  return out;
}

/** Decodes exactly one TLV with the expected tag spanning all of `bytes` and returns its value. */
export function unwrapTlv(bytes: Uint8Array, expectedTag: number): Uint8Array {
  const t = decodeTlvAt(bytes, 0);
  if (t.tag !== expectedTag) fail(`expected tag ${expectedTag.toString(16).toUpperCase()}, found ${t.tag.toString(16).toUpperCase()}`, 0);
  if (t.end !== bytes.length) fail(`${bytes.length - t.end} trailing byte(s) after tag ${expectedTag.toString(16).toUpperCase()}`, t.end);
  return t.value;
}

/** First TLV with `tag` in a decoded list, or undefined. */
export function findTlv(items: readonly Tlv[], tag: number): Tlv | undefined {
  return items.find((t) => t.tag === tag);
}

/** Like findTlv but a missing element is malformed data. */
export function requireTlv(items: readonly Tlv[], tag: number, what: string): Tlv {
  const t = findTlv(items, tag);
  if (!t) throw new MalformedDataError(`Missing ${what} (tag ${tag.toString(16).toUpperCase()})`, { tag: tag.toString(16).toUpperCase() });
  return t;
}
