/**
 * Turn image file bytes into a `GrayImage`: sniff the format from its magic bytes, decode, then refuse
 * images that cannot hold a usable fingerprint (too small at their resolution, or blank).
 */
import { InvalidInputError } from '../../common/errors';
import type { GrayImage } from '../types';
import { ImageErrorCode } from './errors';
import type { DecodedRaster } from './raster';
import { decodeBmp, isBmp } from './bmp';
import { decodePgm, isPgm } from './pgm';
import { decodePng, isPng } from './png';
import { decodeTiff, isTiff } from './tiff';

export interface DecodeOptions {
  /** Resolution in pixels per inch. Wins over the file's own; without either, 500 (the FBI/PIV norm). */
  dpi?: number;
}

export const DEFAULT_DPI = 500;
/** Plausible scanner resolutions; outside this the pixel-unit parameters no longer make sense. */
export const MIN_DPI = 250;
export const MAX_DPI = 1200;
/** A usable fingerprint needs at least this many inches each way (about 100 px at 500 dpi). */
export const MIN_SIDE_INCHES = 0.2;
/** Spread (5th to 95th percentile, gray levels) below which there are no ridges to see. */
export const MIN_CONTRAST_LEVELS = 24;

const FORMATS: { name: string; sniff: (b: Uint8Array) => boolean; decode: (b: Uint8Array) => DecodedRaster }[] = [
  { name: 'TIFF', sniff: isTiff, decode: decodeTiff },
  { name: 'PNG', sniff: isPng, decode: decodePng },
  { name: 'BMP', sniff: isBmp, decode: decodeBmp },
  { name: 'PGM', sniff: isPgm, decode: decodePgm },
];

export function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): GrayImage {
  const format = FORMATS.find((f) => f.sniff(bytes));
  if (!format) {
    throw new InvalidInputError(
      ImageErrorCode.unsupported,
      'The file is not a TIFF, PNG, BMP or PGM image. Export the fingerprint in one of those formats.',
      { firstBytes: Array.from(bytes.subarray(0, 8)) },
    );
  }
  const raster = format.decode(bytes);
  const dpi = resolveDpi(opts.dpi, raster.fileDpi);
  checkUsable(format.name, raster, dpi);
  return { width: raster.width, height: raster.height, pixels: raster.pixels, dpi };
}

function resolveDpi(explicit: number | undefined, fromFile: number | undefined): number {
  const dpi = explicit ?? (fromFile !== undefined ? Math.round(fromFile) : DEFAULT_DPI);
  if (!Number.isFinite(dpi) || dpi < MIN_DPI || dpi > MAX_DPI) {
    throw new InvalidInputError(
      ImageErrorCode.unsupported,
      `A resolution of ${dpi} dpi is outside the ${MIN_DPI}–${MAX_DPI} dpi the extractor handles. Give the scanner's real resolution.`,
      { dpi, minDpi: MIN_DPI, maxDpi: MAX_DPI },
    );
  }
  return dpi;
}

function checkUsable(format: string, r: DecodedRaster, dpi: number): void {
  const minSide = Math.ceil(MIN_SIDE_INCHES * dpi);
  if (r.width < minSide || r.height < minSide) {
    throw new InvalidInputError(
      ImageErrorCode.tooSmall,
      `The ${format} image is ${r.width}×${r.height} pixels; at ${dpi} dpi a fingerprint needs at least ${minSide}×${minSide}. Capture the whole fingertip.`,
      { format, width: r.width, height: r.height, dpi, minSide },
    );
  }
  const histogram = new Uint32Array(256);
  for (let i = 0; i < r.pixels.length; i++) histogram[r.pixels[i]]++;
  const low = percentile(histogram, r.pixels.length, 0.05);
  const high = percentile(histogram, r.pixels.length, 0.95);
  if (high - low < MIN_CONTRAST_LEVELS) {
    throw new InvalidInputError(
      ImageErrorCode.blank,
      `The ${format} image is blank (no ridge contrast: gray levels ${low}–${high}). Place the finger on the scanner and capture again.`,
      { format, low, high, minContrast: MIN_CONTRAST_LEVELS },
    );
  }
}

function percentile(histogram: Uint32Array, total: number, q: number): number {
  const target = q * total;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v];
    if (seen > target) return v;
  }
  return 255;
}
