import { InvalidInputError } from '../../common/errors';
import type { TemplateFormat } from './model';

const FORMAT_NAME: Record<TemplateFormat, string> = {
  incits378: 'INCITS 378-2004',
  iso19794: 'ISO/IEC 19794-2:2005',
};

export function formatName(format: TemplateFormat): string {
  return FORMAT_NAME[format];
}

/** A malformed record: says which format, where and why, so a bad file can be diagnosed. */
export function malformed(format: TemplateFormat, offset: number, reason: string): InvalidInputError {
  return new InvalidInputError(
    'TEMPLATE_MALFORMED',
    `The ${FORMAT_NAME[format]} minutiae record is malformed at byte ${offset}: ${reason}. Re-export the template or extract it again from the image.`,
    { format, offset, reason },
  );
}

/** Big-endian reader that turns every overrun into a `malformed` error. */
export class ByteReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array, readonly format: TemplateFormat) {}

  private need(n: number, what: string): void {
    if (this.offset + n > this.bytes.length) {
      throw malformed(this.format, this.offset, `the record ends inside the ${what}`);
    }
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++];
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.offset] << 8) | this.bytes[this.offset + 1];
    this.offset += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
  }
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}

/** Big-endian writer into a buffer sized up front. */
export class ByteWriter {
  offset = 0;
  readonly bytes: Uint8Array;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
  }
  u8(v: number): void {
    this.bytes[this.offset++] = v & 0xff;
  }
  u16(v: number): void {
    this.u8(v >>> 8);
    this.u8(v);
  }
  u32(v: number): void {
    this.u16(Math.floor(v / 0x10000));
    this.u16(v & 0xffff);
  }
  put(data: Uint8Array): void {
    this.bytes.set(data, this.offset);
    this.offset += data.length;
  }
}
