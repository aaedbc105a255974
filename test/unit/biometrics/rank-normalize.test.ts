/**
 * Local-rank contrast normalisation (extraction/normalize.ts): the values it must give, why it is used
 * (a dark blob weighs what a ridge weighs), and the native kernel against the reference on edge cases.
 */
import { describe, expect, it } from 'vitest';
import { rankNormalizeTs } from '../../../electron/biometrics/extraction/normalize';
import { loadNativeKernels } from '../../../electron/biometrics/native';

const native = loadNativeKernels();

/** Straightforward definition: share of darker window pixels, ties half, rounded half up. */
function byDefinition(p: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let darker = 0, equal = 0, n = 0;
    for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
      for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
        const v = p[yy * w + xx];
        n++;
        if (v < p[y * w + x]) darker++;
        else if (v === p[y * w + x]) equal++;
      }
    }
    out[y * w + x] = Math.floor(0.5 + (255 * (darker + equal / 2)) / n);
  }
  return out;
}

function noise(w: number, h: number, seed: number): Uint8Array {
  const p = new Uint8Array(w * h);
  let a = seed;
  for (let i = 0; i < p.length; i++) {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    p[i] = a >>> 24;
  }
  return p;
}

describe('local-rank contrast normalisation', () => {
  it('gives the share of darker pixels in the window, ties counting half', () => {
    // 3 × 1 image, radius 1: windows {10,20}, {10,20,30}, {20,30}.
    expect([...rankNormalizeTs(Uint8Array.of(10, 20, 30), 3, 1, 1)]).toEqual([64, 128, 191]);
    // A flat image is mid-grey everywhere, whatever its level.
    expect(new Set(rankNormalizeTs(new Uint8Array(35).fill(200), 7, 5, 2))).toEqual(new Set([128]));
  });

  it('matches the definition on random images, radii up to larger than the image', () => {
    for (const [w, h, r] of [[1, 1, 1], [5, 1, 3], [1, 9, 2], [17, 13, 1], [17, 13, 4], [12, 11, 30]]) {
      const p = noise(w, h, w * 100 + h + r);
      expect(rankNormalizeTs(p, w, h, r)).toEqual(byDefinition(p, w, h, r));
    }
  });

  it('does not care how much darker a blob is: a pitch-black blob and a grey one give the same output', () => {
    const w = 40, h = 40;
    // Ridges of period 8 (grey 150 on 200), with a blob on one ridge drawn at grey 140 or at black.
    const ridges = (blob: number) => {
      const p = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[y * w + x] = x % 8 < 4 ? 150 : 200;
      for (let y = 18; y < 22; y++) for (let x = 16; x < 20; x++) p[y * w + x] = blob;
      return p;
    };
    expect(rankNormalizeTs(ridges(0), w, h, 8)).toEqual(rankNormalizeTs(ridges(140), w, h, 8));
  });

  it('native kernel = reference on edge cases and on a full-size random image', () => {
    // [200, 190, 100]: a window over 32,767 pixels takes the native row-sliding path.
    for (const [w, h, r] of [[1, 1, 1], [3, 1, 1], [1, 7, 5], [16, 16, 16], [33, 9, 2], [388, 374, 16], [296, 560, 18], [200, 190, 100]]) {
      const p = noise(w, h, w + h * 7 + r);
      expect(native.rankNormalize(p, w, h, r)).toEqual(rankNormalizeTs(p, w, h, r));
    }
    // Windows wider or taller than the image (radius clipped to the image), an image exactly one
    // window wide (one inside column), and a large radius that still fits the 16-bit counts.
    for (const [w, h, r] of [[3, 100, 40], [100, 3, 40], [33, 20, 16], [34, 20, 16], [32, 20, 16], [300, 50, 120], [2, 2, 1000]]) {
      const p = noise(w, h, w * 3 + h + r);
      expect(native.rankNormalize(p, w, h, r)).toEqual(rankNormalizeTs(p, w, h, r));
    }
    // Ridges: runs of a few gray levels, so that a level's window counts are brought up to date after
    // one step, after a few, or recounted after a long absence; and flat images, where every pixel
    // ties with its whole window (2·darker + equal = n for every window size n).
    const ridges = Uint8Array.from({ length: 120 * 90 }, (_, i) => {
      const x = i % 120, y = Math.floor(i / 120);
      return ((x + (y >> 2)) % (9 + (y % 23)) < 4 ? 60 + ((x * 7 + y) % 40) : 170 + ((x * 5 + y * 3) % 50)) & 255;
    });
    for (const r of [1, 5, 16, 18, 30]) expect(native.rankNormalize(ridges, 120, 90, r)).toEqual(rankNormalizeTs(ridges, 120, 90, r));
    for (const [w, h, r] of [[7, 5, 2], [50, 40, 16], [181, 181, 90]]) expect(new Set(native.rankNormalize(new Uint8Array(w * h).fill(77), w, h, r))).toEqual(new Set([128]));
    // Every grey level on one ramp, so each coarse/fine bin boundary is crossed.
    const ramp = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 37) & 255);
    expect(native.rankNormalize(ramp, 48, 16, 7)).toEqual(rankNormalizeTs(ramp, 48, 16, 7));
  });
});
