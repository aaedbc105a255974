/** Box-average downscale by an integer divisor per axis (previews, and the final image for the local measure). */
export function downscale(pixels: Uint8Array, width: number, height: number, divisor: number): { width: number; height: number; pixels: Uint8Array } {
  if (divisor <= 1) return { width, height, pixels };
  const ow = Math.floor(width / divisor);
  const oh = Math.floor(height / divisor);
  const out = new Uint8Array(ow * oh);
  const area = divisor * divisor;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sum = 0;
      for (let j = 0; j < divisor; j++) {
        const row = (y * divisor + j) * width + x * divisor;
        for (let i = 0; i < divisor; i++) sum += pixels[row + i];
      }
      out[y * ow + x] = Math.round(sum / area);
    }
  }
  return { width: ow, height: oh, pixels: out };
}
