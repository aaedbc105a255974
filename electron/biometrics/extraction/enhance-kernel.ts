/**
 * Oriented separable filter, TypeScript reference (the native addon runs the same arithmetic, in the
 * same order, so both give bit-identical results). Pass 1 smooths every pixel along its ridge
 * direction with a Gaussian; pass 2, inside the mask, applies an even Gabor band-pass across the
 * ridges tuned to the local period. Together that is an oriented Gabor filter, split into two 1-D
 * passes so it costs about 40 samples per pixel instead of about 600.
 */
export interface EnhanceKernelInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Pass 2 runs where this is non-zero; elsewhere the output is 0. */
  mask: Uint8Array;
  /** Per pixel: index of the quantised ridge direction, 0..directions-1. */
  directionIndex: Uint8Array;
  /** Per pixel: index of the quantised ridge period, 0..periods-1. */
  periodIndex: Uint8Array;
  /** directions × alongTaps × (dx, dy): sample offsets along the ridge. */
  alongOffsets: Float32Array;
  /** alongTaps weights (sum 1). */
  alongWeights: Float32Array;
  /** directions × acrossTaps × (dx, dy): sample offsets across the ridge. */
  acrossOffsets: Float32Array;
  /** periods × acrossTaps weights (sum 0). */
  acrossWeights: Float32Array;
  alongTaps: number;
  acrossTaps: number;
}

/** Bilinear sample with coordinates clamped to the image. */
function sample(src: ArrayLike<number>, w: number, h: number, x: number, y: number): number {
  if (x < 0) x = 0; else if (x > w - 1) x = w - 1;
  if (y < 0) y = 0; else if (y > h - 1) y = h - 1;
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = x0 + 1 < w ? x0 + 1 : x0;
  const y1 = y0 + 1 < h ? y0 + 1 : y0;
  const fx = x - x0, fy = y - y0;
  const top = src[y0 * w + x0] * (1 - fx) + src[y0 * w + x1] * fx;
  const bottom = src[y1 * w + x0] * (1 - fx) + src[y1 * w + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}

export function enhanceTs(k: EnhanceKernelInput): Float32Array {
  const { width: w, height: h, alongTaps: na, acrossTaps: nc } = k;
  const smoothed = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const base = k.directionIndex[i] * na * 2;
      let s = 0;
      for (let t = 0; t < na; t++) {
        s += k.alongWeights[t] * sample(k.pixels, w, h, x + k.alongOffsets[base + 2 * t], y + k.alongOffsets[base + 2 * t + 1]);
      }
      smoothed[i] = s;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!k.mask[i]) continue;
      const base = k.directionIndex[i] * nc * 2;
      const wb = k.periodIndex[i] * nc;
      let s = 0;
      for (let t = 0; t < nc; t++) {
        s += k.acrossWeights[wb + t] * sample(smoothed, w, h, x + k.acrossOffsets[base + 2 * t], y + k.acrossOffsets[base + 2 * t + 1]);
      }
      out[i] = -s; // ridges are dark: flip so ridges come out positive
    }
  }
  return out;
}
