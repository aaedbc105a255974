/**
 * Quantisation of edge shapes (length, two relative angles) into hash keys. Bins are twice the
 * tolerance wide, so the tolerance window around any shape touches at most two bins per dimension:
 * a template lists each edge under those ≤ 8 keys and a probe edge looks up only its own key.
 */
import { MatchParams } from '../parameters';

const TWO_PI = 2 * Math.PI;
export const LENGTH_BIN = 2 * (MatchParams.lengthTolerance + MatchParams.lengthToleranceRelative * MatchParams.maxEdgeLength);
export const LENGTH_BINS = Math.ceil((MatchParams.maxEdgeLength + LENGTH_BIN) / LENGTH_BIN) + 1;
export const ANGLE_BINS = Math.floor(TWO_PI / (2 * MatchParams.angleTolerance));
const ANGLE_BIN = TWO_PI / ANGLE_BINS;
export const KEY_COUNT = LENGTH_BINS * ANGLE_BINS * ANGLE_BINS;

const key = (l: number, a: number, b: number) => (l * ANGLE_BINS + a) * ANGLE_BINS + b;
const angleBin = (a: number) => Math.floor(a / ANGLE_BIN) % ANGLE_BINS;
const lengthBin = (l: number) => Math.min(LENGTH_BINS - 1, Math.max(0, Math.floor(l / LENGTH_BIN)));

function angleBinsAround(a: number): number[] {
  const lo = angleBin((a - MatchParams.angleTolerance + TWO_PI) % TWO_PI);
  const hi = angleBin((a + MatchParams.angleTolerance) % TWO_PI);
  return lo === hi ? [lo] : [lo, hi];
}

export function edgeKeyRange(length: number, from: number, at: number): { exact: number; keys: number[] } {
  const tol = MatchParams.lengthTolerance + MatchParams.lengthToleranceRelative * length;
  const l0 = lengthBin(length - tol), l1 = lengthBin(length + tol);
  const ls = l0 === l1 ? [l0] : [l0, l1];
  const keys: number[] = [];
  for (const l of ls) for (const a of angleBinsAround(from)) for (const b of angleBinsAround(at)) keys.push(key(l, a, b));
  return { exact: key(lengthBin(length), angleBin(from), angleBin(at)), keys };
}
