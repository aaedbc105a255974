/**
 * Contextual enhancement: fetches the filter tables for this image format and runs the oriented Gabor
 * kernel, which quantises each pixel's ridge direction and period itself. Output: positive on ridges,
 * negative in valleys, 0 outside the mask.
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
  const minP = sp.px(sp.p.frequency.minPeriod);
  const maxP = sp.px(sp.p.frequency.maxPeriod);
  const sigmaAlong = sp.px(p.sigmaAlong);
  const tables = enhanceTables({
    width: w, directions: p.directionSteps, sigmaAlong, alongHalf: Math.ceil(p.kernelSigmas * sigmaAlong),
    minPeriod: minP, periodStep: PERIOD_STEP_PX, periods: Math.floor((maxP - minP) / PERIOD_STEP_PX) + 1,
    sigmaAcrossPerPeriod: p.sigmaAcrossPerPeriod, kernelSigmas: p.kernelSigmas,
  });
  return { pixels: image.pixels, width: w, height: h, mask: seg.mask.data, cos2: field.cos2, sin2: field.sin2, period: period.data, tables };
}

export function enhance(input: EnhanceKernelInput, kernel: (k: EnhanceKernelInput) => Float32Array): FloatMap {
  return { width: input.width, height: input.height, data: kernel(input) };
}
