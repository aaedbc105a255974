/**
 * Reading the skeleton: pixel classes by crossing number and a tracer that walks a ridge line from a
 * minutia, which every later step (spur cutting, minutia direction, bridge detection) builds on.
 */
import { neighbourCode, transitions } from './thinning-kernel';

export const PixelClass = { none: 0, ending: 1, line: 2, junction: 3 } as const;

/** Clockwise from north, the same order as the neighbour-code bits. */
export const NEIGHBOUR_DX = [0, 1, 1, 1, 0, -1, -1, -1];
export const NEIGHBOUR_DY = [-1, -1, 0, 1, 1, 1, 0, -1];

const CROSSING_NUMBER = new Uint8Array(256);
for (let c = 0; c < 256; c++) CROSSING_NUMBER[c] = transitions(c);

export function classOf(skel: Uint8Array, w: number, i: number): number {
  if (!skel[i]) return PixelClass.none;
  const cn = CROSSING_NUMBER[neighbourCode(skel, w, i)];
  return cn === 1 ? PixelClass.ending : cn === 2 ? PixelClass.line : cn >= 3 ? PixelClass.junction : PixelClass.none;
}

/** Offsets (as index deltas) of the set neighbours of i that start separate branches (one per run). */
export function branchStarts(skel: Uint8Array, w: number, i: number): number[] {
  const code = neighbourCode(skel, w, i);
  const starts: number[] = [];
  for (let k = 0; k < 8; k++) {
    const prev = (k + 7) & 7;
    if ((code >> k) & 1 && !((code >> prev) & 1)) {
      // Start of a run: take its 4-neighbour if the run has one, so the walk does not cut a corner.
      let pick = k;
      for (let j = k; (code >> (j & 7)) & 1 && j < k + 8; j++) if ((j & 7) % 2 === 0) { pick = j & 7; break; }
      starts.push(i + NEIGHBOUR_DY[pick] * w + NEIGHBOUR_DX[pick]);
    }
  }
  return starts;
}

export interface Trace {
  /** Pixels walked, starting with the first step (the origin is not included). */
  readonly path: number[];
  /** Where the walk stopped: at another minutia, at the length limit, or at a dead end. */
  readonly stop: 'ending' | 'junction' | 'limit' | 'dead';
  /** The pixel the walk stopped on. */
  readonly last: number;
}

/**
 * Walk from `origin` through `first` for at most `maxSteps` pixels, stopping on the next ending or
 * junction. `stamp`/`id` mark visited pixels without clearing an array per walk.
 */
export function walk(skel: Uint8Array, w: number, origin: number, first: number, maxSteps: number, stamp: Int32Array, id: number, avoid: number[] = []): Trace {
  stamp[origin] = id;
  for (const a of avoid) stamp[a] = id;
  const path: number[] = [];
  let cur = first;
  for (;;) {
    stamp[cur] = id;
    path.push(cur);
    const cls = classOf(skel, w, cur);
    if (cls === PixelClass.ending) return { path, stop: 'ending', last: cur };
    if (cls === PixelClass.junction) return { path, stop: 'junction', last: cur };
    if (path.length >= maxSteps) return { path, stop: 'limit', last: cur };
    let next = -1;
    for (let pass = 0; pass < 2 && next < 0; pass++) {
      // 4-neighbours first, then diagonals: keeps the walk on the line instead of cutting corners.
      for (let k = pass; k < 8; k += 2) {
        const j = cur + NEIGHBOUR_DY[k] * w + NEIGHBOUR_DX[k];
        if (skel[j] && stamp[j] !== id) { next = j; break; }
      }
    }
    if (next < 0) return { path, stop: 'dead', last: cur };
    cur = next;
  }
}
