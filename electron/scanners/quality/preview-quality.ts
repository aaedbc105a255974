/**
 * A cheap quality measure for live previews (a few thousand pixels, well under a millisecond), so the
 * operator gets feedback at preview rate. The engine's score is for the final image; this one only has to
 * tell "where is the finger, is it pressed, is it still". Pure: pixels in, numbers and words out.
 */
import { PREVIEW_QUALITY as P } from './parameters';

export interface PreviewImage {
  width: number;
  height: number;
  /** 8-bit gray, 0 = ridge. */
  pixels: Uint8Array;
}

export type QualityIssue = 'no-finger' | 'too-far-left' | 'too-far-right' | 'too-high' | 'too-low' | 'too-light' | 'too-dark' | 'too-small' | 'moving';

export interface PreviewQuality {
  /** 0..100. */
  score: number;
  /** Good enough to count towards auto-capture. */
  ok: boolean;
  /** The most important thing to tell the applicant, in plain words. */
  feedback: string;
  issues: QualityIssue[];
  /** Share of the sensor the finger covers, 0..1. */
  coverage: number;
  /** Centre of the print relative to the sensor centre, −0.5..0.5 of width/height (x right, y down). */
  offsetX: number;
  offsetY: number;
  /** Mean ridge/valley spread over the finger, gray levels. */
  contrast: number;
  /** Mean absolute change from the previous preview over the finger, gray levels. */
  motion: number;
}

export const FEEDBACK: Record<QualityIssue | 'good', string> = {
  'no-finger': 'Place your finger on the scanner',
  'too-far-left': 'Finger too far left — move it a little to the right',
  'too-far-right': 'Finger too far right — move it a little to the left',
  'too-high': 'Finger too high — move it a little down',
  'too-low': 'Finger too low — move it a little up',
  'too-light': 'Press a little harder',
  'too-dark': 'Press a little more lightly',
  'too-small': 'Lay the finger flat so more of it touches the glass',
  moving: 'Hold still',
  good: 'Good — hold still',
};

export function previewQuality(img: PreviewImage, previous?: PreviewImage): PreviewQuality {
  const { width: w, height: h, pixels } = img;
  const b = Math.max(2, Math.round(Math.min(w, h) / P.blocksAcross));
  const bw = Math.floor(w / b);
  const bh = Math.floor(h / b);
  let fgBlocks = 0, sumX = 0, sumY = 0, sumStd = 0, sumMean = 0;
  const fg = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0, s2 = 0;
      for (let y = by * b; y < (by + 1) * b; y++) {
        for (let x = bx * b; x < (bx + 1) * b; x++) {
          const v = pixels[y * w + x];
          s += v;
          s2 += v * v;
        }
      }
      const n = b * b;
      const mean = s / n;
      const std = Math.sqrt(Math.max(0, s2 / n - mean * mean));
      if (std >= P.foregroundMinStd && mean <= P.foregroundMaxMean) {
        fg[by * bw + bx] = 1;
        fgBlocks++;
        sumX += bx + 0.5;
        sumY += by + 0.5;
        sumStd += std;
        sumMean += mean;
      }
    }
  }
  const coverage = fgBlocks / Math.max(1, bw * bh);
  if (fgBlocks === 0 || coverage < P.minCoverageForFinger) {
    return { score: 0, ok: false, feedback: FEEDBACK['no-finger'], issues: ['no-finger'], coverage, offsetX: 0, offsetY: 0, contrast: 0, motion: 0 };
  }
  const offsetX = sumX / fgBlocks / bw - 0.5;
  const offsetY = sumY / fgBlocks / bh - 0.5;
  const contrast = sumStd / fgBlocks;
  const meanGray = sumMean / fgBlocks;
  const motion = previous && previous.width === w && previous.height === h ? meanMotion(img, previous, fg, b, bw) : 0;

  const issues: QualityIssue[] = [];
  if (offsetX < -P.maxOffset) issues.push('too-far-left');
  if (offsetX > P.maxOffset) issues.push('too-far-right');
  if (offsetY < -P.maxOffsetY) issues.push('too-high');
  if (offsetY > P.maxOffsetY) issues.push('too-low');
  // A light print with clear ridges is fine (many optical sensors image light); faint and flat is not.
  if (contrast < P.minContrast || (meanGray > P.maxMeanGray && contrast < P.goodContrast)) issues.push('too-light');
  if (meanGray < P.minMeanGray) issues.push('too-dark');
  if (coverage < P.goodCoverage) issues.push('too-small');
  if (motion > P.maxMotion) issues.push('moving');

  const centred = 1 - Math.min(1, Math.max(Math.abs(offsetX) / P.maxOffset, Math.abs(offsetY) / P.maxOffsetY) / 2);
  const covered = Math.min(1, coverage / P.goodCoverage);
  const clear = Math.min(1, contrast / P.goodContrast);
  const still = previous ? 1 - Math.min(1, motion / (2 * P.maxMotion)) : 0.8;
  const score = Math.round(100 * (0.3 * covered + 0.25 * centred + 0.3 * clear + 0.15 * still));
  const ok = issues.length === 0 && score >= P.okScore;
  return { score, ok, feedback: FEEDBACK[issues[0] ?? 'good'], issues, coverage, offsetX, offsetY, contrast, motion };
}

function meanMotion(a: PreviewImage, b: PreviewImage, fg: Uint8Array, block: number, bw: number): number {
  let sum = 0, n = 0;
  for (let y = 0; y < a.height; y++) {
    const by = Math.floor(y / block);
    for (let x = 0; x < a.width; x++) {
      const bx = Math.floor(x / block);
      if (bx >= bw || !fg[by * bw + bx]) continue;
      sum += Math.abs(a.pixels[y * a.width + x] - b.pixels[y * a.width + x]);
      n++;
    }
  }
  return n ? sum / n : 0;
}
