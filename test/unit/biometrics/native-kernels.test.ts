/**
 * Native kernels against their TypeScript references on synthetic inputs built to hit the corner
 * cases real images rarely reach: directions exactly on and next to a bin boundary, periods on a
 * rounding half, sample positions on .5, kernels reaching over the image edge.
 */
import { describe, expect, it } from 'vitest';
import { loadNativeKernels } from '../../../electron/biometrics/native';
import { typescriptKernels } from '../../../electron/biometrics/extraction/kernels';
import { enhanceTables } from '../../../electron/biometrics/extraction/enhance-tables';
import { directionBin, settleDirectionBin } from '../../../electron/biometrics/extraction/enhance-direction';
import type { EnhanceKernelInput } from '../../../electron/biometrics/extraction/enhance-kernel';
import type { SkeletonKernel } from '../../../electron/biometrics/extraction/skeleton-kernel';
import { repairSkeleton } from '../../../electron/biometrics/extraction/skeleton-repair';
import { detectMinutiae } from '../../../electron/biometrics/extraction/minutiae';
import { thinTs } from '../../../electron/biometrics/extraction/thinning-kernel';
import { scaledParameters } from '../../../electron/biometrics/parameters';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const differing = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
};

const W = 96, H = 80, D = 64;
const tables = enhanceTables({ width: W, directions: D, sigmaAlong: 4.5, alongHalf: 12, minPeriod: 5, periodStep: 0.5, periods: 23, sigmaAcrossPerPeriod: 0.45, kernelSigmas: 2.5 });

describe('direction bins', () => {
  it('equal the rounded ridge angle (the former atan2 formula) away from the boundaries', () => {
    const rnd = random(1);
    for (let n = 0; n < 20000; n++) {
      const phi = (rnd() * 2 - 1) * Math.PI;
      const c = Math.fround(Math.cos(phi)), s = Math.fround(Math.sin(phi));
      const bin = Math.round((Math.atan2(s, c) / 2) * (D / Math.PI));
      expect(directionBin(c, s, tables)).toBe((bin < 0 ? bin + D : bin % D) + 0); // + 0: -0 and 0 are the same index
    }
  });

  it('do not depend on the guess they are settled from', () => {
    const rnd = random(2);
    for (let n = 0; n < 5000; n++) {
      const phi = (rnd() * 2 - 1) * Math.PI;
      const c = Math.fround(Math.cos(phi)), s = Math.fround(Math.sin(phi));
      const bin = directionBin(c, s, tables);
      for (const off of [-2, -1, 1, 2]) expect(settleDirectionBin(c, s, bin + off + D, tables)).toBe(bin);
    }
  });
});

describe('native kernels = TypeScript references on synthetic corner cases', () => {
  const native = loadNativeKernels();

  it('enhancement: directions on and next to every bin boundary, periods on rounding halves', () => {
    const rnd = random(3);
    const n = W * H;
    const input: EnhanceKernelInput = {
      pixels: new Uint8Array(n).map(() => Math.floor(rnd() * 256)), width: W, height: H,
      mask: new Uint8Array(n), cos2: new Float32Array(n), sin2: new Float32Array(n), period: new Float32Array(n), tables,
    };
    for (let i = 0; i < n; i++) {
      const x = i % W, y = Math.floor(i / W);
      input.mask[i] = x > 3 && y > 2 && x < W - 5 && y < H - 2 && rnd() < 0.9 ? 1 : 0;
      // Runs of a few pixels share a direction, as in real fields, so the grouped path is exercised too;
      // the direction steps up a bin and then down, so the neighbour-bin shortcut is taken both ways.
      const g = Math.floor(i / 3);
      const boundary = g % (2 * D) < D ? g % D : D - 1 - (g % D);
      const phi = ((boundary + 0.5) * 2 * Math.PI) / D + [0, 1e-7, -1e-7, 1e-3][Math.floor(i / 3) % 4];
      input.cos2[i] = Math.cos(phi);
      input.sin2[i] = Math.sin(phi);
      input.period[i] = 3 + Math.floor(rnd() * 30) * 0.25; // below, inside and above the table, on .25 steps
    }
    input.cos2[5 * W + 10] = 1; input.sin2[5 * W + 10] = 0; // an undefined orientation
    expect(differing(native.enhance(input), typescriptKernels.enhance(input))).toBe(0);
  });

  it('orientation: images narrower than the windows, flat areas, every column parity', () => {
    const rnd = random(7);
    for (const [w, h] of [[9, 7], [40, 31], [41, 30], [W, H]]) {
      const pixels = new Uint8Array(w * h).map((_, i) => (i % w < w / 3 ? 128 : Math.floor(rnd() * 256)));
      for (const [gradientRadius, smoothingRadius] of [[6, 10], [2, 3], [1, 1]]) {
        const input = { pixels, width: w, height: h, gradientRadius, smoothingRadius };
        const a = native.orientationField(input), b = typescriptKernels.orientationField(input);
        expect(differing(a.cos2, b.cos2) + differing(a.sin2, b.sin2) + differing(a.coherence, b.coherence)).toBe(0);
      }
    }
  });

  it('x-signatures: windows leaving the image, sample positions on halves', () => {
    const rnd = random(4);
    const pixels = new Uint8Array(W * H).map(() => Math.floor(rnd() * 256));
    const cx = Int32Array.from([0, W - 1, 40, 10, 50]), cy = Int32Array.from([0, H - 1, 40, 70, 2]);
    const angles = [0, Math.PI / 2, Math.PI / 4, 2.1, 3];
    // Odd breadths and lengths put axis-aligned samples exactly on halves (i - W/2 = ±0.5, ±1.5, ...),
    // where rounding goes up; the addon rounds two samples at a time and the last one alone.
    for (const [length, breadth] of [[36, 14], [35, 15], [9, 3], [8, 1]]) {
      const input = {
        pixels, width: W, height: H, length, breadth, cx, cy,
        tx: Float64Array.from(angles, Math.cos), ty: Float64Array.from(angles, Math.sin),
      };
      expect(differing(native.signatures(input), typescriptKernels.signatures(input))).toBe(0);
    }
  });

  it('binarization: islands and holes of every size, touching the mask edge or not', () => {
    const rnd = random(5);
    const masks = [
      new Uint8Array(W * H).map((_, i) => (i % W > 8 && i % W < 80 && i > 6 * W ? 1 : 0)), // reaches the bottom edge
      new Uint8Array(W * H).map(() => (rnd() < 0.93 ? 1 : 0)), // pinholes: valleys reach outside through them
      new Uint8Array(W * H).fill(1),
    ];
    for (const ridgeShare of [0.3, 0.5, 0.7]) {
      const enhanced = new Float32Array(W * H).map(() => (rnd() < ridgeShare ? 1 : -1) * rnd());
      for (const mask of masks) {
        for (const minArea of [0, 1, 3, 40, 1000]) {
          expect(differing(native.binarize(enhanced, mask, W, H, minArea), typescriptKernels.binarize(enhanced, mask, W, H, minArea))).toBe(0);
        }
      }
    }
  });

  it('segmentation: block deviations with partial edge blocks, distances to a ragged mask', () => {
    const rnd = random(6);
    const pixels = new Uint8Array(W * H).map(() => Math.floor(rnd() * 256));
    const mask = new Uint8Array(W * H).map(() => (rnd() < 0.8 ? 1 : 0));
    for (const block of [7, 12, 16]) {
      expect(differing(native.segmentation.blockDeviation(pixels, W, H, block), typescriptKernels.segmentation.blockDeviation(pixels, W, H, block))).toBe(0);
    }
    expect(differing(native.segmentation.distanceToBackground(mask, W, H), typescriptKernels.segmentation.distanceToBackground(mask, W, H))).toBe(0);
  });

  it('refuses a table handle it did not make and tables for another width', () => {
    const input = { pixels: new Uint8Array(W * H), width: W, height: H, mask: new Uint8Array(W * H), cos2: new Float32Array(W * H), sin2: new Float32Array(W * H), period: new Float32Array(W * H) };
    const other = enhanceTables({ width: W + 1, directions: D, sigmaAlong: 4.5, alongHalf: 12, minPeriod: 5, periodStep: 0.5, periods: 23, sigmaAcrossPerPeriod: 0.45, kernelSigmas: 2.5 });
    expect(() => native.enhance({ ...input, tables: other })).toThrow(/another image width/);
    const broken = { ...tables, along: { ...tables.along, offset: tables.along.offset.map((o) => o + 1) } };
    expect(() => native.enhance({ ...input, tables: broken })).toThrow(/beyond its radius/);
    const heavy = { ...tables, across: { ...tables.across, weight: tables.across.weight.map(() => 30000) } };
    expect(() => native.enhance({ ...input, tables: heavy })).toThrow(/too large for 32-bit sums/);
  });

  /** Both engines' repair rounds, repaired skeletons and candidates on one skeleton. */
  function expectSameSkeletonWork(skel: Uint8Array, w: number, h: number, seed: number): void {
    const rnd = random(seed);
    const phi = Float32Array.from({ length: w * h }, () => rnd() * 2 * Math.PI);
    const field = { width: w, height: h, cos2: phi.map(Math.cos), sin2: phi.map(Math.sin), coherence: new Float32Array(w * h) };
    const sp = scaledParameters(500);
    const limits = { endingSteps: 12, spur: 11.5, short: 9, bridgeSteps: 7, bridge: 6.5 };
    const run = (k: SkeletonKernel) => {
      const repaired = repairSkeleton({ width: w, height: h, data: skel }, field, sp, k);
      const unrepaired = detectMinutiae({ width: w, height: h, data: skel }, field, sp, k);
      return { unrepaired, round: k.repairRound(skel, w, h, limits), walks: k.minutiaWalks(skel, w, h, 9, 14), repaired, candidates: detectMinutiae(repaired, field, sp, k) };
    };
    const a = run(native.skeleton), b = run(typescriptKernels.skeleton);
    expect(a.round).toEqual(b.round);
    expect(a.walks).toEqual(b.walks);
    expect(differing(a.repaired.data, b.repaired.data)).toBe(0);
    expect(a.candidates).toEqual(b.candidates);
    expect(a.unrepaired).toEqual(b.unrepaired);
    expect(a.unrepaired.length).toBeGreaterThan(0);
  }

  it('skeleton walks: lines on and across the image border, a junction cluster, a one-pixel island', () => {
    const w = 24, h = 16;
    const skel = new Uint8Array(w * h);
    for (let x = 0; x < w; x++) skel[x] = 1; // the whole top row
    for (let y = 0; y < h; y++) skel[y * w + w - 1] = 1; // the right column: neighbours wrap to the next row
    for (let x = 3; x < 15; x++) skel[(h - 1) * w + x] = 1; // part of the bottom row
    for (let y = 4; y < 12; y++) skel[y * w + 8] = 1; // a cross whose centre is a 2×2 block of junctions
    for (let x = 4; x < 13; x++) skel[7 * w + x] = 1;
    skel[8 * w + 9] = 1;
    skel[10 * w + 3] = 1; // an island
    skel[5 * w] = 1; skel[6 * w] = 1; skel[7 * w + 1] = 1; // a hook on the left edge
    expectSameSkeletonWork(skel, w, h, 8);
  });

  it('skeleton walks: thinned random blobs and raw random pixels', () => {
    const rnd = random(9);
    for (const density of [0.45, 0.55, 0.15]) {
      const pixels = new Uint8Array(W * H).map(() => (rnd() < density ? 1 : 0));
      expectSameSkeletonWork(density > 0.3 ? thinTs(pixels, W, H) : pixels, W, H, 10);
    }
  });
});
