/**
 * The matcher's speed structures must only skip work, never change a score: the angle masks admit
 * every edge that can pass growth's angle tests, the minutia grid finds every candidate consolidation
 * would, and a comparison with the pre-filter switched off (all-ones masks) scores bit for bit the same.
 */
import { describe, expect, it } from 'vitest';
import { compareTemplates, MatchParams, prepareTemplate, type MatchTemplate } from '../../../electron/biometrics/match';
import { ANGLE_MASK_BINS, angleBin, buildAngleMasks } from '../../../electron/biometrics/match/angle-masks';
import { nearestFree } from '../../../electron/biometrics/match/score';
import type { FingerprintFeatures } from '../../../electron/biometrics/types';

const TWO_PI = 2 * Math.PI;

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const angleDiff = (a: number, b: number) => {
  const d = Math.abs(a - b);
  return d > Math.PI ? TWO_PI - d : d;
};

function print(rnd: () => number, n: number): FingerprintFeatures {
  const minutiae = Array.from({ length: n }, () => ({
    x: 30 + rnd() * 320, y: 30 + rnd() * 300, angle: rnd() * TWO_PI, type: 'ending' as const, quality: 20 + rnd() * 80,
  }));
  return { width: 388, height: 374, dpi: 500, quality: 60, minutiae };
}

/** Another impression: rotated, shifted, jittered, a fifth lost, a few spurious minutiae added. */
function reimpress(rnd: () => number, f: FingerprintFeatures): FingerprintFeatures {
  const r = (rnd() - 0.5) * 0.8, c = Math.cos(r), s = Math.sin(r), dx = (rnd() - 0.5) * 40, dy = (rnd() - 0.5) * 40;
  const kept = f.minutiae.filter(() => rnd() > 0.2).map((m) => ({
    ...m,
    x: 194 + c * (m.x - 194) - s * (m.y - 187) + dx + (rnd() - 0.5) * 6,
    y: 187 + s * (m.x - 194) + c * (m.y - 187) + dy + (rnd() - 0.5) * 6,
    angle: (m.angle - r + (rnd() - 0.5) * 0.2 + 2 * TWO_PI) % TWO_PI,
  }));
  return { ...f, minutiae: [...kept, ...print(rnd, 6).minutiae] };
}

describe('matcher pre-filters', () => {
  it('angle masks admit every edge within the angle tolerance of a direction, whatever its bin', () => {
    const rnd = lcg(7);
    const edgeStart = Int32Array.from({ length: 41 }, (_, i) => i * 9);
    const direction = Float32Array.from({ length: 360 }, (_, e) => (e % 12 === 0 ? [0, TWO_PI, Math.PI, MatchParams.angleTolerance][e % 4] : rnd() * TWO_PI));
    const { fromBin, fromMask } = buildAngleMasks(edgeStart, direction, direction);
    expect(fromBin[5]).toBe(angleBin(direction[5]));
    const probes = [0, TWO_PI, Math.PI, ...Array.from({ length: 400 }, () => rnd() * TWO_PI)];
    for (let b = 0; b <= ANGLE_MASK_BINS; b++) probes.push((b * TWO_PI) / ANGLE_MASK_BINS, (b * TWO_PI) / ANGLE_MASK_BINS - 1e-9);
    let admitted = 0, passing = 0;
    for (const probe of probes) {
      for (let i = 0; i < 40; i++) {
        const mask = fromMask[i * ANGLE_MASK_BINS + angleBin(probe)];
        for (let k = 0; k < 9; k++) {
          const inMask = (mask >> k) & 1;
          admitted += inMask;
          if (angleDiff(direction[edgeStart[i] + k], probe) <= MatchParams.angleTolerance) {
            passing++;
            expect(inMask).toBe(1);
          }
        }
      }
    }
    // ... and it does filter: a mask admits well under half of the edges.
    expect(passing).toBeGreaterThan(0);
    expect(admitted).toBeLessThan(0.25 * probes.length * 360);
  });

  it('the minutia grid finds the nearest free minutia that a scan of all minutiae finds', () => {
    const rnd = lcg(11);
    const C = prepareTemplate(print(rnd, 120));
    const pairC = Int32Array.from({ length: C.count }, () => (rnd() < 0.3 ? 1 : -1));
    const d2max = MatchParams.consolidationDistance ** 2;
    let found = 0;
    for (let q = 0; q < 3000; q++) {
      // Queries anywhere, also outside the print, and some exactly on a minutia.
      const onMinutia = q % 5 === 0 ? Math.floor(rnd() * C.count) : -1;
      const tx = onMinutia >= 0 ? C.x[onMinutia] : -60 + rnd() * 480;
      const ty = onMinutia >= 0 ? C.y[onMinutia] : -400 + rnd() * 460;
      const ta = onMinutia >= 0 ? C.angle[onMinutia] : rnd() * TWO_PI;
      let best = -1, bestD = d2max;
      for (let j = 0; j < C.count; j++) {
        if (pairC[j] >= 0) continue;
        const d2 = (C.x[j] - tx) ** 2 + (C.y[j] - ty) ** 2;
        if (d2 > bestD) continue;
        let da = Math.abs(C.angle[j] - ta) % TWO_PI;
        if (da > Math.PI) da = TWO_PI - da;
        if (da > MatchParams.consolidationAngle) continue;
        best = j;
        bestD = d2;
      }
      if (best >= 0) found++;
      expect(nearestFree(C, tx, ty, ta, pairC)).toBe(best);
    }
    expect(found).toBeGreaterThan(300);
  });

  it('consolidation breaks a distance tie for the higher index, as the scan of all minutiae did', () => {
    const m = (x: number, y: number) => ({ x, y, angle: 1, type: 'ending' as const, quality: 50 });
    // Minutiae 1 and 2 lie in different grid rows, 2 in the row the grid reads first.
    const C = prepareTemplate({ width: 388, height: 374, dpi: 500, quality: 60, minutiae: [m(40, 40), m(100, 100), m(100, 108), m(200, 200)] });
    // The template frame has y up: (100, 104) in the image is (100, -104).
    expect(nearestFree(C, 100, -104, 1, new Int32Array(4).fill(-1))).toBe(2);
    expect(nearestFree(C, 100, -104, 1, Int32Array.from([-1, -1, 0, -1]))).toBe(1);
  });

  it('scores with the growth pre-filter equal scores without it, bit for bit', () => {
    const rnd = lcg(3);
    const prints = Array.from({ length: 10 }, () => print(rnd, 30 + Math.floor(rnd() * 50)));
    // Every mask admits all of its minutia's edges.
    const unfiltered = (t: MatchTemplate): MatchTemplate => {
      const all = t.fromMask.map((_, q) => {
        const i = Math.floor(q / ANGLE_MASK_BINS);
        return (1 << (t.edgeStart[i + 1] - t.edgeStart[i])) - 1;
      });
      return { ...t, fromMask: all, atMask: all };
    };
    let matched = 0;
    for (let a = 0; a < prints.length; a++) {
      const probe = prepareTemplate(reimpress(rnd, prints[a]));
      for (let b = 0; b < prints.length; b++) {
        const C = prepareTemplate(prints[b]);
        const score = compareTemplates(probe, C);
        expect(score).toBe(compareTemplates(unfiltered(probe), unfiltered(C)));
        if (a === b && score > 20) matched++;
      }
    }
    // The genuine pairs do grow large pairings, so growth's paired-neighbour path is exercised too.
    expect(matched).toBeGreaterThan(5);
  });
});
