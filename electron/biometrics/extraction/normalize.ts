/**
 * Local contrast normalisation: each pixel becomes its deviation from the local mean in units of the
 * local standard deviation, clipped, then mapped back to 0..255. Faint ridges next to dark blobs
 * (pores, dirt, wet spots) then carry as much weight in the orientation and the Gabor filter as clean
 * ones, instead of the blobs' strong edges taking over.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import { boxSum, integral } from './orientation';

export function normalizeContrast(image: GrayImage, sp: ScaledParameters): GrayImage {
  const p = sp.p.normalization;
  if (p.radius <= 0) return image;
  const { width: w, height: h, pixels } = image;
  const r = sp.ipx(p.radius);
  const sq = new Float64Array(w * h);
  for (let i = 0; i < sq.length; i++) sq[i] = pixels[i] * pixels[i];
  const s1 = integral(pixels, w, h);
  const s2 = integral(sq, w, h);
  const out = new Uint8Array(w * h);
  const scale = 127.5 / p.clipSigmas;
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const n = (Math.min(w, x + r + 1) - Math.max(0, x - r)) * (y1 - y0);
      const mean = boxSum(s1, w, h, x, y, r) / n;
      const variance = boxSum(s2, w, h, x, y, r) / n - mean * mean;
      const std = Math.sqrt(Math.max(variance, p.minStd * p.minStd));
      let z = (pixels[y * w + x] - mean) / std;
      z = z < -p.clipSigmas ? -p.clipSigmas : z > p.clipSigmas ? p.clipSigmas : z;
      out[y * w + x] = Math.round(127.5 + z * scale);
    }
  }
  return { width: w, height: h, pixels: out, dpi: image.dpi };
}
