/**
 * Ridge direction → filter bin. Bin k covers doubled angles [(k − ½)·2π/D, (k + ½)·2π/D), i.e. the
 * ridge angle rounded to the nearest of D steps over 180°. The bin is decided by which side of the
 * precomputed boundary vectors the direction lies on (two products and a compare each), not by where
 * an arc tangent rounds: the addon uses a cheap approximate arc tangent to guess the bin and the same
 * side tests to settle it, so both implementations agree bit for bit whatever their atan2 returns.
 * Exactly one bin k passes both tests (at or past boundary k − 1, not past boundary k): the tests of
 * boundaries a bin apart cannot both be borderline, so a bin confirmed by them needs no other check
 * (the addon uses that to reuse the left neighbour's bin).
 */
import type { EnhanceTables } from './enhance-kernel';

/** The guess may be off by this many bins; a guess within half a bin needs at most one step. */
const MAX_CORRECTION_STEPS = 2;

/** Is (c, s) at or counter-clockwise of boundary b (between bins b and b+1)? Only meaningful near b. */
function pastBoundary(c: number, s: number, b: number, t: EnhanceTables): boolean {
  return t.boundaries[2 * b] * s - t.boundaries[2 * b + 1] * c >= 0;
}

/** Settles a guessed bin (any integer within two bins of the answer) into [0, D). */
export function settleDirectionBin(c: number, s: number, guess: number, t: EnhanceTables): number {
  const D = t.directions;
  let k = ((guess % D) + D) % D;
  for (let n = 0; n < MAX_CORRECTION_STEPS && pastBoundary(c, s, k, t); n++) k = k === D - 1 ? 0 : k + 1;
  for (let n = 0; n < MAX_CORRECTION_STEPS && !pastBoundary(c, s, k === 0 ? D - 1 : k - 1, t); n++) k = k === 0 ? D - 1 : k - 1;
  return k;
}

/** Bin of the doubled-angle vector (cos2, sin2). */
export function directionBin(c: number, s: number, t: EnhanceTables): number {
  return settleDirectionBin(c, s, Math.round((Math.atan2(s, c) * t.directions) / (2 * Math.PI)), t);
}

/** Boundary vectors for D bins: boundary k lies at doubled angle (k + ½)·2π/D. */
export function directionBoundaries(D: number): Float64Array {
  const out = new Float64Array(2 * D);
  for (let k = 0; k < D; k++) {
    const a = ((k + 0.5) * 2 * Math.PI) / D;
    out[2 * k] = Math.cos(a);
    out[2 * k + 1] = Math.sin(a);
  }
  return out;
}
