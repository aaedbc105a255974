/**
 * Quality scores, 0..100. A minutia is as trustworthy as the ridge flow around it is clear and as far
 * as it is from the edge of the print; the image score combines the clarity of the ridge flow over the
 * foreground with how much finger area was captured.
 */
import type { Minutia } from '../types';
import type { ScaledParameters } from '../parameters';
import type { Candidate } from './minutiae';
import type { OrientationField, Segmentation } from './planes';

/** INCITS 378 reserves 0 for "not reported", so a reported quality is 1..100. */
const MIN_REPORTED_QUALITY = 1;
const TWO_PI = 2 * Math.PI;
/** Most minutiae a template can carry (INCITS 378 / ISO 19794-2 count byte). */
export const MAX_MINUTIAE = 255;

export function toMinutiae(cands: Candidate[], seg: Segmentation, field: OrientationField, sp: ScaledParameters): Minutia[] {
  const w = seg.mask.width;
  const good = sp.p.quality.goodCoherence;
  const margin = sp.px(sp.p.segmentation.borderMargin);
  const out = cands.map((c): Minutia => {
    const i = c.y * w + c.x;
    const clarity = Math.min(1, field.coherence[i] / good);
    const inset = Math.min(1, seg.borderDistance.data[i] / (2 * margin));
    const fragment = c.onFragment ? sp.p.minutiae.fragmentQuality : 1;
    const quality = Math.max(MIN_REPORTED_QUALITY, Math.round(100 * clarity * Math.sqrt(inset) * fragment));
    // Public convention: counter-clockwise with y up, [0, 2π).
    let angle = (((-c.direction) % TWO_PI) + TWO_PI) % TWO_PI;
    if (!(angle < TWO_PI) || angle === 0) angle = 0; // rounding can land on 2π; also turns -0 into 0
    return { x: c.x, y: c.y, angle, type: c.type, quality };
  });
  if (out.length > MAX_MINUTIAE) out.sort((a, b) => b.quality - a.quality).length = MAX_MINUTIAE;
  return out;
}

export function imageQuality(seg: Segmentation, field: OrientationField, sp: ScaledParameters): number {
  const mask = seg.mask.data;
  const good = sp.p.quality.goodCoherence;
  const coherence = field.coherence;
  // Σ min(1, c / good) as Σ min(good, c) / good: one division per image, not per pixel.
  let area = 0, clipped = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    area++;
    const c = coherence[i];
    clipped += c < good ? c : good;
  }
  if (area === 0) return 0;
  const fullArea = sp.p.quality.fullAreaSqInches * sp.dpi * sp.dpi;
  return Math.round(100 * (clipped / good / area) * Math.min(1, area / fullArea));
}
