/**
 * Scoring one pairing. The pairs give a rigid alignment (least squares); with it we count the minutiae
 * of each print that fall inside the other print's area. The score is the share of those that were
 * paired, for both prints at once, weighted by how densely the pairs confirm each other (support: edges
 * that agree between paired minutiae), so chains of coincidental pairs score low.
 */
import { MatchParams } from '../parameters';
import type { MatchTemplate } from './template';
import { NEAR_CELL } from './minutia-grid';

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
  /** The overlap prior of each print in its own weight units (see scoreMeasures). */
  probePrior: number;
  candidatePrior: number;
}

/**
 * What measuring a grown pairing found: its alignment (probe → candidate: centroids and rotation) and
 * the overlap counts. Kept per pairing so that consolidating the best one does not redo them.
 */
export class Alignment {
  pxm = 0; pym = 0; cxm = 0; cym = 0;
  rot = 0; cos = 1; sin = 0;
  /** Weighted grown pairs, and minutiae of each print inside the other's area (weighted). */
  wPairs = 0; pIn = 0; cIn = 0;
}

/** Measures of the best pairing of the latest comparison (for diagnostics; reset per comparison). */
export const lastMeasures = { pairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0, score: 0 };

const measured: PairingMeasures = { pairs: 0, grownPairs: 0, weightedPairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0, probePrior: 0, candidatePrior: 0 };

/** Fills `a` with the least-squares alignment of the m pairs (qP[t], qC[t]) and the overlap counts under it. */
export function alignPairing(P: MatchTemplate, C: MatchTemplate, qP: Int32Array, qC: Int32Array, m: number, a: Alignment): void {
  const px = P.x, py = P.y, cx = C.x, cy = C.y, pw = P.weight, cw = C.weight;
  let pxm = 0, pym = 0, cxm = 0, cym = 0, wPairs = 0;
  for (let t = 0; t < m; t++) {
    const i = qP[t], j = qC[t];
    pxm += px[i]; pym += py[i];
    cxm += cx[j]; cym += cy[j];
    wPairs += Math.sqrt(pw[i] * cw[j]);
  }
  pxm /= m; pym /= m; cxm /= m; cym /= m;
  let sxx = 0, sxy = 0;
  for (let t = 0; t < m; t++) {
    const i = qP[t], j = qC[t];
    const dpx = px[i] - pxm, dpy = py[i] - pym;
    const dcx = cx[j] - cxm, dcy = cy[j] - cym;
    sxx += dpx * dcx + dpy * dcy;
    sxy += dpx * dcy - dpy * dcx;
  }
  const rot = Math.atan2(sxy, sxx);
  const cos = Math.cos(rot), sin = Math.sin(rot);
  // Minutiae of each print inside the other's area, weighted by reliability.
  let pIn = 0;
  for (let i = 0; i < P.count; i++) {
    const dx = px[i] - pxm, dy = py[i] - pym;
    if (inside(C, cxm + cos * dx - sin * dy, cym + sin * dx + cos * dy)) pIn += pw[i];
  }
  let cIn = 0;
  for (let j = 0; j < C.count; j++) {
    const dx = cx[j] - cxm, dy = cy[j] - cym;
    if (inside(P, pxm + cos * dx + sin * dy, pym - sin * dx + cos * dy)) cIn += cw[j];
  }
  a.pxm = pxm; a.pym = pym; a.cxm = cxm; a.cym = cym;
  a.rot = rot; a.cos = cos; a.sin = sin;
  a.wPairs = wPairs; a.pIn = pIn; a.cIn = cIn;
}

/**
 * The free (pairC[j] < 0) candidate minutia nearest to (tx, ty) within `consolidationDistance` whose
 * direction is within `consolidationAngle` of ta; on equal distance the higher index; -1 if none.
 * Only the 3 × 3 cells of the minutia grid around the point can hold one.
 */
export function nearestFree(C: MatchTemplate, tx: number, ty: number, ta: number, pairC: Int32Array): number {
  const tolA = MatchParams.consolidationAngle;
  const cx = C.x, cy = C.y, cAngle = C.angle, width = C.nearWidth, nearStart = C.nearStart, nearItem = C.nearItem;
  const gx = Math.floor((tx - C.nearX) / NEAR_CELL), gy = Math.floor((ty - C.nearY) / NEAR_CELL);
  const x0 = Math.max(gx - 1, 0), x1 = Math.min(gx + 1, width - 1);
  const y0 = Math.max(gy - 1, 0), y1 = Math.min(gy + 1, C.nearHeight - 1);
  let best = -1, bestD = MatchParams.consolidationDistance ** 2;
  // Rows y0..y1; in each the cells x0..x1 are adjacent in the CSR, so their minutiae are one run.
  for (let yy = y0; yy <= y1 && x0 <= x1; yy++) {
    for (let k = nearStart[yy * width + x0], end = nearStart[yy * width + x1 + 1]; k < end; k++) {
      const j = nearItem[k];
      if (pairC[j] >= 0) continue;
      const dx = cx[j] - tx, dy = cy[j] - ty;
      const d2 = dx * dx + dy * dy;
      if (d2 > bestD || (d2 === bestD && j < best)) continue;
      let da = Math.abs(cAngle[j] - ta) % (2 * Math.PI);
      if (da > Math.PI) da = 2 * Math.PI - da;
      if (da > tolA) continue;
      best = j;
      bestD = d2;
    }
  }
  return best;
}

/** Consolidation's result besides the pairs it marks: how many it added, and the weighted pairs with them. */
const added = { pairs: 0, weightedPairs: 0 };

/**
 * Minutiae the edge growth could not reach (no shared neighbours) are paired after the fact when the
 * pairing's alignment puts them close enough (see nearestFree), probe minutiae in index order.
 * `pairP`/`pairC` are the pairing's maps (-1 = unpaired); they are left as found.
 */
function consolidate(P: MatchTemplate, C: MatchTemplate, a: Alignment, pairP: Int32Array, pairC: Int32Array): void {
  const { pxm, pym, cxm, cym, cos, sin, rot } = a;
  // One running sum from the grown pairs' weight on, as a single measuring pass would add them.
  let extra = 0, weight = a.wPairs;
  for (let i = 0; i < P.count; i++) {
    if (pairP[i] >= 0) continue;
    const px = P.x[i] - pxm, py = P.y[i] - pym;
    const best = nearestFree(C, cxm + cos * px - sin * py, cym + sin * px + cos * py, P.angle[i] + rot, pairC);
    if (best >= 0) {
      pairC[best] = -2 - i; // marked as taken; restored below
      weight += Math.sqrt(P.weight[i] * C.weight[best]);
      extra++;
    }
  }
  for (let j = 0; j < C.count; j++) if (pairC[j] <= -2) pairC[j] = -1;
  added.pairs = extra;
  added.weightedPairs = weight;
}

/**
 * Measures of one aligned pairing of m grown pairs; with `pairP`/`pairC` consolidated first (see
 * consolidate). The returned object is reused by the next call.
 */
export function measurePairing(P: MatchTemplate, C: MatchTemplate, a: Alignment, m: number, support: number, pairP?: Int32Array, pairC?: Int32Array): PairingMeasures {
  let wPairs = a.wPairs;
  let extra = 0;
  if (pairP && pairC) {
    consolidate(P, C, a, pairP, pairC);
    extra = added.pairs;
    wPairs = added.weightedPairs;
  }
  const out = measured;
  out.pairs = m + extra;
  out.grownPairs = m;
  out.weightedPairs = wPairs;
  out.support = support;
  out.probeInOverlap = Math.max(a.pIn, wPairs);
  out.candidateInOverlap = Math.max(a.cIn, wPairs);
  out.probePrior = MatchParams.overlapPrior * P.meanWeight;
  out.candidatePrior = MatchParams.overlapPrior * C.meanWeight;
  return out;
}

/**
 * score = 100 × share × consistency × evidence:
 *  - share: paired² / ((probe minutiae in overlap + k)(candidate minutiae in overlap + k)), k damping tiny
 *    overlaps. Every count is quality-weighted, so k is too: `overlapPrior` minutiae of the print's mean
 *    weight. A uniformly faint print (all weights low) then keeps the share a clear print of the same
 *    geometry gets, instead of the fixed prior swamping its smaller weighted counts;
 *  - consistency: supporting edges per pair, saturating at `supportPerPair` (coincidental pairs form
 *    chains with about one edge each, true pairs sit in a mesh);
 *  - evidence: 1 − e^(−pairs / evidencePairs): a handful of pairs is weak evidence whatever its share.
 */
export function scoreMeasures(q: PairingMeasures): number {
  const share = (q.weightedPairs * q.weightedPairs) / ((q.probeInOverlap + q.probePrior) * (q.candidateInOverlap + q.candidatePrior));
  const consistency = Math.min(1, q.support / (MatchParams.supportPerPair * q.grownPairs));
  const evidence = 1 - Math.exp(-q.pairs / MatchParams.evidencePairs);
  return 100 * share * consistency * evidence;
}

/** Score of an aligned pairing (see alignPairing), consolidated first when given its maps. */
export function scorePairing(P: MatchTemplate, C: MatchTemplate, a: Alignment, m: number, support: number, pairP?: Int32Array, pairC?: Int32Array): number {
  const q = measurePairing(P, C, a, m, support, pairP, pairC);
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
