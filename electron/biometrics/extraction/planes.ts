/** Intermediate results of the extraction steps; each is a full-resolution plane unless named a grid. */

export interface ByteMap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface FloatMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * Ridge orientation per pixel as a doubled-angle unit vector: the ridge runs along direction
 * θ = atan2(sin2, cos2) / 2 in IMAGE coordinates (x right, y down), θ ∈ [0, π).
 * `coherence` ∈ [0, 1] says how consistently the ridges run that way around the pixel.
 */
export interface OrientationField {
  readonly width: number;
  readonly height: number;
  readonly cos2: Float32Array;
  readonly sin2: Float32Array;
  readonly coherence: Float32Array;
}

/** Foreground mask (1 = fingerprint) and each pixel's distance to the background, in pixels. */
export interface Segmentation {
  readonly mask: ByteMap;
  readonly borderDistance: FloatMap;
  /** The block gray-level standard deviation that made a block foreground, gray levels. */
  readonly contrastThreshold: number;
}

/** Ridge period (pixels per ridge+valley) per pixel. */
export type RidgePeriodMap = FloatMap;

/** Ridge direction of one pixel, image coordinates, [0, π). */
export function ridgeAngleAt(field: OrientationField, index: number): number {
  const a = Math.atan2(field.sin2[index], field.cos2[index]) / 2;
  return a < 0 ? a + Math.PI : a;
}

/**
 * Expands a block grid (`blocks` values per block row) to a full-resolution plane, `b`×`b` pixels per
 * block: each image row is filled block by block, and the rows of one block row are copies of its first.
 */
export function expandBlocks<T extends Uint8Array | Float32Array>(grid: ArrayLike<number>, blocksPerRow: number, b: number, out: T, w: number, h: number): T {
  for (let y0 = 0; y0 < h; y0 += b) {
    const gridRow = (y0 / b) * blocksPerRow;
    const row = y0 * w;
    for (let bx = 0, x = 0; x < w; bx++, x += b) out.fill(grid[gridRow + bx], row + x, row + Math.min(w, x + b));
    for (let y = y0 + 1; y < Math.min(h, y0 + b); y++) out.copyWithin(y * w, row, row + w);
  }
  return out;
}
