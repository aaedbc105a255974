import { randomUUID } from 'node:crypto';
import { StationError } from '../common/errors';
import type { CaptureEvent, CaptureState, CapturedFingerprint, EngineQuality } from './capture-types';
import type { CaptureRun, PreviewFrame, ScannerDriver, ScannerInfo } from './driver';
import { CaptureCancelled, CaptureTimeout, ScannerErrorCode } from './errors';
import { previewQuality, type PreviewImage } from './quality/preview-quality';
import { downscale } from './quality/downscale';

export interface CaptureSessionOptions {
  /** A fresh id chosen by the caller (so it can be announced before the device opens); default a new UUID. */
  captureId?: string;
  /** Give up (and cancel the device) after this long without a good image. */
  timeoutMs?: number;
  /** Consecutive good previews before the image is taken automatically. */
  goodFramesNeeded?: number;
  /** At most this many previews per second reach `onEvent` (the device is asked for the same). */
  previewMaxFps?: number;
  /** Previews at most this wide (the device downscales by an integer divisor). */
  previewMaxWidth?: number;
  engineQuality?: EngineQuality;
  onEvent?(event: CaptureEvent): void;
  /** Clock for tests. */
  now?(): number;
}

/** Extra time the overall timeout allows when it expires while the final image is being transferred. */
const TRANSFER_GRACE_MS = 3000;

export const CAPTURE_DEFAULTS = { timeoutMs: 20_000, goodFramesNeeded: 3, previewMaxFps: 10, previewMaxWidth: 128 } as const;

/**
 * One capture on an opened scanner: previews with plain-word feedback, auto-capture after N good frames,
 * timeout and cancel. Single use: every session has a fresh capture id, and its result is built only from
 * the image of its own driver run, so an earlier image can never come back as this one's.
 */
export class CaptureSession {
  readonly captureId: string;
  private run?: CaptureRun;
  private state: CaptureState = 'starting';
  private started = false;
  private cancelled = false;
  private timedOut = false;
  private goodFrames = 0;
  private seq = 0;
  private nextForwardAt = -Infinity;
  private previous?: PreviewImage;
  private taking = false;
  private readonly opts: Required<Omit<CaptureSessionOptions, 'engineQuality' | 'onEvent' | 'now' | 'captureId'>> & CaptureSessionOptions;

  constructor(private readonly driver: ScannerDriver, private readonly info: ScannerInfo, options: CaptureSessionOptions = {}) {
    this.opts = { ...CAPTURE_DEFAULTS, ...options };
    this.captureId = options.captureId ?? randomUUID();
  }

  get currentState(): CaptureState {
    return this.state;
  }

  /** Runs the capture to its end: the image, or a typed error (CaptureTimeout, CaptureCancelled, ScannerDisconnected, …). */
  async start(): Promise<CapturedFingerprint> {
    if (this.started) throw new StationError('CAPTURE_SESSION_USED', 'This capture has already run. Start a new capture.', { captureId: this.captureId });
    this.started = true;
    const o = this.opts;
    const now = o.now ?? Date.now;
    const intervalMs = Math.ceil(1000 / Math.min(10, Math.max(1, o.previewMaxFps)));
    const divisor = Math.min(16, Math.max(1, Math.ceil(this.info.width / o.previewMaxWidth)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      this.setState('waiting-for-finger');
      const run = this.driver.capture({
        previewDivisor: divisor,
        previewIntervalMs: intervalMs,
        onFinger: (present) => this.onFinger(present),
        onPreview: (f) => this.onPreview(f, now(), intervalMs),
        onWarning: (w) => this.onWarning(w),
      });
      this.run = run;
      if (this.cancelled) await run.cancel();
      const timeout = new Promise<never>((_, reject) => {
        let grace = 1;
        const fire = () => {
          // The image is already on its way: give the transfer its chance (the driver has its own watchdog).
          if (this.state === 'capturing' && grace-- > 0) {
            timer = setTimeout(fire, TRANSFER_GRACE_MS);
            return;
          }
          this.timedOut = true;
          void run.cancel();
          reject(new CaptureTimeout(this.captureId, o.timeoutMs));
        };
        timer = setTimeout(fire, o.timeoutMs);
      });
      const raw = await Promise.race([run.image, timeout]);
      const capturedAt = new Date(now()).toISOString();
      const image = { width: raw.width, height: raw.height, dpi: raw.dpi, pixels: raw.pixels };
      const local = previewQuality(downscale(image.pixels, image.width, image.height, divisor));
      const engine = o.engineQuality ? await o.engineQuality(image) : undefined;
      this.setState('done');
      return {
        captureId: this.captureId,
        capturedAt,
        image,
        origin: { source: 'scanner', scannerId: this.info.id, scannerName: this.info.name, serial: this.info.serial, simulated: this.info.simulated },
        simulated: this.info.simulated,
        quality: { local: local.score, ...(engine !== undefined ? { engine } : {}), feedback: local.feedback },
        autoCaptured: this.taking,
      };
    } catch (e) {
      const err = this.mapError(e);
      this.setState(err.code === ScannerErrorCode.CAPTURE_CANCELLED ? 'cancelled' : 'failed');
      throw err;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Stops the capture; `start()` rejects with CaptureCancelled. Safe to call at any time, more than once. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.run?.cancel();
  }

  private mapError(e: unknown): StationError {
    if (this.timedOut) return new CaptureTimeout(this.captureId, this.opts.timeoutMs);
    if (e instanceof StationError && e.code === ScannerErrorCode.CAPTURE_CANCELLED) return new CaptureCancelled(this.captureId);
    if (e instanceof StationError) return e;
    return new StationError('INTERNAL', 'The capture failed unexpectedly. Try again.', { captureId: this.captureId }, { cause: e });
  }

  private onWarning(w: StationError): void {
    if (w.details?.deviceError === 'NO_FINGER') {
      // The finger left just as we asked for the image: back to previews, auto-capture may fire again.
      this.taking = false;
      this.goodFrames = 0;
      this.setState('finger-lifted');
    }
    this.emit({ type: 'warning', captureId: this.captureId, code: w.code, message: w.message });
  }

  private onFinger(present: boolean): void {
    this.goodFrames = 0;
    this.previous = undefined;
    if (this.state !== 'capturing') this.setState(present ? 'finger-present' : 'finger-lifted');
  }

  private onPreview(f: PreviewFrame, at: number, intervalMs: number): void {
    if (this.state === 'capturing' || this.state === 'done') return;
    const q = previewQuality(f, this.previous);
    this.previous = f;
    this.goodFrames = q.ok ? this.goodFrames + 1 : 0;
    // Throttle what reaches the UI to ≤ 1 per interval on average (a slot schedule tolerates a device
    // whose frames jitter around the interval); quality still counts every frame the device sends.
    if (at >= this.nextForwardAt) {
      const slot = Number.isFinite(this.nextForwardAt) ? this.nextForwardAt : at;
      this.nextForwardAt = Math.max(slot + intervalMs, at + intervalMs / 2);
      this.emit({
        type: 'preview', captureId: this.captureId, seq: ++this.seq, width: f.width, height: f.height, pixels: f.pixels,
        quality: { score: q.score, ok: q.ok, feedback: q.feedback, issues: q.issues },
        goodFrames: this.goodFrames, goodFramesNeeded: this.opts.goodFramesNeeded,
      });
    }
    if (this.goodFrames >= this.opts.goodFramesNeeded && !this.taking && this.run) {
      this.taking = true;
      this.setState('capturing');
      this.run.takeImage().catch(() => undefined); // a failure surfaces through run.image
    }
  }

  private setState(state: CaptureState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit({ type: 'state', captureId: this.captureId, state });
  }

  private emit(e: CaptureEvent): void {
    try {
      this.opts.onEvent?.(e);
    } catch {
      // A broken UI listener must not break the capture.
    }
  }
}
