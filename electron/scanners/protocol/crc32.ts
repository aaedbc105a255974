import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32/ISO-HDLC (zlib's CRC) over the image bytes, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes) >>> 0;
}
