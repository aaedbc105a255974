import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, prepareTemplate, similarity, verify, verifyAny } from '../../../electron/biometrics/match';
import type { FingerprintFeatures, Minutia } from '../../../electron/biometrics/types';
import { InvalidInputError } from '../../../electron/common/errors';

/** Deterministic pseudo-random numbers so failures reproduce. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomPrint(rnd: () => number, n: number, dpi = 500): FingerprintFeatures {
  const minutiae: Minutia[] = [];
  for (let i = 0; i < n; i++) {
    minutiae.push({ x: 40 + rnd() * 300, y: 40 + rnd() * 300, angle: rnd() * 2 * Math.PI, type: rnd() < 0.5 ? 'ending' : 'bifurcation', quality: 60 });
  }
  return { width: 388, height: 374, dpi, minutiae, quality: 70 };
}

/** Another impression of the same finger: rotated, shifted, jittered, some minutiae lost, some spurious. */
function reimpress(rnd: () => number, f: FingerprintFeatures, rotation: number, shift: number, scale = 1): FingerprintFeatures {
  const c = Math.cos(rotation), s = Math.sin(rotation);
  const kept = f.minutiae.filter(() => rnd() > 0.2).map((m) => {
    const x = m.x - 194, y = -(m.y - 187);
    const nx = (c * x - s * y) * scale + shift + (rnd() - 0.5) * 6 * scale;
    const ny = (s * x + c * y) * scale - shift + (rnd() - 0.5) * 6 * scale;
    return { ...m, x: nx + 194 * scale, y: -ny + 187 * scale, angle: (m.angle + rotation + (rnd() - 0.5) * 0.2 + 4 * Math.PI) % (2 * Math.PI) };
  });
  for (let i = 0; i < 6; i++) kept.push({ x: 40 + rnd() * 300, y: 40 + rnd() * 300, angle: rnd() * 6.28, type: 'ending', quality: 30 });
  return { ...f, dpi: f.dpi * scale, width: Math.round(f.width * scale), height: Math.round(f.height * scale), minutiae: kept };
}

describe('1:1 matcher', () => {
  const rnd = lcg(42);
  const prints = Array.from({ length: 12 }, () => randomPrint(rnd, 40));

  it('matches a rotated, shifted, noisy re-impression and rejects every other print', () => {
    prints.forEach((p, k) => {
      const again = reimpress(rnd, p, (k % 2 ? 1 : -1) * 0.5, 25);
      expect(similarity(again, p)).toBeGreaterThan(DEFAULT_THRESHOLD);
      prints.forEach((other, j) => {
        if (j !== k) expect(similarity(again, other)).toBeLessThan(DEFAULT_THRESHOLD);
      });
    });
  });

  it('scales distances by resolution: the same finger scanned at 569 dpi still matches', () => {
    const hiRes = reimpress(rnd, prints[0], 0.2, 10, 569 / 500);
    expect(hiRes.dpi).toBeCloseTo(569);
    expect(similarity(hiRes, prints[0])).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('tolerates partial overlap: half of the print still matches', () => {
    const again = reimpress(rnd, prints[3], 0.3, 0);
    const half = { ...again, minutiae: again.minutiae.filter((m) => m.x < 200) };
    expect(similarity(half, prints[3])).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('returns score, threshold, decision and both qualities', () => {
    const r = verify(reimpress(rnd, prints[1], 0.1, 5), prints[1]);
    expect(r).toMatchObject({ threshold: DEFAULT_THRESHOLD, match: true, probeQuality: 70, candidateQuality: 70 });
    expect(r.score).toBeGreaterThanOrEqual(r.threshold);
    const no = verify(prints[1], prints[2]);
    expect(no.match).toBe(false);
    expect(no.score).toBeLessThan(no.threshold);
  });

  it('best-of-two: the enrolled finger that matches decides', () => {
    const probe = reimpress(rnd, prints[5], -0.2, 15);
    const alone = verifyAny(probe, [prints[6]]);
    const both = verifyAny(probe, [prints[6], prepareTemplate(prints[5])]);
    expect(alone.match).toBe(false);
    expect(both.match).toBe(true);
    expect(both.score).toBe(verify(probe, prints[5]).score);
    expect(() => verifyAny(probe, [])).toThrow(InvalidInputError);
  });

  it('scores prints with fewer than two minutiae as 0 instead of failing', () => {
    const empty = { ...prints[0], minutiae: prints[0].minutiae.slice(0, 1) };
    expect(similarity(empty, prints[0])).toBe(0);
  });

  it('is deterministic: the same pair gives the same score twice', () => {
    const a = prepareTemplate(reimpress(rnd, prints[7], 0.4, 20)), b = prepareTemplate(prints[7]);
    expect(similarity(a, b)).toBe(similarity(a, b));
  });
});
