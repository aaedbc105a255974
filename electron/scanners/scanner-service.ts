import { randomUUID } from 'node:crypto';
import { StationError, toErrorShape, type StationErrorShape } from '../common/errors';
import type { GrayImage, Minutia } from '../biometrics/types';
import { CaptureSession, type CaptureSessionOptions } from './capture-session';
import type { CaptureEvent, CaptureOrigin, CaptureQuality, CaptureState, CapturedFingerprint } from './capture-types';
import type { ScannerDiscovery } from './discovery';
import type { DiscoveredScanner } from './driver';
import { ScannerErrorCode } from './errors';
import { FileCaptureSource, type FileCaptureOptions } from './file-capture-source';

/** What the Devices page shows per scanner. */
export interface ScannerStatus {
  id: string;
  name: string;
  vendorId: number;
  productId: number;
  serial?: string;
  simulated: boolean;
  state: 'ready' | 'capturing';
  captureId?: string;
}

/**
 * The fingerprint engine, injected by the composition root (the scanner layer does not depend on it).
 * Asynchronous only: extraction takes tens of milliseconds and must not hold up hot-plug and IPC.
 */
export interface FingerprintAnalyzer {
  analyze(image: GrayImage): Promise<{ quality: number; minutiae: readonly Minutia[] }>;
}

/** JSON-safe capture events, ready to forward over IPC / the browser-mode socket. */
export type ScannerServiceEvent =
  | { type: 'scanners-changed'; scanners: ScannerStatus[] }
  | { type: 'capture-state'; captureId: string; scannerId: string; state: CaptureState }
  | {
      type: 'capture-preview';
      captureId: string;
      scannerId: string;
      seq: number;
      width: number;
      height: number;
      /** 8-bit gray, row-major, 0 = ridge, base64. */
      pixelsBase64: string;
      quality: { score: number; ok: boolean; feedback: string; issues: string[] };
      goodFrames: number;
      goodFramesNeeded: number;
    }
  | { type: 'capture-warning'; captureId: string; scannerId: string; code: string; message: string }
  | { type: 'capture-finished'; captureId: string; scannerId: string; result?: TestCaptureResult; error?: StationErrorShape };

/** The outcome of a test capture as the Devices page shows it: the image, its quality and minutiae. */
export interface TestCaptureResult {
  captureId: string;
  capturedAt: string;
  origin: CaptureOrigin;
  simulated: boolean;
  autoCaptured: boolean;
  quality: CaptureQuality;
  image: { width: number; height: number; dpi: number; pixelsBase64: string };
  /** From the engine when one is wired; empty otherwise. */
  minutiae: readonly Minutia[];
}

export interface ScannerServiceOptions {
  discovery: ScannerDiscovery;
  analyzer?: FingerprintAnalyzer;
  /** Defaults for every capture (timeout, N good frames, preview rate). */
  capture?: Omit<CaptureSessionOptions, 'onEvent' | 'captureId' | 'engineQuality'>;
}

interface Active {
  scannerId: string;
  session?: CaptureSession;
  cancelled: boolean;
}

const b64 = (px: Uint8Array) => Buffer.from(px.buffer, px.byteOffset, px.byteLength).toString('base64');

/**
 * Scanners for the rest of the station (IPC handlers, issuance): list with status, hot-plug events,
 * captures with previews, test captures, cancel, image files as a source. Plain Node, no Electron.
 */
export class ScannerService {
  private readonly discovery: ScannerDiscovery;
  private readonly analyzer?: FingerprintAnalyzer;
  private readonly captureDefaults: ScannerServiceOptions['capture'];
  private readonly listeners = new Set<(e: ScannerServiceEvent) => void>();
  private readonly active = new Map<string, Active>();
  private readonly files: FileCaptureSource;
  private offDiscovery?: () => void;

  constructor(opts: ScannerServiceOptions) {
    this.discovery = opts.discovery;
    this.analyzer = opts.analyzer;
    this.captureDefaults = opts.capture;
    this.files = new FileCaptureSource(this.engineQuality());
  }

  /** First enumeration, then follow plug/unplug. */
  async start(): Promise<ScannerStatus[]> {
    this.offDiscovery ??= this.discovery.onChange(() => this.emitScanners());
    await this.discovery.refresh();
    this.discovery.start();
    return this.list();
  }

  /** Stops polling and cancels running captures. */
  async stop(): Promise<void> {
    this.discovery.stop();
    this.offDiscovery?.();
    this.offDiscovery = undefined;
    await Promise.all([...this.active.keys()].map((id) => this.cancelCapture(id)));
  }

  on(listener: (e: ScannerServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): ScannerStatus[] {
    return this.discovery.list().map((s) => this.status(s));
  }

  /** Poll now (the Devices page "refresh" button); hot-plug works without it. */
  async refresh(): Promise<ScannerStatus[]> {
    await this.discovery.refresh();
    return this.list();
  }

  /**
   * Starts a test capture and returns at once with its id; progress and the result arrive as
   * `capture-*` events (the last one is `capture-finished`, with `result` or `error`).
   */
  startTestCapture(scannerId: string, opts: { timeoutMs?: number } = {}): { captureId: string } {
    const captureId = this.reserve(scannerId);
    void this.runCapture(scannerId, captureId, opts.timeoutMs, false).then(
      async (fp) => {
        const analysis = this.analyzer ? await this.analyzer.analyze(fp.image) : undefined;
        const result: TestCaptureResult = {
          captureId: fp.captureId, capturedAt: fp.capturedAt, origin: fp.origin, simulated: fp.simulated, autoCaptured: fp.autoCaptured,
          quality: analysis ? { ...fp.quality, engine: analysis.quality } : fp.quality,
          image: { width: fp.image.width, height: fp.image.height, dpi: fp.image.dpi, pixelsBase64: b64(fp.image.pixels) },
          minutiae: analysis?.minutiae ?? [],
        };
        this.emit({ type: 'capture-finished', captureId, scannerId, result });
      },
      (e: unknown) => this.emit({ type: 'capture-finished', captureId, scannerId, error: toErrorShape(e) }),
    ).catch((e: unknown) => this.emit({ type: 'capture-finished', captureId, scannerId, error: toErrorShape(e) }));
    return { captureId };
  }

  /** A capture for a workflow (enrolment, release): resolves with the image, rejects with a typed error. Events as for test captures. */
  async capture(scannerId: string, opts: { timeoutMs?: number } = {}): Promise<CapturedFingerprint> {
    const captureId = this.reserve(scannerId);
    return this.runCapture(scannerId, captureId, opts.timeoutMs, true);
  }

  /** Cancels a running capture; false when there is none with that id. */
  async cancelCapture(captureId: string): Promise<boolean> {
    const a = this.active.get(captureId);
    if (!a) return false;
    a.cancelled = true;
    await a.session?.cancel();
    return true;
  }

  /** An image file as the capture source; the origin records path and SHA-256 for the audit journal. */
  captureFromFile(path: string, opts: FileCaptureOptions = {}): Promise<CapturedFingerprint> {
    return this.files.capture(path, opts);
  }

  private reserve(scannerId: string): string {
    if (!this.discovery.get(scannerId)) {
      throw new StationError(ScannerErrorCode.NOT_FOUND, 'That fingerprint scanner is not connected. Plug it in and wait until it shows in the list.', { scannerId });
    }
    if ([...this.active.values()].some((a) => a.scannerId === scannerId)) {
      throw new StationError(ScannerErrorCode.BUSY, 'A capture is already running on this scanner. Finish or cancel it first.', { scannerId });
    }
    const captureId = randomUUID();
    this.active.set(captureId, { scannerId, cancelled: false });
    this.emitScanners();
    return captureId;
  }

  private async runCapture(scannerId: string, captureId: string, timeoutMs: number | undefined, withEngine: boolean): Promise<CapturedFingerprint> {
    const a = this.active.get(captureId)!;
    const driver = this.discovery.createDriver(scannerId);
    try {
      if (!driver) throw new StationError(ScannerErrorCode.NOT_FOUND, 'That fingerprint scanner was unplugged. Plug it in and try again.', { scannerId });
      const info = await driver.open();
      const session = new CaptureSession(driver, info, {
        ...this.captureDefaults,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        captureId,
        engineQuality: withEngine ? this.engineQuality() : undefined,
        onEvent: (e) => this.forward(scannerId, e),
      });
      a.session = session;
      if (a.cancelled) void session.cancel();
      return await session.start();
    } finally {
      await driver?.close();
      this.active.delete(captureId);
      this.emitScanners();
    }
  }

  private engineQuality() {
    const analyzer = this.analyzer;
    return analyzer ? async (img: GrayImage) => (await analyzer.analyze(img)).quality : undefined;
  }

  private forward(scannerId: string, e: CaptureEvent): void {
    switch (e.type) {
      case 'state':
        return this.emit({ type: 'capture-state', captureId: e.captureId, scannerId, state: e.state });
      case 'warning':
        return this.emit({ type: 'capture-warning', captureId: e.captureId, scannerId, code: e.code, message: e.message });
      case 'preview':
        return this.emit({
          type: 'capture-preview', captureId: e.captureId, scannerId, seq: e.seq, width: e.width, height: e.height,
          pixelsBase64: b64(e.pixels), quality: { ...e.quality, issues: [...e.quality.issues] }, goodFrames: e.goodFrames, goodFramesNeeded: e.goodFramesNeeded,
        });
    }
  }

  private status(s: DiscoveredScanner): ScannerStatus {
    const running = [...this.active].find(([, a]) => a.scannerId === s.id);
    return {
      id: s.id, name: s.name, vendorId: s.vendorId, productId: s.productId, ...(s.serialNumber ? { serial: s.serialNumber } : {}),
      simulated: s.simulated, state: running ? 'capturing' : 'ready', ...(running ? { captureId: running[0] } : {}),
    };
  }

  private emitScanners(): void {
    this.emit({ type: 'scanners-changed', scanners: this.list() });
  }

  private emit(e: ScannerServiceEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // One broken listener must not stop the others or the capture.
      }
    }
  }
}
