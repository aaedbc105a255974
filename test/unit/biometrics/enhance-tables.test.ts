/**
 * The enhancement filters in integers: what the kernels rely on (16-bit weights, exact sums) and what
 * the quantisation must keep from the real-valued filters (a smoothing keeps the gray level, a
 * band-pass ignores it, the response to ridges of the tuned period).
 */
import { describe, expect, it } from 'vitest';
import { enhanceTables } from '../../../electron/biometrics/extraction/enhance-tables';
import type { EnhanceTableSpec } from '../../../electron/biometrics/extraction/enhance-tables';
import { enhanceTs, OUTPUT_SCALE, WEIGHT_ONE } from '../../../electron/biometrics/extraction/enhance-kernel';
import type { SparseKernels } from '../../../electron/biometrics/extraction/enhance-kernel';
import { loadNativeKernels } from '../../../electron/biometrics/native';

const spec: EnhanceTableSpec = { width: 120, directions: 64, sigmaAlong: 4.5, alongHalf: 12, minPeriod: 5, periodStep: 0.5, periods: 23, sigmaAcrossPerPeriod: 0.45, kernelSigmas: 2.5 };

function sums(k: SparseKernels): { sum: number; absSum: number }[] {
  const out = [];
  for (let j = 0; j + 1 < k.start.length; j++) {
    let sum = 0, absSum = 0;
    for (let e = k.start[j]; e < k.start[j + 1]; e++) { sum += k.weight[e]; absSum += Math.abs(k.weight[e]); }
    out.push({ sum, absSum });
  }
  return out;
}

describe('enhancement filter tables in integers', () => {
  const t = enhanceTables(spec);

  it('smoothing kernels sum to exactly one (no gray-level drift), band-pass kernels to exactly zero', () => {
    for (const { sum } of sums(t.along)) expect(sum).toBe(WEIGHT_ONE);
    for (const { sum, absSum } of sums(t.across)) {
      expect(sum).toBe(0);
      // Taps are scaled to unit absolute sum; the bilinear spread merges some of opposite sign (less),
      // rounding adds at most half a unit per entry (more). What matters: 32-bit sums cannot overflow.
      expect(absSum).toBeGreaterThan(0.8 * WEIGHT_ONE);
      expect(absSum).toBeLessThanOrEqual(WEIGHT_ONE + 100);
    }
    expect(t.along.weight.every((w) => w > 0)).toBe(true); // pass 1's sums are never negative
  });

  it('a flat image gives exactly 0 and ridges of the tuned period a full-strength response', () => {
    const w = spec.width, h = 100, n = w * h;
    const mask = new Uint8Array(n).fill(1);
    const flat = enhanceTs({ pixels: new Uint8Array(n).fill(173), width: w, height: h, mask, cos2: new Float32Array(n).fill(1), sin2: new Float32Array(n), period: new Float32Array(n).fill(9), tables: t });
    expect(flat.every((v) => v === 0)).toBe(true);
    // Vertical ridges (dark) every 9 px: ridge direction 90°, doubled angle 180°.
    const pixels = new Uint8Array(n).map((_, i) => Math.round(128 - 100 * Math.cos((2 * Math.PI * (i % w)) / 9)));
    const out = enhanceTs({ pixels, width: w, height: h, mask, cos2: new Float32Array(n).fill(-1), sin2: new Float32Array(n), period: new Float32Array(n).fill(9), tables: t });
    const ridge = 50 * w + 54, valley = ridge + 4; // x = 54 is a multiple of 9: darkest
    expect(out[ridge]).toBeGreaterThan(40);
    expect(out[valley]).toBeLessThan(-30);
  });

  it('native gives the same bits on the same ridges (the lanes of a run read past it harmlessly)', () => {
    const native = loadNativeKernels();
    const w = spec.width, h = 100, n = w * h;
    const pixels = new Uint8Array(n).map((_, i) => Math.round(128 - 100 * Math.cos((2 * Math.PI * (i % w)) / 9 + (i / w) * 0.05)));
    // Mask and direction change every few pixels so runs of every length 1..8 occur.
    const mask = new Uint8Array(n).map((_, i) => ((i * 7) % 13 === 0 ? 0 : 1));
    const cos2 = new Float32Array(n).map((_, i) => Math.cos(Math.floor(i / 11) * 0.3));
    const sin2 = new Float32Array(n).map((_, i) => Math.sin(Math.floor(i / 11) * 0.3));
    const input = { pixels, width: w, height: h, mask, cos2, sin2, period: new Float32Array(n).fill(9.25), tables: t };
    const a = native.enhance(input), b = enhanceTs(input);
    let differing = 0;
    for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) differing++;
    expect(differing).toBe(0);
    expect(OUTPUT_SCALE * WEIGHT_ONE * 128).toBe(1);
  });

  it('a filter narrower than a pixel is refused with a typed error, not an overflow', () => {
    expect(() => enhanceTables({ ...spec, sigmaAlong: 0.01, alongHalf: 1 })).toThrow(expect.objectContaining({ code: 'ENHANCE_FILTER_OUT_OF_RANGE' }));
  });
});
