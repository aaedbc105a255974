/**
 * Raw-image evidence for each minutia. Everything between segmentation and minutiae detection works on
 * the rank-normalised image, where any area inside the mask becomes full-contrast texture, so the
 * Gabor filter draws ridges (and ridge endings) into mask areas where the sensor saw no skin: blocks
 * the mask closing added between the print and a dark sensor line at the image frame, for example.
 * A real minutia lies on a ridge with valleys beside it, so the raw gray levels around it vary about
 * as much as the print's foreground does; around an enhancement artefact they stay at the sensor's
 * blank level.
 */
import type { GrayImage } from '../types';
import type { ScaledParameters } from '../parameters';
import type { Candidate } from './minutiae';

export const SKIN_CONTRAST = {
  /** Half side of the square window around a minutia, px@500: about one ridge period, so the window
   *  always holds a ridge and a valley of the minutia's own neighbourhood. */
  windowRadius: 9,
  /** A minutia is kept when the gray-level standard deviation of its window reaches this fraction of
   *  the image's foreground contrast threshold (ratio): half, because the window of a real minutia at
   *  the edge of the print may be partly off the skin. */
  minShareOfForeground: 0.5,
};

/** Drop candidates whose raw neighbourhood has too little contrast to hold a ridge (`threshold`: the
 *  block standard deviation segmentation required of foreground, gray levels). */
export function dropWithoutSkinContrast(cands: Candidate[], image: GrayImage, threshold: number, sp: ScaledParameters): Candidate[] {
  const r = sp.ipx(SKIN_CONTRAST.windowRadius);
  const min = SKIN_CONTRAST.minShareOfForeground * threshold;
  return cands.filter((c) => windowDeviation(image, c.x, c.y, r) >= min);
}

function windowDeviation(image: GrayImage, cx: number, cy: number, r: number): number {
  const { width: w, height: h, pixels } = image;
  const x0 = Math.max(0, cx - r), x1 = Math.min(w - 1, cx + r);
  const y0 = Math.max(0, cy - r), y1 = Math.min(h - 1, cy + r);
  let sum = 0, sum2 = 0, n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0, i = y * w + x0; x <= x1; x++, i++) { const v = pixels[i]; sum += v; sum2 += v * v; n++; }
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
}
