import type { GrayImage } from '../biometrics/types';
import type { PreviewQuality } from './quality/preview-quality';

/** Where a fingerprint image came from; the audit journal records it as is. */
export type CaptureOrigin =
  | { source: 'scanner'; scannerId: string; scannerName: string; serial: string; simulated: boolean }
  | { source: 'file'; path: string; sha256: string };

export interface CaptureQuality {
  /** 0..100 from the cheap local measure on the final image. */
  local: number;
  /** 0..100 from the fingerprint engine, when one was given. */
  engine?: number;
  feedback: string;
}

/** One fingerprint image, new for every capture: `captureId` and `capturedAt` are never reused. */
export interface CapturedFingerprint {
  captureId: string;
  /** ISO 8601, when the image was taken (or the file read). */
  capturedAt: string;
  image: GrayImage;
  origin: CaptureOrigin;
  /** True when the image came from a simulated scanner: never an applicant's real finger. */
  simulated: boolean;
  quality: CaptureQuality;
  /** Taken because the previews were good for N frames (false: taken on request or from a file). */
  autoCaptured: boolean;
}

export type CaptureState = 'starting' | 'waiting-for-finger' | 'finger-present' | 'finger-lifted' | 'capturing' | 'done' | 'failed' | 'cancelled';

/** What the UI layer forwards to the renderer while a capture runs. */
export type CaptureEvent =
  | { type: 'state'; captureId: string; state: CaptureState }
  | {
      type: 'preview';
      captureId: string;
      /** Counts forwarded previews from 1. */
      seq: number;
      width: number;
      height: number;
      /** 8-bit gray, row-major, 0 = ridge; small (≤ 128 px wide). */
      pixels: Uint8Array;
      quality: Pick<PreviewQuality, 'score' | 'ok' | 'feedback' | 'issues'>;
      /** Consecutive good previews so far / needed for auto-capture. */
      goodFrames: number;
      goodFramesNeeded: number;
    }
  | { type: 'warning'; captureId: string; code: string; message: string };

/** Scores a full image with the fingerprint engine (0..100); injected so this layer stays engine-agnostic. */
export type EngineQuality = (image: GrayImage) => number | Promise<number>;
