/** Synthetic ridge patterns with known answers (period, direction, one minutia at a known place). */
import type { GrayImage } from '../../../electron/biometrics/types';

/** Straight sinusoidal ridges; `angle` is the ridge direction in image coordinates (y down), radians. */
export function stripes(width: number, height: number, period: number, angle: number, dpi = 500): GrayImage {
  const nx = -Math.sin(angle), ny = Math.cos(angle);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    pixels[y * width + x] = Math.round(128 + 100 * Math.cos((2 * Math.PI * (x * nx + y * ny)) / period));
  }
  return { width, height, pixels, dpi };
}

/**
 * Horizontal ridges with one phase dislocation at (cx, cy): the phase gains a full turn around that
 * point, so one side has one ridge more than the other and a single minutia sits there, the way
 * minutiae occur in real prints (neighbouring ridges close the gap smoothly). `invert` swaps ridges and
 * valleys, which turns an ending into a bifurcation at the same place. Unrotated, the minutia points
 * towards -x (180°); `rotation` (radians, image coordinates, y down) turns the pattern, and the
 * expected public angle (counter-clockwise, y up) becomes π − rotation.
 */
export function dislocation(width: number, height: number, period: number, cx: number, cy: number, opts: { invert?: boolean; dpi?: number; rotation?: number } = {}): GrayImage {
  const { invert = false, dpi = 500, rotation: r = 0 } = opts;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const u = (x - cx) * Math.cos(r) + (y - cy) * Math.sin(r);
    const v = -(x - cx) * Math.sin(r) + (y - cy) * Math.cos(r);
    const phase = (2 * Math.PI * v) / period + Math.atan2(v, u);
    pixels[y * width + x] = Math.round(128 + (invert ? -100 : 100) * Math.cos(phase));
  }
  return { width, height, pixels, dpi };
}
