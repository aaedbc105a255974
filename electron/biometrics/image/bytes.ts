/** Bounds-checked reads over a byte array; every out-of-range read is reported as a corrupt file. */
import { corruptImage } from './errors';

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    readonly format: string,
    readonly littleEndian: boolean,
  ) {}

  private check(offset: number, length: number, what: string): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + length > this.bytes.length) {
      throw corruptImage(this.format, `${what} lies outside the file`, { offset, length, fileSize: this.bytes.length });
    }
  }

  u8(offset: number, what = 'field'): number {
    this.check(offset, 1, what);
    return this.bytes[offset];
  }

  u16(offset: number, what = 'field'): number {
    this.check(offset, 2, what);
    const a = this.bytes[offset];
    const b = this.bytes[offset + 1];
    return this.littleEndian ? a | (b << 8) : (a << 8) | b;
  }

  u32(offset: number, what = 'field'): number {
    this.check(offset, 4, what);
    const b = this.bytes;
    const v = this.littleEndian
      ? b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24)
      : (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];
    return v >>> 0;
  }

  i32(offset: number, what = 'field'): number {
    return this.u32(offset, what) | 0;
  }

  slice(offset: number, length: number, what = 'data'): Uint8Array {
    this.check(offset, length, what);
    return this.bytes.subarray(offset, offset + length);
  }
}

/** ITU-R BT.601 luma, integer arithmetic: the usual weights for turning a colour scan into gray. */
export function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114 + 500) / 1000 | 0;
}
