/**
 * Opt-in view into the extractor: when a `transparency` callback is given, every step hands it its
 * output (the very object the next step uses, not a copy, so it must not be modified). Without a
 * callback nothing is built or copied, so the hook costs nothing when off.
 */
import type { FingerprintFeatures, GrayImage, Minutia } from './types';
import type { Candidate } from './extraction/minutiae';
import type { ByteMap, FloatMap, OrientationField, RidgePeriodMap, Segmentation } from './extraction/planes';

export interface TransparencySteps {
  image: GrayImage;
  /** Local contrast normalisation (the image itself when turned off). */
  normalized: GrayImage;
  orientation: OrientationField;
  segmentation: Segmentation;
  ridgePeriod: RidgePeriodMap;
  /** Positive on ridges, negative in valleys, 0 outside the mask. */
  enhanced: FloatMap;
  /** 1 = ridge. */
  binary: ByteMap;
  skeleton: ByteMap;
  repairedSkeleton: ByteMap;
  /** Minutiae as read from the skeleton, before false-minutiae removal (image coordinates and directions). */
  candidates: readonly Candidate[];
  minutiae: readonly Minutia[];
  features: FingerprintFeatures;
}

export type TransparencyEvent = { [K in keyof TransparencySteps]: { step: K; data: TransparencySteps[K] } }[keyof TransparencySteps];

export type Transparency = (event: TransparencyEvent) => void;
