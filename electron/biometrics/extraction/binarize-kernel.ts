/**
 * Binarization, TypeScript reference (the addon does the same, so both give identical results).
 * Ridges are where the enhanced image is positive. Tiny ridge islands (dust, pores seen as dots) are
 * erased and tiny valley holes (sweat pores inside a ridge) are filled, because each would otherwise
 * turn into a pair of false minutiae after thinning.
 */

/** 1 where `mask` is set and `enhanced` > 0, then components under `minArea` pixels flipped. */
export type BinarizeKernel = (enhanced: Float32Array, mask: Uint8Array, width: number, height: number, minArea: number) => Uint8Array;

export function binarizeTs(data: Float32Array, mask: Uint8Array, w: number, h: number, minArea: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = mask[i] && data[i] > 0 ? 1 : 0;
  flipSmallComponents(out, w, h, 1, minArea, null);
  flipSmallComponents(out, w, h, 0, minArea, mask);
  return out;
}

/**
 * Flip every 8-connected component of `value` smaller than `minArea`. With `within`, only components
 * lying entirely inside it are considered (a valley touching the mask edge is not a hole).
 */
function flipSmallComponents(img: Uint8Array, w: number, h: number, value: number, minArea: number, within: Uint8Array | null): void {
  const seen = new Uint8Array(w * h);
  const members = new Int32Array(w * h); // also the work stack: members[read..write) are still to expand
  for (let start = 0; start < img.length; start++) {
    if (img[start] !== value || seen[start] || (within && !within[start])) continue;
    let read = 0, write = 0;
    members[write++] = start;
    seen[start] = 1;
    let inside = true;
    while (read < write) {
      const j = members[read++];
      const x = j % w, y = (j / w) | 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) { if (within) inside = false; continue; }
          const k = yy * w + xx;
          if (img[k] !== value || seen[k]) continue;
          if (within && !within[k]) { inside = false; continue; }
          seen[k] = 1;
          members[write++] = k;
        }
      }
    }
    if (write < minArea && inside) for (let m = 0; m < write; m++) img[members[m]] = 1 - value;
  }
}
