/**
 * Record headers and the public encode/decode of both formats.
 * INCITS 378-2004 header: Format ID (4), Version (4), Length of Record (2, or 0x0000 + 4), CBEFF Product
 * Identifier (4: owner, type), Capture Equipment (2), Image Size X/Y (2+2), Resolution X/Y in pixels per
 * cm (2+2), Number of Finger Views (1), Reserved (1).
 * ISO/IEC 19794-2:2005 header: the same without the CBEFF Product Identifier and with a 4-byte Length.
 */
import {
  FORMAT_IDENTIFIER,
  INCITS_HEADER_LONG,
  INCITS_HEADER_SHORT,
  INCITS_SHORT_LENGTH_MAX,
  ISO_HEADER,
  VERSION_20,
} from './constants';
import { ByteReader, ByteWriter, formatName, malformed } from './bytes';
import type { MinutiaeRecord, TemplateFormat } from './model';
import { readViews, viewsLength, writeViews } from './views';
import { InvalidInputError } from '../../common/errors';

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/**
 * Which format a record is in, from its header alone. Both start "FMR\0 20\0"; the Length of Record
 * that follows is 4 bytes in ISO and 2 (or 0x0000 + 4) in INCITS, and must equal the byte count.
 */
export function sniffTemplateFormat(bytes: Uint8Array): TemplateFormat | undefined {
  if (!startsWith(bytes, 0, FORMAT_IDENTIFIER) || !startsWith(bytes, 4, VERSION_20) || bytes.length < 14) return undefined;
  const u16 = (o: number) => (bytes[o] << 8) | bytes[o + 1];
  const u32 = (o: number) => u16(o) * 0x10000 + u16(o + 2);
  if (u32(8) === bytes.length) return 'iso19794';
  if (u16(8) === bytes.length || (u16(8) === 0 && u32(10) === bytes.length)) return 'incits378';
  return undefined;
}

export function decodeTemplate(bytes: Uint8Array, format: TemplateFormat | undefined = sniffTemplateFormat(bytes)): MinutiaeRecord {
  if (format === undefined) {
    throw new InvalidInputError(
      'TEMPLATE_UNKNOWN_FORMAT',
      'The data is not an INCITS 378-2004 or ISO/IEC 19794-2:2005 minutiae record (no "FMR" header with a matching length). Give a template in one of these formats.',
      { length: bytes.length },
    );
  }
  const r = new ByteReader(bytes, format);
  if (!startsWith(bytes, 0, FORMAT_IDENTIFIER)) throw malformed(format, 0, 'the Format Identifier is not "FMR"');
  r.offset = 4;
  if (!startsWith(bytes, 4, VERSION_20)) throw malformed(format, 4, 'the Version Number is not " 20"');
  r.offset = 8;
  let length: number;
  let longLength = false;
  let productOwner: number | undefined;
  let productType: number | undefined;
  if (format === 'incits378') {
    length = r.u16('length of record');
    if (length === 0) {
      length = r.u32('long length of record');
      longLength = true;
    }
  } else {
    length = r.u32('length of record');
  }
  if (length !== bytes.length) throw malformed(format, 8, `the Length of Record says ${length} bytes but ${bytes.length} were given`);
  if (format === 'incits378') {
    productOwner = r.u16('CBEFF product owner');
    productType = r.u16('CBEFF product type');
  }
  const equipment = r.u16('capture equipment');
  const width = r.u16('image size X');
  const height = r.u16('image size Y');
  const xResolution = r.u16('X resolution');
  const yResolution = r.u16('Y resolution');
  if (xResolution === 0 || yResolution === 0) throw malformed(format, r.offset - 4, 'the resolution is zero');
  const viewCount = r.u8('number of finger views');
  if (viewCount === 0) throw malformed(format, r.offset - 1, 'the record holds no finger view');
  if (r.u8('reserved byte') !== 0) throw malformed(format, r.offset - 1, 'the reserved header byte is not zero');
  const views = readViews(r, viewCount, width, height);
  if (r.offset !== bytes.length) throw malformed(format, r.offset, `${bytes.length - r.offset} bytes follow the last finger view`);
  const base = { format, equipmentCompliance: equipment >>> 12, equipmentId: equipment & 0x0fff, width, height, xResolution, yResolution, views };
  return format === 'incits378' ? { ...base, productOwner, productType, longLength } : base;
}

export function encodeTemplate(record: MinutiaeRecord): Uint8Array {
  const { format } = record;
  const body = viewsLength(record.views);
  let header = ISO_HEADER;
  let longLength = false;
  if (format === 'incits378') {
    longLength = record.longLength === true || INCITS_HEADER_SHORT + body > INCITS_SHORT_LENGTH_MAX;
    header = longLength ? INCITS_HEADER_LONG : INCITS_HEADER_SHORT;
  } else if (record.productOwner !== undefined || record.productType !== undefined || record.longLength) {
    throw malformed(format, 8, 'an ISO/IEC 19794-2:2005 header has no CBEFF Product Identifier or long length form');
  }
  if (record.views.length === 0 || record.views.length > 0xff) throw malformed(format, header - 2, `${record.views.length} finger views cannot be encoded (1..255)`);
  const check16 = (v: number, what: string) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw malformed(format, 0, `${what} ${v} does not fit 2 bytes`);
  };
  check16(record.width, 'image width');
  check16(record.height, 'image height');
  check16(record.xResolution, 'X resolution');
  check16(record.yResolution, 'Y resolution');
  if (record.xResolution === 0 || record.yResolution === 0) throw malformed(format, 0, 'the resolution is zero');
  if (record.equipmentCompliance > 0x0f || record.equipmentId > 0x0fff) throw malformed(format, 0, 'capture equipment fields do not fit 4 + 12 bits');
  const length = header + body;
  const w = new ByteWriter(length);
  w.put(FORMAT_IDENTIFIER);
  w.put(VERSION_20);
  if (format === 'incits378') {
    if (longLength) {
      w.u16(0);
      w.u32(length);
    } else {
      w.u16(length);
    }
    check16(record.productOwner ?? 0, 'CBEFF product owner');
    check16(record.productType ?? 0, 'CBEFF product type');
    w.u16(record.productOwner ?? 0);
    w.u16(record.productType ?? 0);
  } else {
    w.u32(length);
  }
  w.u16((record.equipmentCompliance << 12) | record.equipmentId);
  w.u16(record.width);
  w.u16(record.height);
  w.u16(record.xResolution);
  w.u16(record.yResolution);
  w.u8(record.views.length);
  w.u8(0);
  writeViews(w, format, record.views, record.width, record.height);
  return w.bytes;
}

export { formatName };
