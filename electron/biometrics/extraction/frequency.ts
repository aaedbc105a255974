/**
 * Ridge period per block (Hong, Wan & Jain's x-signature): gray levels are averaged along the ridges
 * in an oriented window and the distance between successive dark peaks across the ridges is the
 * period. Blocks without a clean estimate borrow from their neighbours, then the grid is smoothed.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import { expandBlocks, ridgeAngleAt, type OrientationField, type RidgePeriodMap, type Segmentation } from './planes';
import { signaturesTs, type SignatureKernel } from './frequency-kernel';

/** `k`: the x-signature kernel, native or the TypeScript reference. */
export function ridgePeriod(image: GrayImage, field: OrientationField, seg: Segmentation, sp: ScaledParameters, k: SignatureKernel = signaturesTs): RidgePeriodMap {
  const { width: w, height: h, pixels } = image;
  const p = sp.p.frequency;
  const b = sp.ipx(p.blockSize);
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  const L = sp.ipx(p.windowLength);
  const W = sp.ipx(p.windowWidth);
  const minP = sp.px(p.minPeriod);
  const maxP = sp.px(p.maxPeriod);
  // Blocks whose centre is in the foreground, with their centre and ridge direction.
  const blocks: number[] = [];
  const cxs: number[] = [], cys: number[] = [], txs: number[] = [], tys: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(w - 1, bx * b + (b >> 1));
      const cy = Math.min(h - 1, by * b + (b >> 1));
      if (!seg.mask.data[cy * w + cx]) continue;
      const theta = ridgeAngleAt(field, cy * w + cx);
      blocks.push(by * bw + bx);
      cxs.push(cx); cys.push(cy); txs.push(Math.cos(theta)); tys.push(Math.sin(theta));
    }
  }
  const signatures = k({
    pixels, width: w, height: h, length: L, breadth: W,
    cx: Int32Array.from(cxs), cy: Int32Array.from(cys), tx: Float64Array.from(txs), ty: Float64Array.from(tys),
  });
  const grid = new Float32Array(bw * bh); // 0 = no estimate
  for (let j = 0; j < blocks.length; j++) grid[blocks[j]] = periodOfSignature(signatures.subarray(j * L, (j + 1) * L), minP, maxP);
  const filled = fillAndSmooth(grid, bw, bh, p.smoothingRadius, sp.px(p.defaultPeriod));
  return { width: w, height: h, data: expandBlocks(filled, bw, b, new Float32Array(w * h), w, h) };
}

/** Mean distance between the dark peaks (ridges) of a smoothed signature; 0 when implausible. */
function periodOfSignature(sig: Float32Array, minP: number, maxP: number): number {
  const n = sig.length;
  const s = new Float32Array(n);
  for (let k = 0; k < n; k++) s[k] = (sig[Math.max(0, k - 1)] + 2 * sig[k] + sig[Math.min(n - 1, k + 1)]) / 4;
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < n; k++) { lo = Math.min(lo, s[k]); hi = Math.max(hi, s[k]); }
  if (hi - lo < 8) return 0; // too flat to see ridges
  let first = -1, last = -1, count = 0;
  for (let k = 1; k < n - 1; k++) {
    if (s[k] < s[k - 1] && s[k] <= s[k + 1] && s[k] < (lo + hi) / 2) {
      if (first < 0) first = k;
      last = k;
      count++;
    }
  }
  if (count < 2) return 0;
  const period = (last - first) / (count - 1);
  return period >= minP && period <= maxP ? period : 0;
}

function fillAndSmooth(grid: Float32Array, bw: number, bh: number, radius: number, fallback: number): Float32Array {
  const valid: number[] = [];
  for (const v of grid) if (v > 0) valid.push(v);
  valid.sort((a, b) => a - b);
  const median = valid.length ? valid[valid.length >> 1] : fallback;
  let cur = Float32Array.from(grid);
  for (let pass = 0; pass < 8; pass++) {
    const next = Float32Array.from(cur);
    let missing = 0;
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        if (cur[y * bw + x] > 0) continue;
        let s = 0, n = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < bw && yy < bh && cur[yy * bw + xx] > 0) { s += cur[yy * bw + xx]; n++; }
        }
        if (n > 0) next[y * bw + x] = s / n;
        else missing++;
      }
    }
    cur = next;
    if (missing === 0) break;
  }
  for (let i = 0; i < cur.length; i++) if (cur[i] === 0) cur[i] = median;
  const out = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let s = 0, n = 0;
      for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < bw && yy < bh) { s += cur[yy * bw + xx]; n++; }
      }
      out[y * bw + x] = s / n;
    }
  }
  return out;
}
