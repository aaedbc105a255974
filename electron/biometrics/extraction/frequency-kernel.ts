/**
 * X-signatures for the ridge period, TypeScript reference (the addon runs the same arithmetic in the
 * same order, so both give bit-identical results): for each block, the gray levels of an oriented
 * window averaged along the ridge direction, one value per step across the ridges.
 */

export interface SignatureInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Steps across the ridges (values per signature) and along them (pixels averaged per value). */
  length: number;
  breadth: number;
  /** Per block: window centre, px, and ridge direction as a unit vector. */
  cx: Int32Array;
  cy: Int32Array;
  tx: Float64Array;
  ty: Float64Array;
}

/** Returns `length` values per block, block after block. */
export type SignatureKernel = (input: SignatureInput) => Float32Array;

export function signaturesTs(input: SignatureInput): Float32Array {
  const { pixels, width: w, height: h, length: L, breadth: W } = input;
  const out = new Float32Array(input.cx.length * L);
  for (let j = 0; j < input.cx.length; j++) {
    const cx = input.cx[j], cy = input.cy[j], tx = input.tx[j], ty = input.ty[j];
    for (let k = 0; k < L; k++) {
      let s = 0;
      const u = k - L / 2;
      for (let i = 0; i < W; i++) {
        const v = i - W / 2;
        const x = Math.round(cx + v * tx - u * ty);
        const y = Math.round(cy + v * ty + u * tx);
        s += pixels[(y < 0 ? 0 : y >= h ? h - 1 : y) * w + (x < 0 ? 0 : x >= w ? w - 1 : x)];
      }
      out[j * L + k] = s / W;
    }
  }
  return out;
}
