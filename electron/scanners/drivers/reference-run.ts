import { StationError } from '../../common/errors';
import type { CaptureRequest, CaptureRun, PreviewFrame, RawCapture } from '../driver';
import { CaptureCancelled, CaptureTimeout, ScannerDeviceError, ScannerErrorCode, ScannerTimeout } from '../errors';
import type { DeviceReport, ImageBeginReport } from '../protocol/codec';
import type { HostReport } from '../protocol/codec';
import type { FrameKindName } from '../protocol/constants';
import { ImageReassembler } from '../protocol/reassembly';

export interface RunHost {
  scannerId: string;
  send(report: HostReport): Promise<void>;
  /** The device stays silent this long during a transfer or after TAKE_IMAGE → ScannerTimeout. */
  transferTimeoutMs: number;
  ended(run: ReferenceRun): void;
}

/**
 * One capture on a reference-protocol device. The driver routes to it only reports carrying its tag
 * (or chunks of a frame it began), so nothing from an earlier run can complete this one.
 */
export class ReferenceRun implements CaptureRun {
  readonly image: Promise<RawCapture>;
  private resolveImage!: (img: RawCapture) => void;
  private rejectImage!: (e: StationError) => void;
  private settled = false;
  private readonly reassembler = new ImageReassembler();
  private inFlight?: { frame: number; kind: FrameKindName };
  private awaitingFinal = false;
  private watchdog?: ReturnType<typeof setTimeout>;

  constructor(readonly tag: number, private readonly request: CaptureRequest, private readonly host: RunHost) {
    this.image = new Promise<RawCapture>((resolve, reject) => {
      this.resolveImage = resolve;
      this.rejectImage = reject;
    });
    // The caller may stop listening after cancel; a rejection nobody awaits must not crash the process.
    this.image.catch(() => undefined);
  }

  get done(): boolean {
    return this.settled;
  }

  async takeImage(): Promise<void> {
    if (this.settled) return;
    this.awaitingFinal = true;
    this.arm();
    await this.host.send({ type: 'TAKE_IMAGE', tag: this.tag });
  }

  async cancel(): Promise<void> {
    if (this.settled) return;
    this.fail(new CaptureCancelled(String(this.tag)));
    await this.host.send({ type: 'CANCEL', tag: this.tag }).catch(() => undefined);
  }

  fail(e: StationError): void {
    if (this.settled) return;
    this.settled = true;
    this.disarm();
    this.reassembler.reset();
    this.host.ended(this);
    this.rejectImage(e);
  }

  handle(r: DeviceReport): void {
    if (this.settled) return;
    try {
      this.dispatch(r);
    } catch (e) {
      this.frameFailed(e instanceof StationError ? e : new StationError(ScannerErrorCode.REPORT_MALFORMED, String(e)));
    }
  }

  private dispatch(r: DeviceReport): void {
    switch (r.type) {
      case 'STATUS':
        if (r.event === 'FINGER_PRESENT' || r.event === 'FINGER_LIFTED') this.request.onFinger?.(r.event === 'FINGER_PRESENT');
        else if (r.event === 'CANCELLED') this.fail(new CaptureCancelled(String(this.tag)));
        else if (r.event === 'CAPTURE_COMPLETE') this.fail(new StationError(ScannerErrorCode.CHUNK_MISSING, 'The scanner ended the capture without sending the image. Capture again.', { scannerId: this.host.scannerId }));
        return;
      case 'ERROR':
        this.deviceError(r.error);
        return;
      case 'IMAGE_BEGIN':
        this.begin(r);
        return;
      case 'IMAGE_CHUNK':
        this.arm();
        this.reassembler.chunk(r);
        return;
      case 'IMAGE_END': {
        const kind = this.inFlight?.kind;
        this.inFlight = undefined;
        const f = this.reassembler.end(r);
        if (kind === 'FINAL') this.succeed({ frame: f.frame, width: f.width, height: f.height, dpi: f.dpi, pixels: f.pixels });
        else {
          if (!this.awaitingFinal) this.disarm();
          const preview: PreviewFrame = { frame: f.frame, width: f.width, height: f.height, dpi: f.dpi, pixels: f.pixels };
          this.request.onPreview?.(preview);
        }
        return;
      }
      case 'DEVICE_INFO':
        return;
    }
  }

  private begin(b: ImageBeginReport): void {
    const previous = this.inFlight;
    this.inFlight = { frame: b.frame, kind: b.kind };
    this.arm();
    try {
      this.reassembler.begin(b);
    } catch (e) {
      // The previous frame lost its end. A lost preview costs nothing; the new frame is already begun.
      if (previous?.kind === 'PREVIEW' && e instanceof StationError && e.code === ScannerErrorCode.CHUNK_MISSING) {
        this.request.onWarning?.(e);
        return;
      }
      this.inFlight = undefined;
      throw e;
    }
  }

  /** A broken preview is dropped (the next replaces it); a broken final image fails the run. */
  private frameFailed(e: StationError): void {
    const kind = this.inFlight?.kind ?? (this.awaitingFinal ? 'FINAL' : 'PREVIEW');
    this.inFlight = undefined;
    this.reassembler.reset();
    if (kind === 'PREVIEW') {
      if (!this.awaitingFinal) this.disarm();
      this.request.onWarning?.(e);
      return;
    }
    this.fail(e);
  }

  private deviceError(error: string): void {
    const id = this.host.scannerId;
    switch (error) {
      case 'NO_FINGER':
        this.awaitingFinal = false;
        this.disarm();
        this.request.onWarning?.(new ScannerDeviceError(id, error, 'There is no finger on the scanner yet.'));
        return;
      case 'FINGER_TIMEOUT':
        this.fail(new CaptureTimeout(String(this.tag), (this.request.fingerTimeoutS ?? 0) * 1000));
        return;
      case 'BUSY':
        this.fail(new StationError(ScannerErrorCode.BUSY, 'The scanner is busy with another capture. Wait a moment and try again.', { scannerId: id }));
        return;
      case 'SENSOR_FAULT':
        this.fail(new ScannerDeviceError(id, error, 'The scanner reported a sensor fault. Clean the sensor glass and replug the scanner; if it repeats, the scanner needs service.'));
        return;
      default:
        this.fail(new ScannerDeviceError(id, error, `The scanner refused the request (${error}). Replug the scanner and try again.`));
    }
  }

  private succeed(img: RawCapture): void {
    if (this.settled) return;
    this.settled = true;
    this.disarm();
    this.host.ended(this);
    this.resolveImage(img);
  }

  private arm(): void {
    this.disarm();
    this.watchdog = setTimeout(() => {
      this.fail(new ScannerTimeout(this.host.scannerId, this.host.transferTimeoutMs, { tag: this.tag }));
      // A hung firmware's watchdog resets on CANCEL (docs/scanner-protocol.md); best effort.
      void this.host.send({ type: 'CANCEL', tag: this.tag }).catch(() => undefined);
    }, this.host.transferTimeoutMs);
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }
}
