/**
 * Minutiae from the repaired skeleton by crossing number: 1 is a ridge ending, 3 a bifurcation.
 *
 * Direction convention (image coordinates here, converted to the public convention at the end):
 * an ending points out of the ridge through its tip; a bifurcation points from the fork towards its
 * single stem. Both are the same physical direction when pressure turns one kind into the other,
 * which is what a matcher needs. The walked ridge decides the sense; the smoothed orientation field,
 * when it agrees, gives the precise angle.
 */
import type { MinutiaType } from '../types';
import type { ScaledParameters } from '../parameters';
import { ridgeAngleAt, type ByteMap, type OrientationField } from './planes';
import { PixelClass, branchStarts, classOf, walk } from './skeleton';

export interface Candidate {
  x: number;
  y: number;
  /** Direction in image coordinates (y down), radians. */
  direction: number;
  type: MinutiaType;
  /** Set for an ending on a ridge fragment shorter than `minutiae.fragmentLength`: likely a broken ridge. */
  onFragment?: boolean;
}

export function detectMinutiae(skeleton: ByteMap, field: OrientationField, sp: ScaledParameters): Candidate[] {
  const { width: w, height: h, data: skel } = skeleton;
  const steps = Math.ceil(sp.px(sp.p.minutiae.directionTrace));
  const agreement = (sp.p.minutiae.fieldAgreementDeg * Math.PI) / 180;
  const fragment = Math.ceil(sp.px(sp.p.minutiae.fragmentLength));
  const stamp = new Int32Array(w * h);
  let id = 0;
  const out: Candidate[] = [];
  const claimed = new Uint8Array(w * h);
  for (let i = w; i < w * (h - 1); i++) {
    const cls = classOf(skel, w, i);
    if (cls === PixelClass.ending) {
      const [first] = branchStarts(skel, w, i);
      if (first === undefined) continue;
      const t = walk(skel, w, i, first, Math.max(steps, fragment), stamp, ++id);
      const end = t.path[Math.min(steps, t.path.length) - 1];
      const traced = Math.atan2((i / w | 0) - (end / w | 0), (i % w) - (end % w));
      const onFragment = t.stop === 'ending' && t.path.length < fragment;
      out.push({ x: i % w, y: (i / w) | 0, direction: refine(traced, field, i, agreement), type: 'ending', onFragment });
    } else if (cls === PixelClass.junction && !claimed[i]) {
      const starts = branchStarts(skel, w, i);
      // Adjacent junction pixels describe one fork; the first one found speaks for the cluster.
      for (const s of starts) if (classOf(skel, w, s) === PixelClass.junction) claimed[s] = 1;
      if (starts.length !== 3) continue;
      const dirs = starts.map((s) => {
        const t = walk(skel, w, i, s, steps, stamp, ++id, starts.filter((o) => o !== s));
        return Math.atan2((t.last / w | 0) - (i / w | 0), (t.last % w) - (i % w));
      });
      const stem = stemIndex(dirs);
      out.push({ x: i % w, y: (i / w) | 0, direction: refine(dirs[stem], field, i, agreement), type: 'bifurcation' });
    }
  }
  return out;
}

/** The stem is the branch left over after pairing the two branches that run closest together. */
function stemIndex(dirs: number[]): number {
  let best = 0, bestDiff = Infinity;
  for (let k = 0; k < 3; k++) {
    const d = angleDiff(dirs[(k + 1) % 3], dirs[(k + 2) % 3]);
    if (d < bestDiff) { bestDiff = d; best = k; }
  }
  return best;
}

/** Snap to the orientation field (whichever of its two senses is nearer) when it agrees with the walk. */
function refine(traced: number, field: OrientationField, i: number, agreement: number): number {
  const ridge = ridgeAngleAt(field, i);
  const a = angleDiff(traced, ridge) <= Math.PI / 2 ? ridge : ridge + Math.PI;
  return angleDiff(traced, a) <= agreement ? a : traced;
}

/** Smallest absolute difference between two angles, [0, π]. */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}
