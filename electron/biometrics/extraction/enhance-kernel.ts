/**
 * Oriented separable filter, TypeScript reference (the native addon gives bit-identical results).
 * Pass 1 smooths along the ridge direction with a Gaussian; pass 2, inside the mask, applies an even
 * Gabor band-pass across the ridges tuned to the local period. Together that is an oriented Gabor
 * filter split into two 1-D passes.
 *
 * Each 1-D filter is precomputed (see enhance-tables.ts) as a short list of (pixel offset, weight):
 * the bilinear interpolation of every tap is folded into the weights, so a pixel costs a few dozen
 * multiply-adds and no interpolation. Near the image edge, where a filter would reach outside, the
 * sampled coordinates are clamped (the edge pixels are repeated), on a slower path.
 *
 * The arithmetic is in integers: weights in 1/32768 units (16-bit), pixels as they are, the smoothed
 * image in 1/128 gray levels (16-bit). Integer sums are exact in any order, so the addon may add the
 * products in whatever order its 16-bit SIMD multiply-adds want and still match this reference; the
 * rounding this costs (under 1/128 gray level, 1/32768 of a weight) is far below the image's noise,
 * and only the output's sign is used downstream.
 */
import { directionBin } from './enhance-direction';

export interface SparseKernels {
  /** Kernel k covers entries start[k] .. start[k+1]-1. */
  readonly start: Int32Array;
  /** Offset of the sampled pixel from the filtered one, as an index delta in the image row layout. */
  readonly offset: Int32Array;
  /** Weights in 1/WEIGHT_ONE units; pass-1 kernels sum to exactly WEIGHT_ONE, pass-2 kernels to 0. */
  readonly weight: Int16Array;
  /** The same offsets as x and y steps, for the clamped path near the image edge. */
  readonly dx: Int8Array;
  readonly dy: Int8Array;
  /** No entry reaches further than this many pixels in x or y. */
  readonly radius: number;
}

/** Filters and quantisation for one image width and parameter set (built once, see enhance-tables.ts). */
export interface EnhanceTables {
  /** Image width the offsets are laid out for, px. */
  readonly width: number;
  /** Quantised ridge directions over 180°. */
  readonly directions: number;
  /** Quantised periods: minPeriod + b × periodStep, b = 0..periods-1, px. */
  readonly periods: number;
  readonly minPeriod: number;
  readonly periodStep: number;
  /** Per direction bin k: the doubled-angle unit vector (cos, sin) of the boundary between bins k and k+1. */
  readonly boundaries: Float64Array;
  /** One kernel per direction: Gaussian along the ridge (weights sum to 1). */
  readonly along: SparseKernels;
  /** One kernel per (direction × periods + period): even Gabor across the ridge (weights sum to 0). */
  readonly across: SparseKernels;
}

export interface EnhanceKernelInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** The output is computed where this is non-zero, 0 elsewhere. */
  mask: Uint8Array;
  /** Orientation field, doubled-angle unit vectors. */
  cos2: Float32Array;
  sin2: Float32Array;
  /** Ridge period per pixel, px. */
  period: Float32Array;
  tables: EnhanceTables;
}

/** Weight unit of the tables: a weight w is stored as round(w × WEIGHT_ONE). */
export const WEIGHT_ONE = 32768;
/** Pass 1's sums (gray × WEIGHT_ONE) are rounded to 1/128 gray levels: 255 × 128 fits 16 bits. */
export const SMOOTH_SHIFT = 8;
/** Pass 2's sums back to gray levels: 1 / (WEIGHT_ONE × 128), a power of two, so scaling is exact. */
export const OUTPUT_SCALE = 2 ** -22;

/** Filter sum at a pixel whose kernel reaches outside the image: clamp each sample to the edge. */
function clampedSum(k: SparseKernels, kernel: number, src: ArrayLike<number>, w: number, h: number, x: number, y: number): number {
  let s = 0;
  for (let e = k.start[kernel]; e < k.start[kernel + 1]; e++) {
    let xx = x + k.dx[e], yy = y + k.dy[e];
    xx = xx < 0 ? 0 : xx >= w ? w - 1 : xx;
    yy = yy < 0 ? 0 : yy >= h ? h - 1 : yy;
    s += k.weight[e] * src[yy * w + xx];
  }
  return s;
}

/** Nearest quantised period, clamped to the table (Math.round semantics, which the addon reproduces). */
export function periodBin(period: number, t: EnhanceTables): number {
  const b = Math.round((period - t.minPeriod) / t.periodStep);
  return b < 0 ? 0 : b > t.periods - 1 ? t.periods - 1 : b;
}

export function enhanceTs(k: EnhanceKernelInput): Float32Array {
  const { width: w, height: h, tables: t } = k;
  const { along, across } = t;
  // Pass 1 is needed wherever pass 2 may sample: the mask grown by the pass-2 radius.
  const smoothMask = dilateSquare(k.mask, w, h, across.radius);
  const direction = new Uint8Array(w * h);
  const smoothed = new Int16Array(w * h);
  const half = 1 << (SMOOTH_SHIFT - 1);
  const ra = along.radius;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!smoothMask[i]) continue;
      const d = direction[i] = directionBin(k.cos2[i], k.sin2[i], t);
      let s = 0;
      if (x < ra || y < ra || x >= w - ra || y >= h - ra) s = clampedSum(along, d, k.pixels, w, h, x, y);
      else for (let e = along.start[d]; e < along.start[d + 1]; e++) s += along.weight[e] * k.pixels[i + along.offset[e]];
      smoothed[i] = (s + half) >> SMOOTH_SHIFT; // s >= 0: the weights are; round half up
    }
  }
  const out = new Float32Array(w * h);
  const rc = across.radius;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!k.mask[i]) continue;
      const kk = direction[i] * t.periods + periodBin(k.period[i], t);
      let s = 0;
      if (x < rc || y < rc || x >= w - rc || y >= h - rc) s = clampedSum(across, kk, smoothed, w, h, x, y);
      else for (let e = across.start[kk]; e < across.start[kk + 1]; e++) s += across.weight[e] * smoothed[i + across.offset[e]];
      out[i] = (0 - s) * OUTPUT_SCALE; // ridges are dark: flip so ridges come out positive (0 - 0 is +0, as in the addon)
    }
  }
  return out;
}

/** Square dilation by radius r in two separable passes; each pass marks pixels within r of a set one. */
export function dilateSquare(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) spread(src, rows, y * w, 1, w, r);
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) spread(rows, out, x, w, h, r);
  return out;
}

/** Along one line (start, step, length): out = 1 where a set pixel of src lies within r. */
function spread(src: Uint8Array, out: Uint8Array, start: number, step: number, length: number, r: number): void {
  let last = -Infinity;
  for (let k = 0, i = start; k < length; k++, i += step) {
    if (src[i]) last = k;
    if (k - last <= r) out[i] = 1;
  }
  last = Infinity;
  for (let k = length - 1, i = start + (length - 1) * step; k >= 0; k--, i -= step) {
    if (src[i]) last = k;
    if (last - k <= r) out[i] = 1;
  }
}
