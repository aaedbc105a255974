import { describe, expect, it } from 'vitest';
import { previewQuality, FEEDBACK } from '../../../electron/scanners/quality/preview-quality';
import { SimImageFolder, DEFAULT_SIM_IMAGE_FOLDER } from '../../../electron/simulators/scanner/image-folder';
import { downscale, fingerPose, renderPose, type FingerBehaviour } from '../../../electron/simulators/scanner/finger-model';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';

// Real FVC2002 DB1_B prints rendered as the sensor would see them, downscaled like a preview (divisor 4).
const folder = new SimImageFolder(DEFAULT_SIM_IMAGE_FOLDER);
function preview(name: string, behaviour: FingerBehaviour, atMs: number) {
  const img = folder.byName(name);
  const pose = fingerPose(behaviour, FAST_TIMING, atMs, img.width, 1);
  return downscale(renderPose(img, pose), img.width, img.height, 4);
}
const SETTLED = 1000;

describe('live preview quality (cheap local measure)', () => {
  it('a settled, pressed, still finger is ok on most development prints', () => {
    const names = folder.names.filter((_, i) => i % 8 === 0); // impression 1 of each finger
    const ok = names.filter((n) => {
      const p = preview(n, 'cooperative', SETTLED);
      return previewQuality(p, p).ok;
    });
    expect(ok.length).toBeGreaterThanOrEqual(8);
    const q = previewQuality(preview('101_1.tif', 'cooperative', SETTLED), preview('101_1.tif', 'cooperative', SETTLED));
    expect(q).toMatchObject({ ok: true, feedback: FEEDBACK.good, issues: [] });
    expect(q.score).toBeGreaterThanOrEqual(80);
  });

  it('says "Finger too far left" when the print sits left of centre', () => {
    const q = previewQuality(preview('101_1.tif', 'stays-left', SETTLED));
    expect(q.ok).toBe(false);
    expect(q.feedback).toBe('Finger too far left — move it a little to the right');
    expect(q.offsetX).toBeLessThan(-0.16);
  });

  it('says "Press a little harder" for a faint print', () => {
    const q = previewQuality(preview('101_1.tif', 'too-light', SETTLED));
    expect(q.ok).toBe(false);
    expect(q.issues).toContain('too-light');
    expect(q.feedback).toBe('Press a little harder');
  });

  it('says "Hold still" while the finger slides in', () => {
    const a = preview('101_1.tif', 'cooperative', 80);
    const b = preview('101_1.tif', 'cooperative', 110);
    const q = previewQuality(b, a);
    expect(q.issues).toContain('moving');
    expect(q.ok).toBe(false);
    expect(previewQuality(b, b).issues).not.toContain('moving');
  });

  it('asks for the finger on an empty sensor, and the score is 0', () => {
    const q = previewQuality({ width: 97, height: 93, pixels: new Uint8Array(97 * 93).fill(255) });
    expect(q).toMatchObject({ score: 0, ok: false, issues: ['no-finger'], feedback: 'Place your finger on the scanner' });
  });

  it('is cheap: 300 previews of 97×93 in under 1.5 s (under 5 ms each, even on a loaded machine)', () => {
    const p = preview('101_1.tif', 'cooperative', SETTLED);
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) previewQuality(p, p);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
