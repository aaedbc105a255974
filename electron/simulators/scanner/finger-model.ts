import type { GrayImage } from '../../biometrics/types';

/**
 * How a simulated finger behaves on the sensor, as a function of time since START_CAPTURE. Realistic
 * enough to drive the capture session's feedback: the finger lands off-centre and lightly, slides in and
 * presses down while settling, then holds still; if nobody takes the image it lifts and comes back.
 */
export type FingerBehaviour =
  /** Lands, settles in the middle, holds. */
  | 'cooperative'
  /** Lands too far left and stays there (the session must keep saying so, then time out). */
  | 'stays-left'
  /** Touches too lightly and never presses. */
  | 'too-light'
  /** Never arrives. */
  | 'absent';

export interface FingerTiming {
  /** START_CAPTURE → finger touches the glass. */
  placeMs: number;
  /** Touch → centred and pressed down. */
  settleMs: number;
  /** Settled → lifts again when no image was taken. */
  holdMs: number;
  /** Lifted → placed again. */
  awayMs: number;
}

export interface FingerPose {
  present: boolean;
  /** Offset of the print in pixels of the full image (positive = right / down). */
  dx: number;
  dy: number;
  /** 0..1: how dark ridges come out (light touch → faint print). */
  pressure: number;
}

const ABSENT: FingerPose = { present: false, dx: 0, dy: 0, pressure: 0 };

/** Deterministic per-capture variation (a finger never lands the same way twice). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

export function fingerPose(behaviour: FingerBehaviour, t: FingerTiming, elapsedMs: number, width: number, seed: number): FingerPose {
  if (behaviour === 'absent' || elapsedMs < t.placeMs) return ABSENT;
  const cycle = t.settleMs + t.holdMs + t.awayMs;
  const inCycle = (elapsedMs - t.placeMs) % cycle;
  const cycleNo = Math.floor((elapsedMs - t.placeMs) / cycle);
  if (inCycle >= t.settleMs + t.holdMs) return ABSENT;
  const r = rng(seed * 7919 + cycleNo);
  const startDx = -(0.15 + 0.1 * r()) * width; // lands left of centre
  const startDy = (r() - 0.5) * 0.1 * width;
  if (behaviour === 'stays-left') return { present: true, dx: Math.round(startDx * 1.3), dy: Math.round(startDy), pressure: 0.95 };
  const k = Math.min(1, inCycle / Math.max(1, t.settleMs));
  const ease = k * k * (3 - 2 * k);
  const pressure = behaviour === 'too-light' ? 0.25 : 0.3 + 0.7 * ease;
  return { present: true, dx: Math.round(startDx * (1 - ease)), dy: Math.round(startDy * (1 - ease)), pressure };
}

/** The sensor image for a pose: the print shifted, faded by pressure, white where no finger touches. */
export function renderPose(src: GrayImage, pose: FingerPose): Uint8Array {
  const { width: w, height: h } = src;
  const out = new Uint8Array(w * h).fill(255);
  if (!pose.present) return out;
  const p = Math.max(0, Math.min(1, pose.pressure));
  for (let y = 0; y < h; y++) {
    const sy = y - pose.dy;
    if (sy < 0 || sy >= h) continue;
    for (let x = 0; x < w; x++) {
      const sx = x - pose.dx;
      if (sx < 0 || sx >= w) continue;
      out[y * w + x] = 255 - Math.round((255 - src.pixels[sy * w + sx]) * p);
    }
  }
  return out;
}

/** The device downscales previews the same way the host does. */
export { downscale } from '../../scanners/quality/downscale';
