/**
 * The integer half of skeleton repair and minutia detection, TypeScript reference (the addon's
 * skeleton.cc is a line-for-line port). It classifies pixels, walks branches and reports pixel
 * indices only; the angle decisions (atan2 against the orientation field) stay in skeleton-repair.ts
 * and minutiae.ts for both engines, because libm's and V8's atan2 may differ in the last bit and that
 * bit can flip a decision.
 */
import { PixelClass, branchStarts, classOf, walk } from './skeleton';

/** Integer results of one repair round on an unchanged skeleton. */
export interface RepairRound {
  /** Pixels of spurs and short isolated pieces, to erase whatever the angle checks decide. */
  readonly erase: Int32Array;
  /**
   * Bridge candidates, each as `junction, last, count` followed by `count` path pixels (the walked
   * path without its last pixel): erased when the junction→last line crosses the ridge flow.
   */
  readonly bridges: Int32Array;
}

export interface RepairLimits {
  /** Walks from an ending: at most this many steps (ceil of the larger of spur and short). */
  readonly endingSteps: number;
  readonly spur: number;
  readonly short: number;
  /** Walks from a junction: at most this many steps (ceil of bridge). */
  readonly bridgeSteps: number;
  readonly bridge: number;
}

/** Records of MINUTIA_RECORD ints: index, class, then per class the walk results. */
export const MINUTIA_RECORD = 5;
/**
 * Ending: `i, PixelClass.ending, end, onFragment (0/1), 0` with `end` the pixel `steps` along the ridge
 * (or the walk's last); bifurcation: `i, PixelClass.junction, last0, last1, last2` per branch start.
 */
export type MinutiaWalks = Int32Array;

export interface SkeletonKernel {
  repairRound(skel: Uint8Array, width: number, height: number, limits: RepairLimits): RepairRound;
  /** Every ending and (unclaimed, three-branch) junction off the top and bottom rows, raster order. */
  minutiaWalks(skel: Uint8Array, width: number, height: number, steps: number, fragment: number): MinutiaWalks;
}

function repairRoundTs(skel: Uint8Array, w: number, h: number, lim: RepairLimits): RepairRound {
  const stamp = new Int32Array(w * h);
  let id = 0;
  const erase: number[] = [];
  const bridges: number[] = [];
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
    const t = walk(skel, w, e, first, lim.endingSteps, stamp, ++id);
    if (t.stop === 'junction' && t.path.length < lim.spur) erase.push(e, ...t.path.slice(0, -1));
    else if (t.stop === 'ending' && t.path.length < lim.short) erase.push(e, ...t.path);
  }
  for (const j of junctions) {
    const starts = branchStarts(skel, w, j);
    for (const s of starts) {
      if (classOf(skel, w, s) === PixelClass.junction) continue;
      const t = walk(skel, w, j, s, lim.bridgeSteps, stamp, ++id, starts.filter((o) => o !== s));
      if (t.stop !== 'junction' || t.path.length >= lim.bridge) continue;
      bridges.push(j, t.last, t.path.length - 1, ...t.path.slice(0, -1));
    }
  }
  return { erase: Int32Array.from(erase), bridges: Int32Array.from(bridges) };
}

function minutiaWalksTs(skel: Uint8Array, w: number, h: number, steps: number, fragment: number): MinutiaWalks {
  const stamp = new Int32Array(w * h);
  let id = 0;
  const out: number[] = [];
  const claimed = new Uint8Array(w * h);
  for (let i = w; i < w * (h - 1); i++) {
    const cls = classOf(skel, w, i);
    if (cls === PixelClass.ending) {
      const [first] = branchStarts(skel, w, i);
      if (first === undefined) continue;
      const t = walk(skel, w, i, first, Math.max(steps, fragment), stamp, ++id);
      const end = t.path[Math.min(steps, t.path.length) - 1];
      out.push(i, PixelClass.ending, end, t.stop === 'ending' && t.path.length < fragment ? 1 : 0, 0);
    } else if (cls === PixelClass.junction && !claimed[i]) {
      const starts = branchStarts(skel, w, i);
      // Adjacent junction pixels describe one fork; the first one found speaks for the cluster.
      for (const s of starts) if (classOf(skel, w, s) === PixelClass.junction) claimed[s] = 1;
      if (starts.length !== 3) continue;
      out.push(i, PixelClass.junction);
      for (const s of starts) out.push(walk(skel, w, i, s, steps, stamp, ++id, starts.filter((o) => o !== s)).last);
    }
  }
  return Int32Array.from(out);
}

export const skeletonTs: SkeletonKernel = { repairRound: repairRoundTs, minutiaWalks: minutiaWalksTs };
