/**
 * Filter tables for the enhancement kernel: for each quantised ridge direction a Gaussian along the
 * ridge, and for each (direction, period) an even Gabor across it, every tap's bilinear interpolation
 * folded into per-pixel weights. They depend only on the image width and the scaled parameters, so
 * they are built once per scanner format and cached.
 */
import type { EnhanceTables, SparseKernels } from './enhance-kernel';
import { WEIGHT_ONE } from './enhance-kernel';
import { StationError } from '../../common/errors';
import { directionBoundaries } from './enhance-direction';

export interface EnhanceTableSpec {
  width: number;
  directions: number;
  sigmaAlong: number;
  /** Half-length of the along-ridge filter, taps. */
  alongHalf: number;
  minPeriod: number;
  periodStep: number;
  periods: number;
  sigmaAcrossPerPeriod: number;
  kernelSigmas: number;
}

const cache = new Map<string, EnhanceTables>();
const CACHE_LIMIT = 8;

export function enhanceTables(spec: EnhanceTableSpec): EnhanceTables {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const D = spec.directions;
  const alongTaps: { u: number; weight: number }[] = [];
  let sum = 0;
  for (let t = -spec.alongHalf; t <= spec.alongHalf; t++) {
    const g = Math.exp(-(t * t) / (2 * spec.sigmaAlong * spec.sigmaAlong));
    alongTaps.push({ u: t, weight: g });
    sum += g;
  }
  for (const tap of alongTaps) tap.weight /= sum;
  const alongLists: Map<string, number>[] = [];
  for (let d = 0; d < D; d++) {
    const a = (d * Math.PI) / D;
    alongLists.push(splat(alongTaps.map((t) => ({ dx: t.u * Math.cos(a), dy: t.u * Math.sin(a), weight: t.weight }))));
  }
  const acrossLists: Map<string, number>[] = [];
  for (let d = 0; d < D; d++) {
    const a = (d * Math.PI) / D;
    const nx = -Math.sin(a), ny = Math.cos(a);
    for (let b = 0; b < spec.periods; b++) {
      const taps = gaborTaps(spec.minPeriod + b * spec.periodStep, spec);
      acrossLists.push(splat(taps.map((t) => ({ dx: t.u * nx, dy: t.u * ny, weight: t.weight }))));
    }
  }
  const tables: EnhanceTables = {
    width: spec.width, directions: D, periods: spec.periods, minPeriod: spec.minPeriod, periodStep: spec.periodStep,
    boundaries: directionBoundaries(D),
    along: pack(alongLists.map((l) => quantize(l, WEIGHT_ONE)), spec.width),
    across: pack(acrossLists.map((l) => quantize(l, 0)), spec.width),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, tables);
  return tables;
}

/** Even Gabor taps across the ridge for one period, made DC-free and scaled to unit absolute sum. */
function gaborTaps(period: number, spec: EnhanceTableSpec): { u: number; weight: number }[] {
  const sigma = spec.sigmaAcrossPerPeriod * period;
  const half = Math.ceil(spec.kernelSigmas * sigma);
  const taps: { u: number; g: number; weight: number }[] = [];
  let sg = 0, sw = 0;
  for (let u = -half; u <= half; u++) {
    const g = Math.exp(-(u * u) / (2 * sigma * sigma));
    const wgt = g * Math.cos((2 * Math.PI * u) / period);
    taps.push({ u, g, weight: wgt });
    sg += g; sw += wgt;
  }
  let sabs = 0;
  for (const t of taps) { t.weight -= (t.g * sw) / sg; sabs += Math.abs(t.weight); }
  return taps.map((t) => ({ u: t.u, weight: t.weight / sabs }));
}

/** Spread each tap over the four pixels around its sub-pixel position (bilinear), merging repeats. */
function splat(taps: { dx: number; dy: number; weight: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (x: number, y: number, v: number) => {
    if (v === 0) return;
    const key = `${x},${y}`;
    out.set(key, (out.get(key) ?? 0) + v);
  };
  for (const t of taps) {
    // Round away floating-point dust so exact integer positions do not touch a neighbour.
    const dx = Math.round(t.dx * 1e9) / 1e9, dy = Math.round(t.dy * 1e9) / 1e9;
    const x0 = Math.floor(dx), y0 = Math.floor(dy);
    const fx = dx - x0, fy = dy - y0;
    add(x0, y0, t.weight * (1 - fx) * (1 - fy));
    add(x0 + 1, y0, t.weight * fx * (1 - fy));
    add(x0, y0 + 1, t.weight * (1 - fx) * fy);
    add(x0 + 1, y0 + 1, t.weight * fx * fy);
  }
  return out;
}

/**
 * Weights to integers in 1/WEIGHT_ONE units, summing exactly to `sum` (WEIGHT_ONE: a smoothing that
 * keeps the gray level; 0: a band-pass that ignores it): the rounding residue, a few units, goes to
 * the largest weight. Weights that round to 0 are dropped.
 */
function quantize(list: Map<string, number>, sum: number): Map<string, number> {
  const out = new Map<string, number>();
  let total = 0, largest = '', largestAbs = -1;
  for (const [key, v] of list) {
    const q = Math.round(v * WEIGHT_ONE);
    if (q === 0) continue;
    out.set(key, q);
    total += q;
    if (Math.abs(q) > largestAbs) { largest = key; largestAbs = Math.abs(q); }
  }
  if (largest) out.set(largest, out.get(largest)! + sum - total);
  // 16-bit weights (the addon multiplies them in 16-bit lanes), and sums of 16-bit samples that fit
  // 32 bits: Σ|q| × 32767 < 2^31. Only absurd parameters (a filter narrower than a pixel) fail this.
  let absSum = 0;
  for (const q of out.values()) {
    absSum += Math.abs(q);
    if (q < -32767 || q > 32767 || absSum > 65536) {
      throw new StationError('ENHANCE_FILTER_OUT_OF_RANGE', 'The enhancement filter parameters give a filter whose integer weights overflow (a filter narrower than a pixel?); check sigmaAlong and sigmaAcrossPerPeriod in parameters.ts.', { weight: q });
    }
  }
  return out;
}

function pack(lists: Map<string, number>[], width: number): SparseKernels {
  let total = 0;
  for (const l of lists) total += l.size;
  const start = new Int32Array(lists.length + 1);
  const offset = new Int32Array(total);
  const weight = new Int16Array(total);
  const dx = new Int8Array(total);
  const dy = new Int8Array(total);
  let radius = 0, e = 0;
  lists.forEach((l, k) => {
    start[k] = e;
    // Row-major order keeps the memory walk forward.
    const entries = [...l].map(([key, v]) => { const [x, y] = key.split(',').map(Number); return { x, y, v }; });
    entries.sort((a, b) => a.y - b.y || a.x - b.x);
    for (const { x, y, v } of entries) {
      offset[e] = y * width + x;
      weight[e] = v;
      dx[e] = x;
      dy[e] = y;
      radius = Math.max(radius, Math.abs(x), Math.abs(y));
      e++;
    }
  });
  start[lists.length] = e;
  return { start, offset, weight, dx, dy, radius };
}
