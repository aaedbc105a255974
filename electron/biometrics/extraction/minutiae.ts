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
import { PixelClass } from './skeleton';
import { MINUTIA_RECORD, skeletonTs, type SkeletonKernel } from './skeleton-kernel';

export interface Candidate {
  x: number;
  y: number;
  /** Direction in image coordinates (y down), radians. */
  direction: number;
  type: MinutiaType;
  /** Set for an ending on a ridge fragment shorter than `minutiae.fragmentLength`: likely a broken ridge. */
  onFragment?: boolean;
}

/** The kernel finds and walks the minutiae; directions are computed here, the same for both engines. */
export function detectMinutiae(skeleton: ByteMap, field: OrientationField, sp: ScaledParameters, kernel: SkeletonKernel = skeletonTs): Candidate[] {
  const { width: w, height: h, data: skel } = skeleton;
  const steps = Math.ceil(sp.px(sp.p.minutiae.directionTrace));
  const agreement = (sp.p.minutiae.fieldAgreementDeg * Math.PI) / 180;
  const fragment = Math.ceil(sp.px(sp.p.minutiae.fragmentLength));
  const walks = kernel.minutiaWalks(skel, w, h, steps, fragment);
  const out: Candidate[] = [];
  for (let k = 0; k < walks.length; k += MINUTIA_RECORD) {
    const i = walks[k];
    const x = i % w, y = (i / w) | 0;
    if (walks[k + 1] === PixelClass.ending) {
      const end = walks[k + 2];
      const traced = Math.atan2(y - ((end / w) | 0), x - (end % w));
      out.push({ x, y, direction: refine(traced, field, i, agreement), type: 'ending', onFragment: walks[k + 3] === 1 });
    } else {
      const dirs = [walks[k + 2], walks[k + 3], walks[k + 4]].map((last) => Math.atan2(((last / w) | 0) - y, (last % w) - x));
      const stem = stemIndex(dirs);
      out.push({ x, y, direction: refine(dirs[stem], field, i, agreement), type: 'bifurcation' });
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
