/**
 * Skeleton repair before minutiae are read: short spurs (a ridge's rough edge thinned into a branch),
 * short isolated pieces (noise) and bridges (two parallel ridges touching across a valley) are erased.
 * Cutting them in the skeleton rather than filtering minutiae afterwards also fixes the junctions
 * they created, which then become ordinary ridge pixels.
 */
import type { ScaledParameters } from '../parameters';
import { ridgeAngleAt, type ByteMap, type OrientationField } from './planes';
import { skeletonTs, type SkeletonKernel } from './skeleton-kernel';

const MAX_ROUNDS = 3;

/** The kernel walks the skeleton; the bridge angle test is computed here, the same for both engines. */
export function repairSkeleton(skeleton: ByteMap, field: OrientationField, sp: ScaledParameters, kernel: SkeletonKernel = skeletonTs): ByteMap {
  const { width: w, height: h } = skeleton;
  const skel = Uint8Array.from(skeleton.data);
  const p = sp.p.skeleton;
  const spur = sp.px(p.spurLength);
  const short = sp.px(p.shortRidgeLength);
  const bridge = sp.px(p.bridgeLength);
  const limits = { endingSteps: Math.ceil(Math.max(spur, short)), spur, short, bridgeSteps: Math.ceil(bridge), bridge };
  const minBridgeAngle = (p.bridgeMinAngleDeg * Math.PI) / 180;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { erase, bridges } = kernel.repairRound(skel, w, h, limits);
    let erased = erase.length;
    for (let k = 0; k < bridges.length; k += 3 + bridges[k + 2]) {
      const j = bridges[k], last = bridges[k + 1], count = bridges[k + 2];
      const dx = (last % w) - (j % w);
      const dy = ((last / w) | 0) - ((j / w) | 0);
      const ridge = ridgeAngleAt(field, j);
      let diff = Math.abs(Math.atan2(dy, dx) - ridge) % Math.PI;
      if (diff > Math.PI / 2) diff = Math.PI - diff;
      if (diff < minBridgeAngle) continue;
      for (let q = k + 3; q < k + 3 + count; q++) skel[bridges[q]] = 0;
      erased += count;
    }
    // Nothing erased: a further round would see the same skeleton.
    if (erased === 0) break;
    for (const i of erase) skel[i] = 0;
  }
  return { width: w, height: h, data: skel };
}
