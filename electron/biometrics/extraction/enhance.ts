/**
 * Contextual enhancement: quantises each pixel's ridge direction and period, fetches the filter tables
 * for this image format and runs the oriented Gabor kernel. Output: positive on ridges, negative in
 * valleys, 0 outside the mask.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import type { EnhanceKernelInput } from './enhance-kernel';
import { enhanceTables } from './enhance-tables';
import type { FloatMap, OrientationField, RidgePeriodMap, Segmentation } from './planes';

/** Period quantisation step, px: the Gabor tuning error stays under 3 % of a 9-px period. */
const PERIOD_STEP_PX = 0.5;

export function enhancementInput(image: GrayImage, field: OrientationField, period: RidgePeriodMap, seg: Segmentation, sp: ScaledParameters): EnhanceKernelInput {
  const { width: w, height: h } = image;
  const p = sp.p.enhancement;
  const D = p.directionSteps;
  const minP = sp.px(sp.p.frequency.minPeriod);
  const maxP = sp.px(sp.p.frequency.maxPeriod);
  const periods = Math.floor((maxP - minP) / PERIOD_STEP_PX) + 1;
  const sigmaAlong = sp.px(p.sigmaAlong);
  const tables = enhanceTables({
    width: w, directions: D, sigmaAlong, alongHalf: Math.ceil(p.kernelSigmas * sigmaAlong),
    minPeriod: minP, periodStep: PERIOD_STEP_PX, periods, sigmaAcrossPerPeriod: p.sigmaAcrossPerPeriod, kernelSigmas: p.kernelSigmas,
  });

  const mask = seg.mask.data;
  // Pass 1 is needed wherever pass 2 may sample: the mask grown by the pass-2 radius.
  const smoothMask = dilateSquare(mask, w, h, tables.across.radius);
  const directionIndex = new Uint8Array(w * h);
  const periodIndex = new Uint8Array(w * h);
  const binsPerRadian = D / Math.PI;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!smoothMask[i]) continue;
      // Doubled angle in (-π, π] → ridge angle bin in [0, D).
      const bin = Math.round(((Math.atan2(field.sin2[i], field.cos2[i]) / 2) * binsPerRadian));
      directionIndex[i] = bin < 0 ? bin + D : bin % D;
      periodIndex[i] = Math.min(periods - 1, Math.max(0, Math.round((period.data[i] - minP) / PERIOD_STEP_PX)));
    }
  }
  return { pixels: image.pixels, width: w, height: h, mask, smoothMask, directionIndex, periodIndex, along: tables.along, across: tables.across, periods };
}

export function enhance(input: EnhanceKernelInput, kernel: (k: EnhanceKernelInput) => Float32Array): FloatMap {
  return { width: input.width, height: input.height, data: kernel(input) };
}

/** Square dilation by radius r in two separable passes; each pass marks pixels within r of a set one. */
function dilateSquare(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
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
