/**
 * Foreground mask: blocks with enough gray-level contrast are fingerprint, the rest background. The
 * block mask is cleaned (close, open, fill holes, keep the largest blob) because a ragged edge is the
 * main source of false minutiae; each pixel's distance to the background then feeds the border filter.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import type { ByteMap, FloatMap, Segmentation } from './planes';

export function segment(image: GrayImage, sp: ScaledParameters): Segmentation {
  const { width: w, height: h, pixels } = image;
  const p = sp.p.segmentation;
  const b = sp.ipx(p.blockSize);
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  // Per-block sums in one pass over the rows (cheaper than visiting block by block).
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
  const sorted = Float32Array.from(std).sort();
  const threshold = Math.max(p.minContrast, p.relativeContrast * sorted[Math.floor(0.9 * (sorted.length - 1))]);
  let blocks: Uint8Array = new Uint8Array(bw * bh);
  for (let i = 0; i < blocks.length; i++) blocks[i] = std[i] >= threshold ? 1 : 0;

  const r = p.morphologyRadius;
  blocks = erode(dilate(blocks, bw, bh, r), bw, bh, r); // close gaps between ridge-rich blocks
  blocks = dilate(erode(blocks, bw, bh, r), bw, bh, r); // drop isolated noisy blocks
  blocks = fillHoles(largestComponent(blocks, bw, bh), bw, bh);

  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const rowBlock = ((y / b) | 0) * bw;
    for (let x = 0; x < w; x++) mask[y * w + x] = blocks[rowBlock + blockOfX[x]];
  }
  const maskMap: ByteMap = { width: w, height: h, data: mask };
  return { mask: maskMap, borderDistance: distanceToBackground(maskMap) };
}

function dilate(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 1);
}
function erode(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 0);
}

/** Square structuring element; `hit` is the value that spreads (1 dilates, 0 erodes). Outside counts as background. */
function morph(src: Uint8Array, w: number, h: number, r: number, hit: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = 1 - hit;
      for (let dy = -r; dy <= r && v !== hit; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx, yy = y + dy;
          const s = xx < 0 || yy < 0 || xx >= w || yy >= h ? 0 : src[yy * w + xx];
          if (s === hit) { v = hit; break; }
        }
      }
      out[y * w + x] = v;
    }
  }
  return out;
}

/** Label 4-connected components of `value`; returns labels (0 = other value) and their sizes. */
function label(src: Uint8Array, w: number, h: number, value: number): { labels: Int32Array; sizes: number[] } {
  const labels = new Int32Array(w * h);
  const sizes = [0];
  const stack: number[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] !== value || labels[i] !== 0) continue;
    const id = sizes.length;
    let size = 0;
    stack.push(i);
    labels[i] = id;
    while (stack.length) {
      const j = stack.pop()!;
      size++;
      const x = j % w, y = (j / w) | 0;
      const next = [x > 0 ? j - 1 : -1, x < w - 1 ? j + 1 : -1, y > 0 ? j - w : -1, y < h - 1 ? j + w : -1];
      for (const k of next) {
        if (k >= 0 && src[k] === value && labels[k] === 0) { labels[k] = id; stack.push(k); }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

function largestComponent(src: Uint8Array, w: number, h: number): Uint8Array {
  const { labels, sizes } = label(src, w, h, 1);
  let best = 0;
  for (let i = 1; i < sizes.length; i++) if (sizes[i] > sizes[best]) best = i;
  const out = new Uint8Array(w * h);
  if (best > 0) for (let i = 0; i < out.length; i++) out[i] = labels[i] === best ? 1 : 0;
  return out;
}

function fillHoles(src: Uint8Array, w: number, h: number): Uint8Array {
  const { labels, sizes } = label(src, w, h, 0);
  const touchesEdge = new Uint8Array(sizes.length);
  for (let x = 0; x < w; x++) { touchesEdge[labels[x]] = 1; touchesEdge[labels[(h - 1) * w + x]] = 1; }
  for (let y = 0; y < h; y++) { touchesEdge[labels[y * w]] = 1; touchesEdge[labels[y * w + w - 1]] = 1; }
  const out = Uint8Array.from(src);
  for (let i = 0; i < out.length; i++) if (out[i] === 0 && !touchesEdge[labels[i]]) out[i] = 1;
  return out;
}

/** Chamfer (3-4) distance from each foreground pixel to the nearest background or image edge, px. */
export function distanceToBackground(mask: ByteMap): FloatMap {
  const { width: w, height: h, data } = mask;
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
  return { width: w, height: h, data: d };
}
