/**
 * Data shapes of the YubiKey PIV extensions (yubico-piv-tool lib/ykpiv.h; Yubico PIV docs): firmware
 * version, serial, and the GET METADATA (F7) answer. Session methods return undefined on cards without
 * them (6D 00), so callers can treat every card the same.
 */
import { MalformedDataError } from './errors';
import { decodeTlvs } from './tlv';

export interface FirmwareVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Tags inside the F7 metadata response. */
export const METADATA_TAG = {
  ALGORITHM: 0x01,
  POLICY: 0x02,
  ORIGIN: 0x03,
  PUBLIC_KEY: 0x04,
  IS_DEFAULT: 0x05,
  RETRIES: 0x06,
} as const;

export interface SlotMetadata {
  algorithm?: number;
  pinPolicy?: number;
  touchPolicy?: number;
  origin?: number;
  publicKey?: Uint8Array;
  /** True while the PIN/PUK/management key still has its factory value. */
  isDefault?: boolean;
  retries?: { total: number; remaining: number };
}

export function parseVersion(data: Uint8Array): FirmwareVersion {
  if (data.length !== 3) throw new MalformedDataError(`The firmware version is ${data.length} bytes, expected 3`);
  return { major: data[0], minor: data[1], patch: data[2] };
}

export function formatVersion(v: FirmwareVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function parseSerial(data: Uint8Array): number {
  if (data.length !== 4) throw new MalformedDataError(`The serial number is ${data.length} bytes, expected 4`);
  return ((data[0] << 24) >>> 0) + (data[1] << 16) + (data[2] << 8) + data[3];
}

export function parseMetadata(data: Uint8Array): SlotMetadata {
  const out: SlotMetadata = {};
  for (const t of decodeTlvs(data)) {
    const v = t.value;
    switch (t.tag) {
      case METADATA_TAG.ALGORITHM:
        if (v.length >= 1) out.algorithm = v[0];
        break;
      case METADATA_TAG.POLICY:
        if (v.length >= 1) out.pinPolicy = v[0];
        if (v.length >= 2) out.touchPolicy = v[1];
        break;
      case METADATA_TAG.ORIGIN:
        if (v.length >= 1) out.origin = v[0];
        break;
      case METADATA_TAG.PUBLIC_KEY:
        out.publicKey = v.slice();
        break;
      case METADATA_TAG.IS_DEFAULT:
        if (v.length >= 1) out.isDefault = v[0] !== 0;
        break;
      case METADATA_TAG.RETRIES:
        if (v.length >= 2) out.retries = { total: v[0], remaining: v[1] };
        break;
      default:
        break;
    }
  }
  return out;
}
