/** Ridges are where the enhanced image is positive; tiny ridge islands and valley holes are flipped (binarize-kernel.ts). */
import type { ScaledParameters } from '../parameters';
import { binarizeTs, type BinarizeKernel } from './binarize-kernel';
import type { ByteMap, FloatMap, Segmentation } from './planes';

/** `k`: the kernel, native or the TypeScript reference. */
export function binarize(enhanced: FloatMap, seg: Segmentation, sp: ScaledParameters, k: BinarizeKernel = binarizeTs): ByteMap {
  const { width: w, height: h } = enhanced;
  const minArea = Math.round(sp.p.binarization.minComponentArea * sp.scale * sp.scale);
  return { width: w, height: h, data: k(enhanced.data, seg.mask.data, w, h, minArea) };
}
