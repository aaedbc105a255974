/**
 * Error rates from two score lists, exactly as the FVC protocol defines them (README of the
 * fingerprint data): decision "match" when score >= t; FNMR(t) = genuine below t; FMR(t) = impostors
 * at or above t. A failed comparison (failure to enrol, unprocessable probe) is `null`: a non-match at
 * every threshold, never dropped. EER is taken where |FMR − FNMR| is smallest over all thresholds
 * that make a difference (every observed score and one above the highest), as the mean of the two —
 * the same rule the NBIS peer script uses, so the numbers are comparable.
 */
export type Score = number | null;

export interface ErrorRates {
  /** Fractions (0.021 = 2.1 %). */
  eer: number;
  fmr100: number;
  fmr1000: number;
  zeroFmr: number;
  /** Threshold where the EER was found. */
  eerThreshold: number;
  /** Lowest threshold with no false match among the impostors. */
  zeroFmrThreshold: number;
}

/** Count of values >= t in an ascending array (binary search). */
function countAtLeast(sorted: Float64Array, t: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

export function errorRates(genuine: readonly Score[], impostor: readonly Score[]): ErrorRates {
  if (genuine.length === 0 || impostor.length === 0) throw new RangeError('error rates need at least one genuine and one impostor comparison');
  const g = Float64Array.from(genuine.filter((s): s is number => s !== null)).sort();
  const i = Float64Array.from(impostor.filter((s): s is number => s !== null)).sort();
  const all = [...g, ...i];
  const top = all.length ? Math.max(...all) : 0;
  const thresholds = [...new Set(all), top + 1].sort((a, b) => a - b);
  let best = { gap: Infinity, eer: 1, t: top + 1 };
  let fmr100 = 1, fmr1000 = 1, zeroFmr = 1, zeroT = top + 1;
  for (const t of thresholds) {
    // Failed genuine comparisons are below every threshold; failed impostors never reach one.
    const fnmr = (genuine.length - countAtLeast(g, t)) / genuine.length;
    const fmr = countAtLeast(i, t) / impostor.length;
    const gap = Math.abs(fnmr - fmr);
    if (gap < best.gap) best = { gap, eer: (fnmr + fmr) / 2, t };
    if (fmr <= 0.01) fmr100 = Math.min(fmr100, fnmr);
    if (fmr <= 0.001) fmr1000 = Math.min(fmr1000, fnmr);
    if (fmr === 0 && fnmr < zeroFmr) {
      zeroFmr = fnmr;
      zeroT = t;
    }
  }
  return { eer: best.eer, fmr100, fmr1000, zeroFmr, eerThreshold: best.t, zeroFmrThreshold: zeroT };
}
