/** The native addon against the TypeScript reference, and what happens when the addon is missing. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../../electron/common/errors';
import { extractFeatures } from '../../../electron/biometrics/extract';
import { loadImageFile } from '../../../electron/biometrics/image/load-file';
import { ADDON_ABI_VERSION, NATIVE_ADDON_UNAVAILABLE, kernelsFor, loadAddonFrom, loadNativeKernels } from '../../../electron/biometrics/native';
import { typescriptKernels, type ExtractionKernels } from '../../../electron/biometrics/extraction/kernels';
import { ridgePeriod } from '../../../electron/biometrics/extraction/frequency';
import { enhancementInput } from '../../../electron/biometrics/extraction/enhance';
import { scaledParameters } from '../../../electron/biometrics/parameters';
import { repairSkeleton } from '../../../electron/biometrics/extraction/skeleton-repair';
import { detectMinutiae } from '../../../electron/biometrics/extraction/minutiae';
import type { TransparencyEvent, TransparencySteps } from '../../../electron/biometrics/transparency';
import { DB1, DB2, imagePath } from './fixtures';

function unavailable(fn: () => unknown): StationError {
  try { fn(); } catch (e) {
    expect(e).toBeInstanceOf(StationError);
    expect((e as StationError).code).toBe(NATIVE_ADDON_UNAVAILABLE);
    expect((e as StationError).message).toMatch(/npm run build:native/);
    return e as StationError;
  }
  throw new Error('expected NATIVE_ADDON_UNAVAILABLE');
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && a[i] !== b[i]) diff++;
  return diff;
};

describe('native addon = TypeScript reference, exactly, on real images', () => {
  const native = loadNativeKernels();
  it.each([[DB1, '101_1'], [DB1, '104_5'], [DB1, '110_8'], [DB2, '102_3'], [DB2, '107_1'], [DB2, '109_7']])('%#: every kernel is bit-identical', (db, name) => {
    const image = loadImageFile(imagePath(db, name), { dpi: db.dpi });
    // The native pipeline's own intermediate results give each kernel its real input.
    const steps: Partial<TransparencySteps> = {};
    extractFeatures(image, { engine: 'native', transparency: (e: TransparencyEvent) => { (steps as Record<string, unknown>)[e.step] = e.data; } });
    const sp = scaledParameters(db.dpi);
    const input = { pixels: image.pixels, width: image.width, height: image.height, gradientRadius: sp.ipx(6), smoothingRadius: sp.ipx(10) };
    const rank = sp.ipx(sp.p.normalization.rankRadius);
    expect(sameBits(native.rankNormalize(image.pixels, image.width, image.height, rank), typescriptKernels.rankNormalize(image.pixels, image.width, image.height, rank))).toBe(0);
    const o1 = native.orientationField(input), o2 = typescriptKernels.orientationField(input);
    expect(sameBits(o1.cos2, o2.cos2) + sameBits(o1.sin2, o2.sin2) + sameBits(o1.coherence, o2.coherence)).toBe(0);
    const enhanceInput = enhancementInput(image, steps.orientation!, steps.ridgePeriod!, steps.segmentation!, sp);
    const binary = steps.binary!.data;
    expect(sameBits(native.enhance(enhanceInput), typescriptKernels.enhance(enhanceInput))).toBe(0);
    expect(sameBits(native.thin(binary, image.width, image.height), typescriptKernels.thin(binary, image.width, image.height))).toBe(0);
    const { width: w, height: h } = image;
    const mask = steps.segmentation!.mask.data;
    const block = sp.ipx(sp.p.segmentation.blockSize);
    expect(sameBits(native.segmentation.blockDeviation(image.pixels, w, h, block), typescriptKernels.segmentation.blockDeviation(image.pixels, w, h, block))).toBe(0);
    expect(sameBits(native.segmentation.distanceToBackground(mask, w, h), typescriptKernels.segmentation.distanceToBackground(mask, w, h))).toBe(0);
    const periods = (k: ExtractionKernels) => ridgePeriod(image, steps.orientation!, steps.segmentation!, sp, k.signatures).data;
    expect(sameBits(periods(native), periods(typescriptKernels))).toBe(0);
    const minArea = Math.round(sp.p.binarization.minComponentArea * sp.scale * sp.scale);
    expect(sameBits(native.binarize(steps.enhanced!.data, mask, w, h, minArea), typescriptKernels.binarize(steps.enhanced!.data, mask, w, h, minArea))).toBe(0);
  });

  // The heaviest unit test (two engines over 160 images): its own timeout, so a busy machine slows it, not fails it.
  it('rank normalisation, binarization, skeleton repair and minutia candidates on every DB1_B and DB2_B image', () => {
    let images = 0, candidates = 0;
    for (const db of [DB1, DB2]) {
      for (const file of readdirSync(db.dir).filter((f) => f.endsWith('.tif'))) {
        const image = loadImageFile(imagePath(db, file.slice(0, -4)), { dpi: db.dpi });
        const steps: Partial<TransparencySteps> = {};
        extractFeatures(image, { engine: 'native', transparency: (e: TransparencyEvent) => { (steps as Record<string, unknown>)[e.step] = e.data; } });
        const sp = scaledParameters(db.dpi);
        const rank = sp.ipx(sp.p.normalization.rankRadius);
        expect(sameBits(steps.normalized!.pixels, typescriptKernels.rankNormalize(image.pixels, image.width, image.height, rank))).toBe(0);
        const minArea = Math.round(sp.p.binarization.minComponentArea * sp.scale * sp.scale);
        const mask = steps.segmentation!.mask.data;
        expect(sameBits(steps.binary!.data, typescriptKernels.binarize(steps.enhanced!.data, mask, image.width, image.height, minArea))).toBe(0);
        const o = steps.orientation!;
        const r1 = repairSkeleton(steps.skeleton!, o, sp, native.skeleton), r2 = repairSkeleton(steps.skeleton!, o, sp, typescriptKernels.skeleton);
        expect(sameBits(r1.data, r2.data)).toBe(0);
        const c1 = detectMinutiae(r2, o, sp, native.skeleton);
        expect(c1).toEqual(detectMinutiae(r2, o, sp, typescriptKernels.skeleton));
        images++;
        candidates += c1.length;
      }
    }
    expect(images).toBe(160);
    expect(candidates).toBeGreaterThan(160 * 20);
  }, 120_000);

  it('whole pipeline: both engines give identical features', () => {
    for (const [db, name] of [[DB1, '105_2'], [DB2, '103_4']] as const) {
      const image = loadImageFile(imagePath(db, name), { dpi: db.dpi });
      expect(extractFeatures(image, { engine: 'native' })).toEqual(extractFeatures(image, { engine: 'typescript' }));
    }
  });

  it('refuses malformed kernel arguments with an exception, not a crash', () => {
    expect(() => native.thin(new Uint8Array(10), 100, 100)).toThrow(/too short/);
    expect(() => native.rankNormalize(new Uint8Array(100), 10, 10, 0)).toThrow(/radius/);
    expect(() => native.orientationField({ pixels: new Float32Array(100) as unknown as Uint8Array, width: 10, height: 10, gradientRadius: 2, smoothingRadius: 2 })).toThrow(/element type/);
  });
});

describe('missing or broken addon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-addon-'));

  it('a missing file is NATIVE_ADDON_UNAVAILABLE naming the path', () => {
    const e = unavailable(() => loadAddonFrom(join(dir, 'absent.node')));
    expect(e.details).toMatchObject({ path: join(dir, 'absent.node') });
  });

  it('a corrupt binary is NATIVE_ADDON_UNAVAILABLE, not a crash', () => {
    const path = join(dir, 'corrupt.node');
    writeFileSync(path, Buffer.from('\x7fELF this is not a shared object'));
    unavailable(() => loadAddonFrom(path));
  });

  it('an addon of another version is refused', () => {
    const path = join(dir, 'old-addon.cjs');
    writeFileSync(path, `module.exports = { abiVersion: ${ADDON_ABI_VERSION + 1} };`);
    const e = unavailable(() => loadAddonFrom(path));
    expect(e.details).toMatchObject({ expected: ADDON_ABI_VERSION });
  });

  it('the TypeScript engine never touches the addon', () => {
    expect(kernelsFor('typescript')).toBe(typescriptKernels);
  });
});
