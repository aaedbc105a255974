/**
 * Thinning, TypeScript reference (the native addon is a line-for-line port, so results are identical).
 * Zhang–Suen's two sub-iterations peel ridge borders until one-pixel lines remain; a final raster-order
 * pass removes the "staircase" corner pixels Zhang–Suen leaves, so every line pixel has exactly two
 * neighbours and the crossing number reads minutiae without ambiguity. Where lines meet at a junction,
 * Zhang–Suen can also leave a 2 × 2 block (seen on DB1_B 106_4); a last raster pass removes the first
 * pixel of each block whose removal keeps its neighbours connected, so the skeleton is one pixel wide
 * everywhere.
 *
 * Neighbour bits, clockwise from north: P2=N(1) P3=NE(2) P4=E(4) P5=SE(8) P6=S(16) P7=SW(32) P8=W(64) P9=NW(128).
 */

/** Neighbourhood code of pixel i (image border pixels must be 0 so no bounds checks are needed). */
export function neighbourCode(img: Uint8Array, w: number, i: number): number {
  return (img[i - w] ? 1 : 0) | (img[i - w + 1] ? 2 : 0) | (img[i + 1] ? 4 : 0) | (img[i + w + 1] ? 8 : 0) |
    (img[i + w] ? 16 : 0) | (img[i + w - 1] ? 32 : 0) | (img[i - 1] ? 64 : 0) | (img[i - w - 1] ? 128 : 0);
}

function bit(code: number, k: number): number {
  return (code >> k) & 1;
}

/** 0→1 transitions going round the 8 neighbours (Zhang–Suen's A(P1)); equals the crossing number. */
export function transitions(code: number): number {
  let t = 0;
  for (let k = 0; k < 8; k++) if (!bit(code, k) && bit(code, (k + 1) & 7)) t++;
  return t;
}

function popcount(code: number): number {
  let n = 0;
  for (let k = 0; k < 8; k++) n += bit(code, k);
  return n;
}

/** Yokoi connectivity number (8-connectivity): count of foreground groups that removal would separate. */
function neighbourGroups(code: number): number {
  // A pixel is "simple" (deletable without changing connectivity) when its neighbours form one group.
  let groups = 0;
  for (let k = 0; k < 8; k += 2) {
    // For each 4-neighbour that is background, a following foreground run starts a group.
    const four = bit(code, k);
    const next4 = bit(code, (k + 2) & 7);
    const diag = bit(code, k + 1);
    if (!four && (diag || next4)) groups++;
  }
  return groups; // Yokoi's 8-connectivity number: 1 means simple
}

/** Lookup tables built once: which neighbourhoods may be deleted in each step. */
const ZS_STEP1 = new Uint8Array(256);
const ZS_STEP2 = new Uint8Array(256);
const STAIRCASE = new Uint8Array(256);
/** Deletable without changing connectivity (one 8-connected group of neighbours). */
const SIMPLE = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const b = popcount(c);
  const a = transitions(c);
  const p2 = bit(c, 0), p4 = bit(c, 2), p6 = bit(c, 4), p8 = bit(c, 6);
  const base = b >= 2 && b <= 6 && a === 1;
  ZS_STEP1[c] = base && p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 ? 1 : 0;
  ZS_STEP2[c] = base && p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0 ? 1 : 0;
  // A corner pixel with two 4-neighbours at right angles whose removal keeps them 8-connected.
  STAIRCASE[c] = b >= 2 && neighbourGroups(c) === 1 && ((p2 && p4) || (p4 && p6) || (p6 && p8) || (p8 && p2)) && b <= 3 ? 1 : 0;
  SIMPLE[c] = neighbourGroups(c) === 1 ? 1 : 0;
}

export function thinTs(binary: Uint8Array, w: number, h: number): Uint8Array {
  const img = Uint8Array.from(binary);
  for (let x = 0; x < w; x++) { img[x] = 0; img[(h - 1) * w + x] = 0; }
  for (let y = 0; y < h; y++) { img[y * w] = 0; img[y * w + w - 1] = 0; }
  const marked: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of [ZS_STEP1, ZS_STEP2]) {
      marked.length = 0;
      for (let y = 1; y < h - 1; y++) {
        for (let x = 1; x < w - 1; x++) {
          const i = y * w + x;
          if (img[i] && table[neighbourCode(img, w, i)]) marked.push(i);
        }
      }
      for (const i of marked) img[i] = 0;
      if (marked.length) changed = true;
    }
  }
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (img[i] && STAIRCASE[neighbourCode(img, w, i)]) img[i] = 0;
    }
  }
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (img[i] && img[i + 1] && img[i + w] && img[i + w + 1]) {
        for (const j of [i, i + 1, i + w, i + w + 1]) {
          if (SIMPLE[neighbourCode(img, w, j)]) { img[j] = 0; break; }
        }
      }
    }
  }
  return img;
}
