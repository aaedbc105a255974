/**
 * The per-pixel stages that have both a TypeScript reference and a native (C++) implementation.
 * Both must give the same result; `test/unit/biometrics/native-equivalence.test.ts` checks it.
 */
import type { EnhanceKernelInput } from './enhance-kernel';
import { enhanceTs } from './enhance-kernel';
import type { OrientationKernelInput } from './orientation';
import { orientationFieldTs } from './orientation';
import type { OrientationField } from './planes';
import { thinTs } from './thinning-kernel';

export type EngineName = 'native' | 'typescript';

export interface ExtractionKernels {
  readonly engine: EngineName;
  orientationField(input: OrientationKernelInput): OrientationField;
  enhance(input: EnhanceKernelInput): Float32Array;
  /** One-pixel-wide skeleton of a 0/1 ridge image. */
  thin(binary: Uint8Array, width: number, height: number): Uint8Array;
}

export const typescriptKernels: ExtractionKernels = {
  engine: 'typescript',
  orientationField: orientationFieldTs,
  enhance: enhanceTs,
  thin: thinTs,
};
