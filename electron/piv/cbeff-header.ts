/**
 * The 88-byte CBEFF patron-format header PIV biometric objects carry (SP 800-76-2 §9, 73-4 P1 §3.1.5;
 * layout checked against GSA card 46, see piv-reference §2.7). Dates are 8 binary bytes: century,
 * year, month, day, hour, minute, second, 'Z'.
 */
import { concatBytes } from './bytes';
import { MalformedDataError } from './errors';
import { FASCN_LENGTH } from './fascn';

export const CBEFF_HEADER_LENGTH = 88;

export const CBEFF = {
  PATRON_HEADER_VERSION: 0x03,
  /** SBH security options: signed, no encryption (b00001101). */
  SECURITY_OPTIONS_SIGNED: 0x0d,
  /** INCITS M1 as BDB format owner. */
  FORMAT_OWNER_INCITS_M1: 0x001b,
  /** INCITS 378 finger minutiae. */
  FORMAT_TYPE_FINGER_MINUTIAE: 0x0201,
  BIOMETRIC_TYPE_FINGER: 0x000008,
  CREATOR_LENGTH: 18,
} as const;

export interface CbeffHeader {
  patronHeaderVersion: number;
  securityOptions: number;
  bdbLength: number;
  sbLength: number;
  formatOwner: number;
  formatType: number;
  creationDate: Date;
  validFrom: Date;
  validTo: Date;
  biometricType: number;
  /** Biometric data type byte (GSA card 46: 0x80). */
  biometricDataType: number;
  /** Quality (signed byte; GSA card 46: 0xFE = -2). */
  quality: number;
  creator: string;
  fascn: Uint8Array;
}

function encodeDate(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  return Uint8Array.of(Math.floor(y / 100), y % 100, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0x5a);
}

function decodeDate(b: Uint8Array, field: string): Date {
  if (b[7] !== 0x5a) throw new MalformedDataError(`CBEFF ${field} does not end in 'Z'`);
  return new Date(Date.UTC(b[0] * 100 + b[1], b[2] - 1, b[3], b[4], b[5], b[6]));
}

export function encodeCbeffHeader(h: CbeffHeader): Uint8Array {
  if (h.fascn.length !== FASCN_LENGTH) throw new RangeError('CBEFF FASC-N must be 25 bytes');
  const creator = new Uint8Array(CBEFF.CREATOR_LENGTH);
  for (let i = 0; i < Math.min(h.creator.length, CBEFF.CREATOR_LENGTH - 1); i++) creator[i] = h.creator.charCodeAt(i) & 0x7f;
  const out = concatBytes(
    Uint8Array.of(h.patronHeaderVersion, h.securityOptions),
    Uint8Array.of(h.bdbLength >>> 24, (h.bdbLength >>> 16) & 0xff, (h.bdbLength >>> 8) & 0xff, h.bdbLength & 0xff),
    Uint8Array.of(h.sbLength >>> 8, h.sbLength & 0xff),
    Uint8Array.of(h.formatOwner >>> 8, h.formatOwner & 0xff, h.formatType >>> 8, h.formatType & 0xff),
    encodeDate(h.creationDate),
    encodeDate(h.validFrom),
    encodeDate(h.validTo),
    Uint8Array.of(h.biometricType >>> 16, (h.biometricType >>> 8) & 0xff, h.biometricType & 0xff, h.biometricDataType, h.quality & 0xff),
    creator,
    h.fascn,
    new Uint8Array(4),
  );
  if (out.length !== CBEFF_HEADER_LENGTH) throw new Error(`internal: CBEFF header is ${out.length} bytes`);
  return out;
}

export function decodeCbeffHeader(b: Uint8Array): CbeffHeader {
  if (b.length < CBEFF_HEADER_LENGTH) throw new MalformedDataError(`CBEFF record is ${b.length} bytes, shorter than the ${CBEFF_HEADER_LENGTH}-byte header`);
  const u16 = (o: number) => (b[o] << 8) | b[o + 1];
  const creatorBytes = b.subarray(41, 59);
  const end = creatorBytes.indexOf(0);
  return {
    patronHeaderVersion: b[0],
    securityOptions: b[1],
    bdbLength: ((b[2] << 24) >>> 0) + (b[3] << 16) + (b[4] << 8) + b[5],
    sbLength: u16(6),
    formatOwner: u16(8),
    formatType: u16(10),
    creationDate: decodeDate(b.subarray(12, 20), 'creation date'),
    validFrom: decodeDate(b.subarray(20, 28), 'validity start'),
    validTo: decodeDate(b.subarray(28, 36), 'validity end'),
    biometricType: (b[36] << 16) | u16(37),
    biometricDataType: b[39],
    quality: b[40] > 127 ? b[40] - 256 : b[40],
    creator: String.fromCharCode(...(end < 0 ? creatorBytes : creatorBytes.subarray(0, end))),
    fascn: b.slice(59, 84),
  };
}
