/**
 * False-minutiae removal on the candidate list: the mask border, unreliable (incoherent) areas,
 * broken ridges (two endings facing each other across a small gap), pairs too close to be real, and
 * crowded clusters that only noise produces.
 */
import type { ScaledParameters } from '../parameters';
import type { Candidate } from './minutiae';
import { angleDiff } from './minutiae';
import type { OrientationField, Segmentation } from './planes';

export function removeFalseMinutiae(cands: Candidate[], seg: Segmentation, field: OrientationField, sp: ScaledParameters): Candidate[] {
  const p = sp.p.filters;
  const w = seg.mask.width;
  const margin = sp.px(sp.p.segmentation.borderMargin);
  let list = cands.filter((c) => {
    const i = c.y * w + c.x;
    return seg.borderDistance.data[i] >= margin && field.coherence[i] >= p.minCoherence;
  });
  list = dropPairs(list, sp.px(p.breakDistance), (a, b) => a.type === 'ending' && b.type === 'ending' && facing(a, b, (p.breakMaxAntiParallelDeg * Math.PI) / 180));
  list = dropPairs(list, sp.px(p.minPairDistance), () => true);
  const r = sp.px(p.clusterRadius);
  return list.filter((a) => list.filter((b) => b !== a && (a.x - b.x) ** 2 + (a.y - b.y) ** 2 <= r * r).length <= p.clusterMaxNeighbours);
}

/** Drop both members of every pair within `dist` that satisfies `isPair`. */
function dropPairs(list: Candidate[], dist: number, isPair: (a: Candidate, b: Candidate) => boolean): Candidate[] {
  const drop = new Set<Candidate>();
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      if ((a.x - b.x) ** 2 + (a.y - b.y) ** 2 <= dist * dist && isPair(a, b)) { drop.add(a); drop.add(b); }
    }
  }
  return list.filter((c) => !drop.has(c));
}

/** Two endings of one broken ridge point at each other: anti-parallel, each towards the other. */
function facing(a: Candidate, b: Candidate, tolerance: number): boolean {
  if (angleDiff(a.direction, b.direction + Math.PI) > tolerance) return false;
  const ab = Math.atan2(b.y - a.y, b.x - a.x);
  return angleDiff(a.direction, ab) <= Math.PI / 4 && angleDiff(b.direction, ab + Math.PI) <= Math.PI / 4;
}
