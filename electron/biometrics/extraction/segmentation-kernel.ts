/**
 * The per-pixel parts of segmentation, TypeScript reference (the addon runs the same arithmetic in
 * the same order, so both give bit-identical results): gray-level deviation per block, and each
 * pixel's distance to the background.
 */

export interface SegmentationKernels {
  /** Standard deviation of the gray levels of each `block`×`block` block (row-major, ceil(w/block) per row). */
  blockDeviation(pixels: Uint8Array, width: number, height: number, block: number): Float32Array;
  /** Per pixel of a 0/1 mask: distance to the nearest background pixel or the image edge, px. */
  distanceToBackground(mask: Uint8Array, width: number, height: number): Float32Array;
}

export function blockDeviationTs(pixels: Uint8Array, w: number, h: number, b: number): Float32Array {
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  // Per-block sums in one pass over the rows (cheaper than visiting block by block); exact in doubles.
  const sum = new Float64Array(bw * bh);
  const sum2 = new Float64Array(bw * bh);
  const count = new Float64Array(bw * bh);
  const blockOfX = new Int32Array(w);
  for (let x = 0; x < w; x++) blockOfX[x] = (x / b) | 0;
  for (let y = 0; y < h; y++) {
    const rowBlock = ((y / b) | 0) * bw;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const v = pixels[i];
      const k = rowBlock + blockOfX[x];
      sum[k] += v; sum2[k] += v * v; count[k]++;
    }
  }
  const std = new Float32Array(bw * bh);
  for (let k = 0; k < std.length; k++) {
    const mean = sum[k] / count[k];
    std[k] = Math.sqrt(Math.max(0, sum2[k] / count[k] - mean * mean));
  }
  return std;
}

/** Chamfer (3-4) distance from each foreground pixel to the nearest background or image edge, px. */
export function distanceToBackgroundTs(data: Uint8Array, w: number, h: number): Float32Array {
  const INF = 1e9;
  const d = new Float32Array(w * h);
  for (let i = 0; i < d.length; i++) d[i] = data[i] ? INF : 0;
  // Forward pass (left, up-left, up, up-right), then backward; outside the image counts as 0.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (d[i] === 0) continue;
      let v = d[i];
      const left = x > 0 ? d[i - 1] + 3 : 3;
      if (left < v) v = left;
      if (y > 0) {
        const up = d[i - w] + 3, ul = x > 0 ? d[i - w - 1] + 4 : 4, ur = x < w - 1 ? d[i - w + 1] + 4 : 4;
        if (up < v) v = up;
        if (ul < v) v = ul;
        if (ur < v) v = ur;
      } else if (3 < v) v = 3;
      d[i] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      if (d[i] === 0) continue;
      let v = d[i];
      const right = x < w - 1 ? d[i + 1] + 3 : 3;
      if (right < v) v = right;
      if (y < h - 1) {
        const down = d[i + w] + 3, dr = x < w - 1 ? d[i + w + 1] + 4 : 4, dl = x > 0 ? d[i + w - 1] + 4 : 4;
        if (down < v) v = down;
        if (dr < v) v = dr;
        if (dl < v) v = dl;
      } else if (3 < v) v = 3;
      d[i] = v;
    }
  }
  for (let i = 0; i < d.length; i++) d[i] /= 3;
  return d;
}

export const segmentationTs: SegmentationKernels = { blockDeviation: blockDeviationTs, distanceToBackground: distanceToBackgroundTs };
