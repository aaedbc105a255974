/**
 * Foreground mask: blocks with enough gray-level contrast are fingerprint, the rest background. The
 * block mask is cleaned (close, open, fill holes, keep the largest blob) because a ragged edge is the
 * main source of false minutiae; each pixel's distance to the background then feeds the border filter.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import { expandBlocks, type Segmentation } from './planes';
import { segmentationTs, type SegmentationKernels } from './segmentation-kernel';

/** A block is blank (no skin on the sensor) below this fraction of `minContrast`; the closing may not
 *  add it. 1.5 gray levels: flat to within quantisation, below the noise of an empty field that is not
 *  clipped (DB2_B: 2-4), so only clipped or saturated fields count. */
const BLANK_SHARE_OF_FLOOR = 0.25;

/** `k`: the per-pixel parts, native or the TypeScript reference. */
export function segment(image: GrayImage, sp: ScaledParameters, k: SegmentationKernels = segmentationTs): Segmentation {
  const { width: w, height: h, pixels } = image;
  const p = sp.p.segmentation;
  const b = sp.ipx(p.blockSize);
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  const std = k.blockDeviation(pixels, w, h, b);
  const sorted = Float32Array.from(std).sort();
  const threshold = Math.max(p.minContrast, p.relativeContrast * sorted[Math.floor(0.9 * (sorted.length - 1))]);
  let blocks: Uint8Array = new Uint8Array(bw * bh);
  for (let i = 0; i < blocks.length; i++) blocks[i] = std[i] >= threshold ? 1 : 0;
  inheritThinFrameBlocks(blocks, bw, bh, w - (bw - 1) * b, h - (bh - 1) * b, b);

  const r = p.morphologyRadius;
  // Close gaps between ridge-rich blocks, but never over a blank block: one flatter than a quarter of the
  // absolute contrast floor shows the sensor's empty level (DB1_B: exactly 254, std 0), not a faint
  // patch of skin, and the enhancement would draw ridges into it from the rank-normalised noise.
  const closed = erode(dilate(blocks, bw, bh, r), bw, bh, r);
  const blank = BLANK_SHARE_OF_FLOOR * p.minContrast;
  for (let i = 0; i < blocks.length; i++) blocks[i] = blocks[i] || (closed[i] && std[i] >= blank) ? 1 : 0;
  blocks = dilate(erode(blocks, bw, bh, r), bw, bh, r); // drop isolated noisy blocks
  blocks = fillHoles(largestComponent(blocks, bw, bh), bw, bh);

  const mask = expandBlocks(blocks, bw, b, new Uint8Array(w * h), w, h);
  return {
    mask: { width: w, height: h, data: mask },
    borderDistance: { width: w, height: h, data: k.distanceToBackground(mask, w, h) },
    contrastThreshold: threshold,
  };
}

/**
 * A partial block at the right or bottom frame narrower than half a block (less than about half a
 * ridge period) cannot show ridges and valleys on its own; a sensor line along the frame can still
 * give it the highest deviation of the image. It takes the decision of the full block beside it.
 */
function inheritThinFrameBlocks(blocks: Uint8Array, bw: number, bh: number, lastW: number, lastH: number, b: number): void {
  if (bw > 1 && 2 * lastW < b) for (let y = 0; y < bh; y++) blocks[y * bw + bw - 1] = blocks[y * bw + bw - 2];
  if (bh > 1 && 2 * lastH < b) for (let x = 0; x < bw; x++) blocks[(bh - 1) * bw + x] = blocks[(bh - 2) * bw + x];
}

function dilate(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 1);
}
function erode(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 0);
}

/**
 * Square structuring element; `hit` is the value that spreads (1 dilates, 0 erodes). Outside the image
 * never spreads: the image frame is where the sensor ends, not evidence that the finger does, so a
 * print that runs off the frame keeps its edge blocks (the border margin still keeps minutiae off it).
 */
function morph(src: Uint8Array, w: number, h: number, r: number, hit: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = 1 - hit;
      for (let dy = -r; dy <= r && v !== hit; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx, yy = y + dy;
          const s = xx < 0 || yy < 0 || xx >= w || yy >= h ? 1 - hit : src[yy * w + xx];
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
