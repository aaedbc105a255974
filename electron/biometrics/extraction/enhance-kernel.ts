/**
 * Oriented separable filter, TypeScript reference (the native addon runs the same arithmetic, in the
 * same order, so both give bit-identical results). Pass 1 smooths along the ridge direction with a
 * Gaussian; pass 2, inside the mask, applies an even Gabor band-pass across the ridges tuned to the
 * local period. Together that is an oriented Gabor filter split into two 1-D passes.
 *
 * Each 1-D filter is precomputed (see enhance-tables.ts) as a short list of (pixel offset, weight):
 * the bilinear interpolation of every tap is folded into the weights, so a pixel costs a few dozen
 * multiply-adds and no interpolation. Near the image edge, where a filter would reach outside, the
 * sampled coordinates are clamped (the edge pixels are repeated), on a slower path.
 */
export interface SparseKernels {
  /** Kernel k covers entries start[k] .. start[k+1]-1. */
  readonly start: Int32Array;
  /** Offset of the sampled pixel from the filtered one, as an index delta in the image row layout. */
  readonly offset: Int32Array;
  readonly weight: Float32Array;
  /** The same offsets as x and y steps, for the clamped path near the image edge. */
  readonly dx: Int8Array;
  readonly dy: Int8Array;
  /** No entry reaches further than this many pixels in x or y. */
  readonly radius: number;
}

export interface EnhanceKernelInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Pass 2 runs where this is non-zero; elsewhere the output is 0. */
  mask: Uint8Array;
  /** Pass 1 runs where this is non-zero (the mask grown by the pass-2 radius). */
  smoothMask: Uint8Array;
  /** Per pixel: index of the quantised ridge direction, 0..directions-1. */
  directionIndex: Uint8Array;
  /** Per pixel: index of the quantised ridge period, 0..periods-1. */
  periodIndex: Uint8Array;
  /** One kernel per direction: Gaussian along the ridge (weights sum to 1). */
  along: SparseKernels;
  /** One kernel per (direction × periods + period): even Gabor across the ridge (weights sum to 0). */
  across: SparseKernels;
  periods: number;
}

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

export function enhanceTs(k: EnhanceKernelInput): Float32Array {
  const { width: w, height: h, along, across } = k;
  const smoothed = new Float32Array(w * h);
  const ra = along.radius;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!k.smoothMask[i]) continue;
      const d = k.directionIndex[i];
      if (x < ra || y < ra || x >= w - ra || y >= h - ra) { smoothed[i] = clampedSum(along, d, k.pixels, w, h, x, y); continue; }
      let s = 0;
      for (let e = along.start[d]; e < along.start[d + 1]; e++) s += along.weight[e] * k.pixels[i + along.offset[e]];
      smoothed[i] = s;
    }
  }
  const out = new Float32Array(w * h);
  const rc = across.radius;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!k.mask[i]) continue;
      const kk = k.directionIndex[i] * k.periods + k.periodIndex[i];
      let s = 0;
      if (x < rc || y < rc || x >= w - rc || y >= h - rc) s = clampedSum(across, kk, smoothed, w, h, x, y);
      else for (let e = across.start[kk]; e < across.start[kk + 1]; e++) s += across.weight[e] * smoothed[i + across.offset[e]];
      out[i] = -s; // ridges are dark: flip so ridges come out positive
    }
  }
  return out;
}
