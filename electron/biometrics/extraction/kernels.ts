/**
 * The per-pixel stages that have both a TypeScript reference and a native (C++) implementation.
 * Both must give the same result; test/unit/biometrics/native.test.ts and native-kernels.test.ts check it.
 */
import type { BinarizeKernel } from './binarize-kernel';
import { binarizeTs } from './binarize-kernel';
import type { EnhanceKernelInput } from './enhance-kernel';
import { enhanceTs } from './enhance-kernel';
import type { SignatureKernel } from './frequency-kernel';
import { signaturesTs } from './frequency-kernel';
import type { OrientationKernelInput } from './orientation';
import { orientationFieldTs } from './orientation';
import type { OrientationField } from './planes';
import type { SegmentationKernels } from './segmentation-kernel';
import { segmentationTs } from './segmentation-kernel';
import { thinTs } from './thinning-kernel';
import type { RankKernel } from './normalize';
import { rankNormalizeTs } from './normalize';
import type { SkeletonKernel } from './skeleton-kernel';
import { skeletonTs } from './skeleton-kernel';

export type EngineName = 'native' | 'typescript';

export interface ExtractionKernels {
  readonly engine: EngineName;
  /** Local-rank contrast normalisation (normalize.ts). */
  readonly rankNormalize: RankKernel;
  orientationField(input: OrientationKernelInput): OrientationField;
  readonly segmentation: SegmentationKernels;
  readonly signatures: SignatureKernel;
  enhance(input: EnhanceKernelInput): Float32Array;
  readonly binarize: BinarizeKernel;
  /** One-pixel-wide skeleton of a 0/1 ridge image. */
  thin(binary: Uint8Array, width: number, height: number): Uint8Array;
  /** The pixel walks of skeleton repair and minutia detection (their angle math stays in TypeScript). */
  readonly skeleton: SkeletonKernel;
}

export const typescriptKernels: ExtractionKernels = {
  engine: 'typescript',
  rankNormalize: rankNormalizeTs,
  orientationField: orientationFieldTs,
  segmentation: segmentationTs,
  signatures: signaturesTs,
  enhance: enhanceTs,
  binarize: binarizeTs,
  thin: thinTs,
  skeleton: skeletonTs,
};
