/**
 * Pre-filter for pairing growth. Growth asks, for a probe edge, which of a candidate minutia's edges
 * have a direction within `angleTolerance` of the probe edge's (both edge-relative directions); most
 * have not. Per minutia and per direction bin we list, as a bit mask over its edges, every edge that
 * could pass for some direction in that bin. A probe edge then looks at the edges in
 * mask(its from-bin) ∧ mask(its at-bin) only and tests those exactly as before: a superset, so the
 * pairs found are the same, in the same order.
 */
import { MatchParams } from '../parameters';
import { StationError } from '../../common/errors';

const TWO_PI = 2 * Math.PI;
/** Direction bins around the circle; half the tolerance wide, so a mask admits about 2.5 tolerances. */
export const ANGLE_MASK_BINS = Math.max(1, Math.floor(TWO_PI / (MatchParams.angleTolerance / 2)));
const BIN = TWO_PI / ANGLE_MASK_BINS;
/** Admit edges a little beyond the tolerance, far above any rounding in the bin of an angle. */
const MARGIN = 1e-4;

if (MatchParams.neighbors > 16) {
  throw new StationError('MATCH_TOO_MANY_NEIGHBORS', 'MatchParams.neighbors is above 16, more edges per minutia than a pairing-growth mask holds.', { neighbors: MatchParams.neighbors });
}

/** Bin of a direction in [0, 2π] (2π itself, from float rounding, falls in the last bin). */
export const angleBin = (a: number): number => Math.min(ANGLE_MASK_BINS - 1, Math.max(0, Math.floor(a / BIN)));

export interface AngleMasks {
  /** Each edge's own from/at direction bin. */
  readonly fromBin: Uint8Array;
  readonly atBin: Uint8Array;
  /** Per minutia i and bin b (index i × ANGLE_MASK_BINS + b): bit k set if i's k-th edge may pass. */
  readonly fromMask: Uint16Array;
  readonly atMask: Uint16Array;
}

function masksOf(edgeStart: Int32Array, direction: Float32Array): { bins: Uint8Array; masks: Uint16Array } {
  const n = edgeStart.length - 1;
  const bins = Uint8Array.from(direction, angleBin);
  const masks = new Uint16Array(n * ANGLE_MASK_BINS);
  const reach = MatchParams.angleTolerance + MARGIN;
  for (let i = 0; i < n; i++) {
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
      // Every bin that meets the arc [direction - reach, direction + reach], around the circle.
      const first = Math.floor((direction[e] - reach) / BIN), last = Math.floor((direction[e] + reach) / BIN);
      for (let b = first; b <= last && b < first + ANGLE_MASK_BINS; b++) {
        masks[i * ANGLE_MASK_BINS + (((b % ANGLE_MASK_BINS) + ANGLE_MASK_BINS) % ANGLE_MASK_BINS)] |= 1 << (e - edgeStart[i]);
      }
    }
  }
  return { bins, masks };
}

export function buildAngleMasks(edgeStart: Int32Array, edgeFrom: Float32Array, edgeAt: Float32Array): AngleMasks {
  const from = masksOf(edgeStart, edgeFrom), at = masksOf(edgeStart, edgeAt);
  return { fromBin: from.bins, atBin: at.bins, fromMask: from.masks, atMask: at.masks };
}
