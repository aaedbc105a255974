/** 16-byte binary UUIDs (CHUID GUID = card UUID, cardholder UUID; 73-4 P1 §3.4) and their text form. */
import { InvalidInputError } from '../common/errors';
import { fromHex, toHex } from './bytes';

export const UUID_LENGTH = 16;

export function formatUuid(bytes: Uint8Array): string {
  const h = toHex(bytes).toLowerCase();
  if (bytes.length !== UUID_LENGTH) return h;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function parseUuid(text: string): Uint8Array {
  const clean = text.replace(/^urn:uuid:/i, '').replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(clean)) throw new InvalidInputError('INVALID_UUID', `"${text}" is not a UUID (32 hex digits).`, { value: text });
  return fromHex(clean);
}

/** RFC 4122 version nibble (byte 6, high nibble). */
export function uuidVersion(bytes: Uint8Array): number {
  return bytes[6] >> 4;
}

/** RFC 4122 variant: the two top bits of byte 8 are 10. */
export function hasRfc4122Variant(bytes: Uint8Array): boolean {
  return (bytes[8] & 0xc0) === 0x80;
}

/** A fresh random (version 4) UUID, as 73-4 P1 §3.4 asks for card and cardholder UUIDs. */
export function randomUuidV4(): Uint8Array {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(UUID_LENGTH));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}
