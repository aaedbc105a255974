/**
 * Scoring one pairing. The pairs give a rigid alignment (least squares); with it we count the minutiae
 * of each print that fall inside the other print's area. The score is the share of those that were
 * paired, for both prints at once, weighted by how densely the pairs confirm each other (support: edges
 * that agree between paired minutiae), so chains of coincidental pairs score low.
 */
import { MatchParams } from './params';
import type { MatchTemplate } from './template';

function inside(T: MatchTemplate, x: number, y: number): boolean {
  const gx = Math.floor((x - T.gridX) / MatchParams.areaCell);
  const gy = Math.floor((y - T.gridY) / MatchParams.areaCell);
  return gx >= 0 && gy >= 0 && gx < T.gridWidth && gy < T.gridHeight && T.grid[gy * T.gridWidth + gx] === 1;
}

export interface PairingMeasures {
  pairs: number;
  support: number;
  probeInOverlap: number;
  candidateInOverlap: number;
}

export const lastMeasures: PairingMeasures = { pairs: 0, support: 0, probeInOverlap: 0, candidateInOverlap: 0 };

export function measurePairing(P: MatchTemplate, C: MatchTemplate, qP: Int32Array, qC: Int32Array, m: number, support: number): PairingMeasures {
  let pxm = 0, pym = 0, cxm = 0, cym = 0;
  for (let t = 0; t < m; t++) {
    pxm += P.x[qP[t]]; pym += P.y[qP[t]];
    cxm += C.x[qC[t]]; cym += C.y[qC[t]];
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
  let pIn = 0;
  for (let i = 0; i < P.count; i++) {
    const px = P.x[i] - pxm, py = P.y[i] - pym;
    if (inside(C, cxm + cos * px - sin * py, cym + sin * px + cos * py)) pIn++;
  }
  let cIn = 0;
  for (let i = 0; i < C.count; i++) {
    const cx = C.x[i] - cxm, cy = C.y[i] - cym;
    if (inside(P, pxm + cos * cx + sin * cy, pym - sin * cx + cos * cy)) cIn++;
  }
  return { pairs: m, support, probeInOverlap: Math.max(pIn, m), candidateInOverlap: Math.max(cIn, m) };
}

export function scoreMeasures(q: PairingMeasures): number {
  const k = MatchParams.overlapPrior;
  const share = (q.pairs * q.pairs) / ((q.probeInOverlap + k) * (q.candidateInOverlap + k));
  const density = Math.min(1, q.support / (2 * q.pairs));
  return 100 * share * density;
}

export function scorePairing(P: MatchTemplate, C: MatchTemplate, qP: Int32Array, qC: Int32Array, m: number, support: number): number {
  const q = measurePairing(P, C, qP, qC, m, support);
  return scoreMeasures(q);
}
