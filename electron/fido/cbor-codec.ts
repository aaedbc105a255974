import { Encoder } from 'cbor-x';
import { InvalidInputError } from '../common/errors';

/**
 * The one place CBOR is encoded and decoded for CTAP2. cbor-x does the byte work; this file adds the
 * CTAP2 canonical form (CTAP 2.1 §8 "Message Encoding"):
 *  - map keys sorted: lower major type first, then shorter encoding, then bytewise (cbor-x keeps
 *    insertion order, so we rebuild every map in canonical order before encoding);
 *  - integers in their shortest form (cbor-x does this for safe integers up to 32 bits; larger
 *    values would come out as float64, so they are refused);
 *  - no floats, no tags, no indefinite lengths (cbor-x emits definite lengths with variableMapSize).
 * Decoding returns Maps (integer keys stay integers) and byte strings as Uint8Array.
 */

export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | CborMap
  | { [key: string]: CborValue };
export type CborMap = Map<number | string, CborValue>;

const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: false,
  tagUint8Array: false,
  variableMapSize: true,
  useTag259ForMaps: false,
  largeBigIntToFloat: false,
} as ConstructorParameters<typeof Encoder>[0]);

const MAX_SHORT_INT = 0xffff_ffff;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const majorA = a[0] >> 5;
  const majorB = b[0] >> 5;
  if (majorA !== majorB) return majorA - majorB;
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function canonicalize(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new InvalidInputError('CBOR_FLOAT', `CTAP2 messages carry no floating-point numbers (at ${path}).`);
    }
    return Math.abs(value) > MAX_SHORT_INT ? BigInt(value) : value;
  }
  if (typeof value === 'bigint') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map((v, i) => canonicalize(v, `${path}[${i}]`));
  const entries: [unknown, unknown][] =
    value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
  const encoded = entries.map(([k, v]) => {
    if (typeof k !== 'number' && typeof k !== 'string') {
      throw new InvalidInputError('CBOR_KEY', `CTAP2 map keys are integers or text (at ${path}).`);
    }
    return { key: k, bytes: encoder.encode(k) as Uint8Array, value: canonicalize(v, `${path}.${String(k)}`) };
  });
  encoded.sort((a, b) => compareBytes(a.bytes, b.bytes));
  for (let i = 1; i < encoded.length; i++) {
    if (compareBytes(encoded[i - 1].bytes, encoded[i].bytes) === 0) {
      throw new InvalidInputError('CBOR_DUPLICATE_KEY', `Duplicate map key ${String(encoded[i].key)} at ${path}.`);
    }
  }
  return new Map(encoded.map((e) => [e.key, e.value]));
}

/** Encodes a value in CTAP2 canonical CBOR. Plain objects are maps with text keys; use Map for integer keys. */
export function encodeCbor(value: CborValue | unknown): Uint8Array {
  const out = encoder.encode(canonicalize(value, '$')) as Uint8Array;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function normalize(value: unknown): CborValue {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) {
    const m: CborMap = new Map();
    for (const [k, v] of value) m.set(k as number | string, normalize(v));
    return m;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new InvalidInputError('CBOR_FLOAT', 'The message holds a floating-point number, which CTAP2 never sends.');
  }
  if (value === undefined) {
    throw new InvalidInputError('CBOR_UNDEFINED', 'The message holds the CBOR "undefined" value, which CTAP2 never sends.');
  }
  return value as CborValue;
}

/**
 * Decodes one CBOR item that must fill `bytes` exactly. With `requireCanonical`, the bytes must be
 * what `encodeCbor` would produce (authenticators must reject non-canonical requests; CTAP 2.1 §8).
 */
export function decodeCbor(bytes: Uint8Array, options: { requireCanonical?: boolean } = {}): CborValue {
  let decoded: unknown;
  try {
    decoded = encoder.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new InvalidInputError('CBOR_MALFORMED', 'The message is not valid CBOR.', { length: bytes.length }, { cause: e });
  }
  const value = normalize(decoded);
  if (options.requireCanonical) {
    const again = encodeCbor(value);
    if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
      throw new InvalidInputError('CBOR_NOT_CANONICAL', 'The message is CBOR but not in CTAP2 canonical form.');
    }
  }
  return value;
}

/** Reads a map field with a type check; CTAP responses are maps keyed by small integers. */
export function asMap(value: CborValue | undefined, what: string): CborMap {
  if (!(value instanceof Map)) throw new InvalidInputError('CBOR_SHAPE', `Expected a CBOR map for ${what}.`);
  return value;
}

export function getBytes(map: CborMap, key: number | string, what: string): Uint8Array {
  const v = map.get(key);
  if (!(v instanceof Uint8Array)) throw new InvalidInputError('CBOR_SHAPE', `Expected a byte string for ${what}.`);
  return v;
}

export function getInt(map: CborMap, key: number | string, what: string): number {
  const v = map.get(key);
  if (typeof v !== 'number') throw new InvalidInputError('CBOR_SHAPE', `Expected an integer for ${what}.`);
  return v;
}
