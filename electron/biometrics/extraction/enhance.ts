/**
 * Contextual enhancement: builds the filter tables for this image (directions, local periods) and
 * runs the oriented Gabor kernel. Output: positive on ridges, negative in valleys, 0 outside the mask.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import type { EnhanceKernelInput } from './enhance-kernel';
import { ridgeAngleAt, type FloatMap, type OrientationField, type RidgePeriodMap, type Segmentation } from './planes';

/** Period quantisation step, px: fine enough that the Gabor tuning error stays under 2 %. */
const PERIOD_STEP_PX = 0.25;

export function enhancementInput(image: GrayImage, field: OrientationField, period: RidgePeriodMap, seg: Segmentation, sp: ScaledParameters): EnhanceKernelInput {
  const { width: w, height: h } = image;
  const p = sp.p.enhancement;
  const D = p.directionSteps;
  const minP = sp.px(sp.p.frequency.minPeriod);
  const maxP = sp.px(sp.p.frequency.maxPeriod);
  const periods = Math.floor((maxP - minP) / PERIOD_STEP_PX) + 1;
  let largest = 0;
  const directionIndex = new Uint8Array(w * h);
  const periodIndex = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    directionIndex[i] = Math.round((ridgeAngleAt(field, i) / Math.PI) * D) % D;
    const pi = Math.min(periods - 1, Math.max(0, Math.round((period.data[i] - minP) / PERIOD_STEP_PX)));
    periodIndex[i] = pi;
    if (seg.mask.data[i] && pi > largest) largest = pi;
  }
  const sigmaAlong = sp.px(p.sigmaAlong);
  const ka = Math.ceil(p.kernelSigmas * sigmaAlong);
  const kc = Math.ceil(p.kernelSigmas * p.sigmaAcrossPerPeriod * (minP + largest * PERIOD_STEP_PX));
  const alongTaps = 2 * ka + 1;
  const acrossTaps = 2 * kc + 1;

  const alongWeights = new Float32Array(alongTaps);
  let sum = 0;
  for (let t = 0; t < alongTaps; t++) sum += alongWeights[t] = Math.exp(-((t - ka) ** 2) / (2 * sigmaAlong ** 2));
  for (let t = 0; t < alongTaps; t++) alongWeights[t] /= sum;

  const acrossWeights = new Float32Array(periods * acrossTaps);
  for (let b = 0; b < periods; b++) {
    const T = minP + b * PERIOD_STEP_PX;
    const sigma = p.sigmaAcrossPerPeriod * T;
    const g = new Float64Array(acrossTaps);
    const wgt = new Float64Array(acrossTaps);
    let sg = 0, sw = 0;
    for (let t = 0; t < acrossTaps; t++) {
      const u = t - kc;
      g[t] = Math.exp(-(u * u) / (2 * sigma * sigma));
      wgt[t] = g[t] * Math.cos((2 * Math.PI * u) / T);
      sg += g[t]; sw += wgt[t];
    }
    let sabs = 0;
    for (let t = 0; t < acrossTaps; t++) { wgt[t] -= (g[t] * sw) / sg; sabs += Math.abs(wgt[t]); }
    for (let t = 0; t < acrossTaps; t++) acrossWeights[b * acrossTaps + t] = wgt[t] / sabs;
  }

  const alongOffsets = new Float32Array(D * alongTaps * 2);
  const acrossOffsets = new Float32Array(D * acrossTaps * 2);
  for (let d = 0; d < D; d++) {
    const a = (d * Math.PI) / D;
    const c = Math.cos(a), s = Math.sin(a);
    for (let t = 0; t < alongTaps; t++) {
      alongOffsets[(d * alongTaps + t) * 2] = (t - ka) * c;
      alongOffsets[(d * alongTaps + t) * 2 + 1] = (t - ka) * s;
    }
    for (let t = 0; t < acrossTaps; t++) {
      acrossOffsets[(d * acrossTaps + t) * 2] = -(t - kc) * s;
      acrossOffsets[(d * acrossTaps + t) * 2 + 1] = (t - kc) * c;
    }
  }
  return {
    pixels: image.pixels, width: w, height: h, mask: seg.mask.data, directionIndex, periodIndex,
    alongOffsets, alongWeights, acrossOffsets, acrossWeights, alongTaps, acrossTaps,
  };
}

export function enhance(input: EnhanceKernelInput, kernel: (k: EnhanceKernelInput) => Float32Array): FloatMap {
  return { width: input.width, height: input.height, data: kernel(input) };
}
