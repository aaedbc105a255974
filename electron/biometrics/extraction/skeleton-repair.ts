/**
 * Skeleton repair before minutiae are read: short spurs (a ridge's rough edge thinned into a branch),
 * short isolated pieces (noise) and bridges (two parallel ridges touching across a valley) are erased.
 * Cutting them in the skeleton rather than filtering minutiae afterwards also fixes the junctions
 * they created, which then become ordinary ridge pixels.
 */
import type { ScaledParameters } from '../parameters';
import { ridgeAngleAt, type ByteMap, type OrientationField } from './planes';
import { PixelClass, branchStarts, classOf, walk } from './skeleton';

const MAX_ROUNDS = 3;

export function repairSkeleton(skeleton: ByteMap, field: OrientationField, sp: ScaledParameters): ByteMap {
  const { width: w, height: h } = skeleton;
  const skel = Uint8Array.from(skeleton.data);
  const p = sp.p.skeleton;
  const spur = sp.px(p.spurLength);
  const short = sp.px(p.shortRidgeLength);
  const bridge = sp.px(p.bridgeLength);
  const minBridgeAngle = (p.bridgeMinAngleDeg * Math.PI) / 180;
  const stamp = new Int32Array(w * h);
  let id = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const erase: number[] = [];
    const endings: number[] = [];
    const junctions: number[] = [];
    for (let i = 0; i < skel.length; i++) {
      const c = classOf(skel, w, i);
      if (c === PixelClass.ending) endings.push(i);
      else if (c === PixelClass.junction) junctions.push(i);
    }
    for (const e of endings) {
      const [first] = branchStarts(skel, w, e);
      if (first === undefined) continue;
      const t = walk(skel, w, e, first, Math.ceil(Math.max(spur, short)), stamp, ++id);
      if (t.stop === 'junction' && t.path.length < spur) erase.push(e, ...t.path.slice(0, -1));
      else if (t.stop === 'ending' && t.path.length < short) erase.push(e, ...t.path);
    }
    for (const j of junctions) {
      const starts = branchStarts(skel, w, j);
      for (const s of starts) {
        if (classOf(skel, w, s) === PixelClass.junction) continue;
        const t = walk(skel, w, j, s, Math.ceil(bridge), stamp, ++id, starts.filter((o) => o !== s));
        if (t.stop !== 'junction' || t.path.length >= bridge) continue;
        const dx = (t.last % w) - (j % w);
        const dy = ((t.last / w) | 0) - ((j / w) | 0);
        const ridge = ridgeAngleAt(field, j);
        let diff = Math.abs(Math.atan2(dy, dx) - ridge) % Math.PI;
        if (diff > Math.PI / 2) diff = Math.PI - diff;
        if (diff >= minBridgeAngle) erase.push(...t.path.slice(0, -1));
      }
    }
    if (erase.length === 0) break;
    for (const i of erase) skel[i] = 0;
  }
  return { width: w, height: h, data: skel };
}
