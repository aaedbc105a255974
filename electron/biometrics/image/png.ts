/**
 * PNG reader (RFC 2083 / ISO 15948): non-interlaced gray, gray+alpha, RGB, RGBA and palette images,
 * 8-bit (and 16-bit gray/RGB, keeping the high byte; 1/2/4-bit gray, stretched). Alpha is ignored:
 * scanners do not produce it, and compositing on white would invent data.
 */
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import type { DecodedRaster } from './raster';
import { checkDeclaredSize } from './limits';
import { ByteReader, luma } from './bytes';
import { corruptImage, unsupportedImage } from './errors';

const FORMAT = 'PNG';
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHUNK_IHDR = 'IHDR';
const CHUNK_PLTE = 'PLTE';
const CHUNK_IDAT = 'IDAT';
const CHUNK_IEND = 'IEND';
const CHUNK_PHYS = 'pHYs';

const ColorType = { gray: 0, rgb: 2, palette: 3, grayAlpha: 4, rgba: 6 } as const;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const Filter = { none: 0, sub: 1, up: 2, average: 3, paeth: 4 } as const;
const PHYS_UNIT_METRE = 1;
const METRES_PER_INCH = 0.0254;
const INTERLACE_NONE = 0;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** zlib's CRC-32, the one PNG chunks carry (the same function the scanner protocol uses). */
const crc32 = (data: Uint8Array): number => zlibCrc32(data) >>> 0;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undo the per-row filters in place; `bpp` is bytes per complete pixel (at least 1). */
function unfilter(data: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = y > 0 && x >= bpp ? out[prev + x - bpp] : 0;
      const v = data[src + x];
      switch (type) {
        case Filter.none: out[row + x] = v; break;
        case Filter.sub: out[row + x] = v + a; break;
        case Filter.up: out[row + x] = v + b; break;
        case Filter.average: out[row + x] = v + ((a + b) >> 1); break;
        case Filter.paeth: out[row + x] = v + paeth(a, b, c); break;
        default: throw corruptImage(FORMAT, `row ${y} has unknown filter type ${type}`);
      }
    }
  }
  return out;
}

export function decodePng(bytes: Uint8Array): DecodedRaster {
  const r = new ByteReader(bytes, FORMAT, false);
  let offset = SIGNATURE.length;
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | undefined;
  let palette: Uint8Array | undefined;
  let fileDpi: number | undefined;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (!ended) {
    const length = r.u32(offset, 'chunk length');
    const typeBytes = r.slice(offset + 4, 4, 'chunk type');
    const type = String.fromCharCode(...typeBytes);
    const body = r.slice(offset + 8, length, `${type} chunk`);
    const crc = r.u32(offset + 8 + length, `${type} checksum`);
    if (crc32(r.slice(offset + 4, length + 4)) !== crc) throw corruptImage(FORMAT, `${type} chunk checksum mismatch`);
    offset += 12 + length;
    if (type === CHUNK_IHDR) {
      const h = new ByteReader(body, FORMAT, false);
      header = { width: h.u32(0), height: h.u32(4), depth: h.u8(8), color: h.u8(9), interlace: h.u8(12) };
    } else if (type === CHUNK_PLTE) palette = body;
    else if (type === CHUNK_IDAT) idat.push(body);
    else if (type === CHUNK_PHYS && body.length >= 9) {
      const p = new ByteReader(body, FORMAT, false);
      if (p.u8(8) === PHYS_UNIT_METRE && p.u32(0) > 0) fileDpi = p.u32(0) * METRES_PER_INCH;
    } else if (type === CHUNK_IEND) ended = true;
  }
  if (!header) throw corruptImage(FORMAT, 'the IHDR header chunk is missing');
  const { width, height, depth, color, interlace } = header;
  const channels = CHANNELS[color];
  if (channels === undefined) throw corruptImage(FORMAT, `unknown colour type ${color}`);
  if (interlace !== INTERLACE_NONE) throw unsupportedImage(FORMAT, 'Adam7 interlacing');
  const grayLowDepth = color === ColorType.gray && (depth === 1 || depth === 2 || depth === 4);
  const palLowDepth = color === ColorType.palette && depth < 8;
  const ok = depth === 8 || (depth === 16 && color !== ColorType.palette) || grayLowDepth;
  if (!ok || palLowDepth) throw unsupportedImage(FORMAT, `bit depth ${depth} with colour type ${color}`, { depth, color });
  if (width === 0 || height === 0) throw corruptImage(FORMAT, 'zero width or height');
  checkDeclaredSize(FORMAT, width, height);
  if (color === ColorType.palette && !palette) throw corruptImage(FORMAT, 'palette image without a PLTE chunk');

  let inflated: Uint8Array;
  try {
    inflated = inflateSync(Buffer.concat(idat));
  } catch {
    throw corruptImage(FORMAT, 'the compressed pixel data does not inflate');
  }
  const stride = Math.ceil((width * channels * depth) / 8);
  if (inflated.length < height * (stride + 1)) throw corruptImage(FORMAT, 'pixel data is truncated');
  const raw = unfilter(inflated, height, stride, Math.max(1, (channels * depth) >> 3));

  const pixels = new Uint8Array(width * height);
  const bytesPerSample = depth === 16 ? 2 : 1;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      let v: number;
      if (depth < 8) {
        const bit = x * depth;
        const sample = (raw[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        v = Math.round((sample * 255) / ((1 << depth) - 1));
      } else {
        const at = row + x * channels * bytesPerSample;
        const s = (i: number) => raw[at + i * bytesPerSample];
        if (color === ColorType.palette) {
          const p = s(0) * 3;
          if (p + 2 >= palette!.length) throw corruptImage(FORMAT, `palette index ${s(0)} is out of range`);
          v = luma(palette![p], palette![p + 1], palette![p + 2]);
        } else if (color === ColorType.rgb || color === ColorType.rgba) v = luma(s(0), s(1), s(2));
        else v = s(0);
      }
      pixels[y * width + x] = v;
    }
  }
  return { width, height, pixels, fileDpi };
}
