/**
 * Baseline TIFF 6.0 reader for what fingerprint scanners write: uncompressed, one 8-bit sample per
 * pixel (or 8-bit RGB), strips, either byte order.
 */
import type { DecodedRaster } from './raster';
import { checkDeclaredSize } from './limits';
import { ByteReader, luma } from './bytes';
import { corruptImage, unsupportedImage } from './errors';

const FORMAT = 'TIFF';
const BYTE_ORDER_LITTLE = 0x4949; // "II"
const BYTE_ORDER_BIG = 0x4d4d; // "MM"
const TIFF_MAGIC = 42;

/** TIFF 6.0 tag numbers (section 8, baseline fields). */
const Tag = {
  imageWidth: 256,
  imageLength: 257,
  bitsPerSample: 258,
  compression: 259,
  photometricInterpretation: 262,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  xResolution: 282,
  planarConfiguration: 284,
  resolutionUnit: 296,
} as const;

/** TIFF field types and their sizes in bytes. */
const FieldType = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;
const FIELD_TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

const COMPRESSION_NONE = 1;
const PHOTOMETRIC_WHITE_IS_ZERO = 0;
const PHOTOMETRIC_BLACK_IS_ZERO = 1;
const PHOTOMETRIC_RGB = 2;
const RESOLUTION_UNIT_INCH = 2;
const RESOLUTION_UNIT_CENTIMETER = 3;
const CM_PER_INCH = 2.54;

export function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const ii = bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === TIFF_MAGIC && bytes[3] === 0;
  const mm = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === TIFF_MAGIC;
  return ii || mm;
}

interface Entry {
  type: number;
  count: number;
  valueOffset: number;
}

function readValues(r: ByteReader, e: Entry, tag: number): number[] {
  const size = FIELD_TYPE_SIZE[e.type];
  if (size === undefined) throw corruptImage(FORMAT, `tag ${tag} has unknown field type ${e.type}`);
  const total = size * e.count;
  const base = total <= 4 ? e.valueOffset : r.u32(e.valueOffset, `tag ${tag} offset`);
  const out: number[] = [];
  for (let i = 0; i < e.count; i++) {
    if (e.type === FieldType.short) out.push(r.u16(base + 2 * i, `tag ${tag}`));
    else if (e.type === FieldType.long) out.push(r.u32(base + 4 * i, `tag ${tag}`));
    else if (e.type === FieldType.rational) {
      const den = r.u32(base + 8 * i + 4, `tag ${tag}`);
      out.push(den === 0 ? 0 : r.u32(base + 8 * i, `tag ${tag}`) / den);
    } else out.push(r.u8(base + i, `tag ${tag}`));
  }
  return out;
}

export function decodeTiff(bytes: Uint8Array): DecodedRaster {
  const order = (bytes[0] << 8) | bytes[1];
  if (order !== BYTE_ORDER_LITTLE && order !== BYTE_ORDER_BIG) throw corruptImage(FORMAT, 'bad byte-order mark');
  const r = new ByteReader(bytes, FORMAT, order === BYTE_ORDER_LITTLE);
  const ifd = r.u32(4, 'first IFD offset');
  const count = r.u16(ifd, 'IFD entry count');
  const entries = new Map<number, Entry>();
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + 12 * i;
    entries.set(r.u16(at, 'IFD entry'), { type: r.u16(at + 2), count: r.u32(at + 4), valueOffset: at + 8 });
  }
  const get = (tag: number, fallback?: number[]): number[] => {
    const e = entries.get(tag);
    if (e) return readValues(r, e, tag);
    if (fallback) return fallback;
    throw corruptImage(FORMAT, `required tag ${tag} is missing`, { tag });
  };

  const width = get(Tag.imageWidth)[0];
  const height = get(Tag.imageLength)[0];
  const compression = get(Tag.compression, [COMPRESSION_NONE])[0];
  if (compression !== COMPRESSION_NONE) throw unsupportedImage(FORMAT, `compression scheme ${compression}; only uncompressed is read`, { compression });
  const samples = get(Tag.samplesPerPixel, [1])[0];
  const bits = get(Tag.bitsPerSample, [1]);
  if (bits.some((b) => b !== 8)) throw unsupportedImage(FORMAT, `${bits[0]} bits per sample; only 8 is read`, { bitsPerSample: bits });
  const photometric = get(Tag.photometricInterpretation)[0];
  const planar = get(Tag.planarConfiguration, [1])[0];
  if (planar !== 1 && samples > 1) throw unsupportedImage(FORMAT, 'planar (separate) colour planes');
  const gray = photometric === PHOTOMETRIC_BLACK_IS_ZERO || photometric === PHOTOMETRIC_WHITE_IS_ZERO;
  if (!(gray && samples === 1) && !(photometric === PHOTOMETRIC_RGB && (samples === 3 || samples === 4))) {
    throw unsupportedImage(FORMAT, `photometric interpretation ${photometric} with ${samples} samples per pixel`, { photometric, samples });
  }
  if (width === 0 || height === 0) throw corruptImage(FORMAT, 'zero width or height', { width, height });
  checkDeclaredSize(FORMAT, width, height);

  const offsets = get(Tag.stripOffsets);
  const counts = get(Tag.stripByteCounts);
  if (offsets.length !== counts.length) throw corruptImage(FORMAT, 'strip offsets and byte counts disagree');
  const need = width * height * samples;
  const raw = new Uint8Array(need);
  let filled = 0;
  for (let s = 0; s < offsets.length && filled < need; s++) {
    const n = Math.min(counts[s], need - filled);
    raw.set(r.slice(offsets[s], n, `strip ${s}`), filled);
    filled += n;
  }
  if (filled < need) throw corruptImage(FORMAT, `pixel data is truncated (${filled} of ${need} bytes)`, { filled, need });

  let pixels = raw;
  if (samples > 1) {
    pixels = new Uint8Array(width * height);
    for (let i = 0; i < pixels.length; i++) pixels[i] = luma(raw[i * samples], raw[i * samples + 1], raw[i * samples + 2]);
  } else if (photometric === PHOTOMETRIC_WHITE_IS_ZERO) {
    for (let i = 0; i < pixels.length; i++) pixels[i] = 255 - pixels[i];
  }

  let dpi: number | undefined;
  if (entries.has(Tag.xResolution)) {
    const res = get(Tag.xResolution)[0];
    const unit = get(Tag.resolutionUnit, [RESOLUTION_UNIT_INCH])[0];
    if (res > 0 && unit === RESOLUTION_UNIT_INCH) dpi = res;
    else if (res > 0 && unit === RESOLUTION_UNIT_CENTIMETER) dpi = res * CM_PER_INCH;
  }
  return { width, height, pixels, fileDpi: dpi };
}
