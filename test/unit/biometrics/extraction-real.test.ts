/** Each extraction step on real FVC2002 images (read from ../shared, never copied into the repo). */
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../electron/biometrics/extract';
import { loadImageFile } from '../../../electron/biometrics/image/load-file';
import { scaledParameters } from '../../../electron/biometrics/parameters';
import type { TransparencySteps, TransparencyEvent } from '../../../electron/biometrics/transparency';
import { DB1, DB2, imagePath } from './fixtures';

type Steps = Partial<TransparencySteps>;

function run(db: { dir: string; dpi: number }, name: string): { steps: Steps; order: string[] } {
  const steps: Steps = {};
  const order: string[] = [];
  const image = loadImageFile(imagePath(db, name), { dpi: db.dpi });
  extractFeatures(image, {
    transparency: (e: TransparencyEvent) => {
      order.push(e.step);
      (steps as Record<string, unknown>)[e.step] = e.data;
    },
  });
  return { steps, order };
}

const cases = [
  ['DB1_B 101_1', DB1, '101_1'],
  ['DB1_B 106_4', DB1, '106_4'],
  ['DB2_B 101_1', DB2, '101_1'],
  ['DB2_B 108_6', DB2, '108_6'],
] as const;

describe.each(cases)('%s', (_label, db, name) => {
  const { steps, order } = run(db, name);
  const img = steps.image!;
  const n = img.width * img.height;
  const sp = scaledParameters(db.dpi);

  it('the transparency hook sees every step once, in pipeline order', () => {
    expect(order).toEqual(['image', 'normalized', 'orientation', 'segmentation', 'ridgePeriod', 'enhanced', 'binary', 'skeleton', 'repairedSkeleton', 'candidates', 'minutiae', 'features']);
  });

  it('segmentation: the centre is fingerprint, the top corners are background', () => {
    const m = steps.segmentation!.mask.data;
    const area = m.reduce((a, v) => a + v, 0) / n;
    expect(area).toBeGreaterThan(0.25);
    expect(area).toBeLessThan(0.95);
    // Only the top corners: DB2_B 108_6 runs off the bottom of the sensor, and those corners are finger.
    expect(m[0] + m[img.width - 1]).toBe(0);
    expect(steps.segmentation!.borderDistance.data[0]).toBe(0);
  });

  it('orientation: unit vectors, mostly coherent inside the mask', () => {
    const o = steps.orientation!;
    const mask = steps.segmentation!.mask.data;
    let coherent = 0, inside = 0, notUnit = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(Math.hypot(o.cos2[i], o.sin2[i]) - 1) > 1e-4) notUnit++;
      if (mask[i]) { inside++; if (o.coherence[i] > 0.3) coherent++; }
    }
    expect(notUnit).toBe(0);
    expect(coherent / inside).toBeGreaterThan(0.6);
  });

  it('ridge period: plausible everywhere (about 9 px at 500 dpi, scaled)', () => {
    const p = steps.ridgePeriod!.data;
    const mask = steps.segmentation!.mask.data;
    const inside: number[] = [];
    for (let i = 0; i < n; i++) if (mask[i]) inside.push(p[i]);
    inside.sort((a, b) => a - b);
    const median = inside[inside.length >> 1] / sp.scale;
    expect(median).toBeGreaterThan(6.5);
    expect(median).toBeLessThan(12);
  });

  it('enhancement and binarization stay in the mask, with ridges and valleys in similar shares', () => {
    const mask = steps.segmentation!.mask.data;
    const e = steps.enhanced!.data, b = steps.binary!.data;
    let ridge = 0, inside = 0, outside = 0;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) { if (e[i] !== 0 || b[i] !== 0) outside++; continue; }
      inside++;
      ridge += b[i];
    }
    expect(outside).toBe(0);
    expect(ridge / inside).toBeGreaterThan(0.3);
    expect(ridge / inside).toBeLessThan(0.7);
  });

  it('skeleton: a subset of the ridges, one pixel wide (no 2×2 block), repair only removes pixels', () => {
    const s = steps.skeleton!.data, r = steps.repairedSkeleton!.data, b = steps.binary!.data;
    const w = img.width;
    let notSubset = 0, blocks = 0, skeletonPixels = 0;
    for (let i = 0; i < n; i++) {
      if ((s[i] && !b[i]) || (r[i] && !s[i])) notSubset++;
      skeletonPixels += s[i];
    }
    for (let y = 0; y < img.height - 1; y++) for (let x = 0; x < w - 1; x++) {
      const i = y * w + x;
      if (s[i] && s[i + 1] && s[i + w] && s[i + w + 1]) blocks++;
    }
    expect(notSubset).toBe(0);
    expect(blocks).toBe(0);
    expect(skeletonPixels).toBeGreaterThan(1000);
  });

  it('minutiae: a plausible count, inside the mask away from its edge, valid fields', () => {
    const f = steps.features!;
    const cands = steps.candidates!;
    expect(f.minutiae.length).toBeGreaterThanOrEqual(12);
    expect(f.minutiae.length).toBeLessThanOrEqual(110);
    expect(f.minutiae.length).toBeLessThanOrEqual(cands.length);
    const dist = steps.segmentation!.borderDistance.data;
    for (const m of f.minutiae) {
      expect(dist[m.y * img.width + m.x]).toBeGreaterThanOrEqual(sp.px(sp.p.segmentation.borderMargin));
      expect(m.angle).toBeGreaterThanOrEqual(0);
      expect(m.angle).toBeLessThan(2 * Math.PI);
      expect(['ending', 'bifurcation']).toContain(m.type);
      expect(m.quality).toBeGreaterThanOrEqual(1);
      expect(m.quality).toBeLessThanOrEqual(100);
    }
    expect(f.quality).toBeGreaterThan(20);
    expect(f.quality).toBeLessThanOrEqual(100);
    expect([f.width, f.height, f.dpi]).toEqual([img.width, img.height, db.dpi]);
  });
});

describe('extraction is deterministic and the hook is optional', () => {
  it('same image, same features, with or without the hook', () => {
    const image = loadImageFile(imagePath(DB1, '103_2'));
    const a = extractFeatures(image);
    const b = extractFeatures(image, { transparency: () => undefined });
    expect(b).toEqual(a);
  });
});
