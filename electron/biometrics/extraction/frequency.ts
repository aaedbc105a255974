/**
 * Ridge period per block (Hong, Wan & Jain's x-signature): gray levels are averaged along the ridges
 * in an oriented window and the distance between successive dark peaks across the ridges is the
 * period. Blocks without a clean estimate borrow from their neighbours, then the grid is smoothed.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import { ridgeAngleAt, type OrientationField, type RidgePeriodMap, type Segmentation } from './planes';

export function ridgePeriod(image: GrayImage, field: OrientationField, seg: Segmentation, sp: ScaledParameters): RidgePeriodMap {
  const { width: w, height: h, pixels } = image;
  const p = sp.p.frequency;
  const b = sp.ipx(p.blockSize);
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  const L = sp.ipx(p.windowLength);
  const W = sp.ipx(p.windowWidth);
  const minP = sp.px(p.minPeriod);
  const maxP = sp.px(p.maxPeriod);
  const grid = new Float32Array(bw * bh); // 0 = no estimate
  const signature = new Float32Array(L);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(w - 1, bx * b + (b >> 1));
      const cy = Math.min(h - 1, by * b + (b >> 1));
      if (!seg.mask.data[cy * w + cx]) continue;
      const theta = ridgeAngleAt(field, cy * w + cx);
      const tx = Math.cos(theta), ty = Math.sin(theta);
      for (let k = 0; k < L; k++) {
        let s = 0;
        const u = k - L / 2;
        for (let j = 0; j < W; j++) {
          const v = j - W / 2;
          const x = Math.round(cx + v * tx - u * ty);
          const y = Math.round(cy + v * ty + u * tx);
          s += pixels[(y < 0 ? 0 : y >= h ? h - 1 : y) * w + (x < 0 ? 0 : x >= w ? w - 1 : x)];
        }
        signature[k] = s / W;
      }
      grid[by * bw + bx] = periodOfSignature(signature, minP, maxP);
    }
  }
  const filled = fillAndSmooth(grid, bw, bh, p.smoothingRadius, sp.px(p.defaultPeriod));
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = filled[((y / b) | 0) * bw + ((x / b) | 0)];
  return { width: w, height: h, data: out };
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
