/**
 * Core biometric value types shared by extraction, templates and matching.
 * Coordinates are in pixels of the source image, origin top-left, x to the right, y down.
 * Angles are in radians, [0, 2π), measured counter-clockwise from the positive x axis with y pointing
 * UP (i.e. the usual math convention after flipping the image y axis) — the same convention INCITS 378
 * uses (its 2-degree units count counter-clockwise from the horizontal axis to the right).
 */
export type MinutiaType = 'ending' | 'bifurcation' | 'other';

export interface Minutia {
  readonly x: number;
  readonly y: number;
  /** Direction in radians, [0, 2π). */
  readonly angle: number;
  readonly type: MinutiaType;
  /** 0..100 (INCITS 378 quality scale). */
  readonly quality: number;
}

/** A grayscale image: one byte per pixel, row-major, 0 = black (ridge), 255 = white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  /** Resolution in pixels per inch. */
  readonly dpi: number;
}

/** What extraction yields: minutiae plus what the UI and matcher need to know about the image. */
export interface FingerprintFeatures {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly minutiae: readonly Minutia[];
  /** 0..100 image quality the UI can show. */
  readonly quality: number;
}
