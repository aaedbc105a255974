/**
 * Scoring one pairing. The pairs give a rigid alignment (least squares); with it we count the minutiae
 * of each print that fall inside the other print's area. The score is the share of those that were
 * paired, for both prints at once, weighted by how densely the pairs confirm each other (support: edges
 * that agree between paired minutiae), so chains of coincidental pairs score low.
 */
import { MatchParams } from '../parameters';
import type { MatchTemplate } from './template';

function inside(T: MatchTemplate, x: number, y: number): boolean {
  const gx = Math.floor((x - T.gridX) / MatchParams.areaCell);
  const gy = Math.floor((y - T.gridY) / MatchParams.areaCell);
  return gx >= 0 && gy >= 0 && gx < T.gridWidth && gy < T.gridHeight && T.grid[gy * T.gridWidth + gx] === 1;
}

export interface PairingMeasures {
  pairs: number;
  /** Pairs found by edge growth (the rest were added by consolidation). */
  grownPairs: number;
  /** Pairs weighted by the reliability of both minutiae. */
  weightedPairs: number;
  support: number;
  probeInOverlap: number;
  candidateInOverlap: number;
}

/** Measures of the best pairing of the latest comparison (for diagnostics; reset per comparison). */
export const lastMeasures = { pairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0, score: 0 };

const measured: PairingMeasures = { pairs: 0, grownPairs: 0, weightedPairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0 };
const bound: PairingMeasures = { pairs: 0, grownPairs: 0, weightedPairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0 };

/** Measures of one pairing; the returned object is reused by the next call. */
/**
 * With `pairP`/`pairC` (the pairing's probe→candidate and candidate→probe maps, -1 = unpaired),
 * minutiae the edge growth could not reach (no shared neighbours) are paired after the fact when the
 * global alignment puts them within `consolidationDistance` and `consolidationAngle` of each other.
 */
export function measurePairing(P: MatchTemplate, C: MatchTemplate, qP: Int32Array, qC: Int32Array, m: number, support: number, pairP?: Int32Array, pairC?: Int32Array): PairingMeasures {
  let pxm = 0, pym = 0, cxm = 0, cym = 0, wPairs = 0;
  for (let t = 0; t < m; t++) {
    pxm += P.x[qP[t]]; pym += P.y[qP[t]];
    cxm += C.x[qC[t]]; cym += C.y[qC[t]];
    wPairs += Math.sqrt(P.weight[qP[t]] * C.weight[qC[t]]);
  }
  pxm /= m; pym /= m; cxm /= m; cym /= m;
  let sxx = 0, sxy = 0;
  for (let t = 0; t < m; t++) {
    const px = P.x[qP[t]] - pxm, py = P.y[qP[t]] - pym;
    const cx = C.x[qC[t]] - cxm, cy = C.y[qC[t]] - cym;
    sxx += px * cx + py * cy;
    sxy += px * cy - py * cx;
  }
  const rot = Math.atan2(sxy, sxx);
  const cos = Math.cos(rot), sin = Math.sin(rot);
  // Minutiae of each print inside the other's area, weighted by reliability.
  let pIn = 0;
  for (let i = 0; i < P.count; i++) {
    const px = P.x[i] - pxm, py = P.y[i] - pym;
    if (inside(C, cxm + cos * px - sin * py, cym + sin * px + cos * py)) pIn += P.weight[i];
  }
  let cIn = 0;
  for (let i = 0; i < C.count; i++) {
    const cx = C.x[i] - cxm, cy = C.y[i] - cym;
    if (inside(P, pxm + cos * cx + sin * cy, pym - sin * cx + cos * cy)) cIn += C.weight[i];
  }
  let extra = 0;
  if (pairP && pairC) {
    const d2max = MatchParams.consolidationDistance ** 2;
    const tolA = MatchParams.consolidationAngle;
    for (let i = 0; i < P.count; i++) {
      if (pairP[i] >= 0) continue;
      const px = P.x[i] - pxm, py = P.y[i] - pym;
      const tx = cxm + cos * px - sin * py, ty = cym + sin * px + cos * py;
      const ta = P.angle[i] + rot;
      let best = -1, bestD = d2max;
      for (let j = 0; j < C.count; j++) {
        if (pairC[j] >= 0) continue;
        const dx = C.x[j] - tx, dy = C.y[j] - ty;
        const d2 = dx * dx + dy * dy;
        if (d2 > bestD) continue;
        let da = Math.abs(C.angle[j] - ta) % (2 * Math.PI);
        if (da > Math.PI) da = 2 * Math.PI - da;
        if (da > tolA) continue;
        best = j;
        bestD = d2;
      }
      if (best >= 0) {
        pairC[best] = -2 - i; // marked as taken; restored below
        wPairs += Math.sqrt(P.weight[i] * C.weight[best]);
        extra++;
      }
    }
    for (let j = 0; j < C.count; j++) if (pairC[j] <= -2) pairC[j] = -1;
  }
  const out = measured;
  out.pairs = m + extra;
  out.grownPairs = m;
  out.weightedPairs = wPairs;
  out.support = support;
  out.probeInOverlap = Math.max(pIn, wPairs);
  out.candidateInOverlap = Math.max(cIn, wPairs);
  return out;
}

/**
 * score = 100 × share × consistency × evidence:
 *  - share: paired² / ((probe minutiae in overlap + k)(candidate minutiae in overlap + k)), k damping tiny overlaps;
 *  - consistency: supporting edges per pair, saturating at `supportPerPair` (coincidental pairs form
 *    chains with about one edge each, true pairs sit in a mesh);
 *  - evidence: 1 − e^(−pairs / evidencePairs): a handful of pairs is weak evidence whatever its share.
 */
export function scoreMeasures(q: PairingMeasures): number {
  const k = MatchParams.overlapPrior;
  const share = (q.weightedPairs * q.weightedPairs) / ((q.probeInOverlap + k) * (q.candidateInOverlap + k));
  const consistency = Math.min(1, q.support / (MatchParams.supportPerPair * q.grownPairs));
  const evidence = 1 - Math.exp(-q.pairs / MatchParams.evidencePairs);
  return 100 * share * consistency * evidence;
}

/** Highest score a pairing can reach whatever the overlap (every overlapping minutia paired). */
export function scoreBound(pairs: number, support: number): number {
  bound.pairs = bound.grownPairs = bound.weightedPairs = bound.probeInOverlap = bound.candidateInOverlap = pairs;
  bound.support = support;
  return scoreMeasures(bound);
}

export function scorePairing(P: MatchTemplate, C: MatchTemplate, qP: Int32Array, qC: Int32Array, m: number, support: number, pairP?: Int32Array, pairC?: Int32Array): number {
  const q = measurePairing(P, C, qP, qC, m, support, pairP, pairC);
  const score = scoreMeasures(q);
  if (score > lastMeasures.score) {
    lastMeasures.pairs = q.pairs;
    lastMeasures.support = q.support;
    lastMeasures.probeInOverlap = q.probeInOverlap;
    lastMeasures.candidateInOverlap = q.candidateInOverlap;
    lastMeasures.score = score;
  }
  return score;
}
