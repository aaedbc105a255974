import { EventEmitter } from 'node:events';
import type { HidDeviceHandle } from '../../scanners/hid/hid-port';
import { decodeHostReport, encodeReport, type DeviceReport, type HostReport } from '../../scanners/protocol/codec';
import { frameToReports } from '../../scanners/protocol/chunking';
import { DeviceErrorCode, PREVIEW_DIVISOR_MAX, PREVIEW_INTERVAL_MIN_MS, PROTOCOL_VERSION, ReportId, type DeviceErrorName } from '../../scanners/protocol/constants';
import { faultMatches, type SimFault } from './faults';
import { downscale, fingerPose, renderPose, type FingerBehaviour, type FingerPose, type FingerTiming } from './finger-model';
import type { SimImage } from './image-folder';

export interface SimTiming extends FingerTiming {
  /** Reports sent per burst and the pause between bursts: full-speed HID moves one 64-byte report per ms. */
  reportsPerBurst: number;
  burstIntervalMs: number;
}

/** A real full-speed HID scanner: ~2.5 s for a 388×374 image. */
export const REALISTIC_TIMING: SimTiming = { placeMs: 700, settleMs: 900, holdMs: 5000, awayMs: 1200, reportsPerBurst: 16, burstIntervalMs: 16 };
/** For tests: same sequence of events, ~50× faster. */
export const FAST_TIMING: SimTiming = { placeMs: 30, settleMs: 120, holdMs: 3000, awayMs: 100, reportsPerBurst: 512, burstIntervalMs: 1 };

export interface SimDeviceConfig {
  serial: string;
  firmware: { major: number; minor: number };
  timing: SimTiming;
  behaviour: FingerBehaviour;
  /** Which image the next capture shows (called with the capture count). */
  nextImage(captureNo: number): SimImage;
}

interface Capture {
  tag: number;
  divisor: number;
  intervalMs: number;
  startedAt: number;
  fingerTimeoutS: number;
  image: SimImage;
  seed: number;
  frame: number;
  present: boolean;
  everPresent: boolean;
  ticker?: ReturnType<typeof setInterval>;
}

/**
 * A fake node-hid device (same surface as node-hid's HIDAsync) whose firmware speaks
 * docs/scanner-protocol.md. Output goes through a paced queue so timing and mid-transfer faults are real.
 */
export class SimulatedScannerDevice extends EventEmitter implements HidDeviceHandle {
  /** Reports waiting to go out; a marker stands where a fault pulls the plug or hangs the firmware. */
  private queue: (Uint8Array | 'unplug' | 'hang')[] = [];
  private pump?: ReturnType<typeof setTimeout>;
  private capture?: Capture;
  private captureCount = 0;
  private faults: SimFault[] = [];
  private hung = false;
  private closed = false;
  private unplugged = false;
  /** The image the last FINAL frame showed (tests compare against it). */
  lastFinal?: { tag: number; name: string; pixels: Uint8Array };

  constructor(private readonly cfg: SimDeviceConfig, private readonly width: number, private readonly height: number, private readonly dpi: number, private readonly onUnplug: () => void) {
    super();
  }

  injectFault(f: SimFault): void {
    this.faults.push(f);
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.unplugged || this.closed) throw new Error('Cannot write to hid device');
    const bytes = Uint8Array.from(values);
    let r: HostReport;
    try {
      r = decodeHostReport(bytes);
    } catch {
      this.send({ type: 'ERROR', tag: 0, error: 'UNKNOWN_COMMAND', code: DeviceErrorCode.UNKNOWN_COMMAND, causeReportId: bytes[0] ?? 0 });
      return bytes.length;
    }
    // Commands run in arrival order; a hung firmware ignores everything but CANCEL (its watchdog resets it).
    setImmediate(() => {
      if (this.hung && r.type !== 'CANCEL') return;
      this.command(r);
    });
    return bytes.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopCapture();
    this.queue = [];
    if (this.pump) clearTimeout(this.pump);
    this.pump = undefined;
    this.removeAllListeners('data');
  }

  /** Pull the plug now: reads fail (node-hid emits 'error'), writes throw, the device leaves the list. */
  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.stopCapture();
    this.queue = [];
    if (this.pump) clearTimeout(this.pump);
    this.onUnplug();
    if (!this.closed) this.emit('error', new Error('could not read data from device'));
  }

  private command(r: HostReport): void {
    if (this.closed || this.unplugged) return;
    switch (r.type) {
      case 'GET_INFO':
        if (r.version !== PROTOCOL_VERSION) return this.error(0, 'UNSUPPORTED_VERSION', ReportId.GET_INFO);
        return this.send({ type: 'DEVICE_INFO', version: PROTOCOL_VERSION, width: this.width, height: this.height, dpi: this.dpi, bitsPerPixel: 8, simulated: true, firmware: this.cfg.firmware, serial: this.cfg.serial });
      case 'START_CAPTURE':
        return this.start(r);
      case 'TAKE_IMAGE':
        return this.take(r.tag);
      case 'CANCEL': {
        const c = this.capture;
        this.hung = false;
        if (!c || c.tag !== r.tag) return this.error(r.tag, 'NO_CAPTURE', ReportId.CANCEL);
        this.stopCapture();
        this.queue = [];
        return this.send({ type: 'STATUS', tag: r.tag, event: 'CANCELLED' });
      }
    }
  }

  private start(r: Extract<HostReport, { type: 'START_CAPTURE' }>): void {
    if (this.capture) return this.error(r.tag, 'BUSY', ReportId.START_CAPTURE);
    if (r.tag === 0 || r.previewDivisor > PREVIEW_DIVISOR_MAX || r.previewIntervalMs < PREVIEW_INTERVAL_MIN_MS) return this.error(r.tag, 'BAD_PARAMETER', ReportId.START_CAPTURE);
    const captureNo = this.captureCount++;
    const c: Capture = {
      tag: r.tag, divisor: r.previewDivisor, intervalMs: r.previewIntervalMs, fingerTimeoutS: r.fingerTimeoutS,
      startedAt: Date.now(), image: this.cfg.nextImage(captureNo), seed: captureNo + 1, frame: 0, present: false, everPresent: false,
    };
    this.capture = c;
    this.send({ type: 'STATUS', tag: c.tag, event: 'WAITING_FOR_FINGER' });
    // Sample the finger often enough to see it land, preview no faster than asked.
    let lastPreview = -Infinity;
    c.ticker = setInterval(() => {
      const now = Date.now();
      const pose = this.pose(c, now);
      if (pose.present !== c.present) {
        c.present = pose.present;
        c.everPresent ||= pose.present;
        this.send({ type: 'STATUS', tag: c.tag, event: pose.present ? 'FINGER_PRESENT' : 'FINGER_LIFTED' });
      }
      if (!pose.present && c.fingerTimeoutS > 0 && now - c.startedAt > c.fingerTimeoutS * 1000 && !c.everPresent) {
        this.stopCapture();
        return this.error(c.tag, 'FINGER_TIMEOUT', 0);
      }
      // One frame in flight at a time: a preview waits until the queue has drained.
      if (pose.present && c.divisor > 0 && now - lastPreview >= c.intervalMs && this.queue.length === 0 && !this.hung) {
        lastPreview = now;
        const full = renderPose(c.image, pose);
        const small = downscale(full, c.image.width, c.image.height, c.divisor);
        this.sendFrame(c, 'PREVIEW', small.width, small.height, Math.round(c.image.dpi / c.divisor), small.pixels);
      }
    }, Math.min(20, Math.max(2, Math.floor(this.cfg.timing.placeMs / 4))));
  }

  private take(tag: number): void {
    const c = this.capture;
    if (!c || c.tag !== tag) return this.error(tag, 'NO_CAPTURE', ReportId.TAKE_IMAGE);
    const pose = this.pose(c, Date.now());
    if (!pose.present) return this.error(tag, 'NO_FINGER', ReportId.TAKE_IMAGE);
    this.stopCapture();
    // A preview still in the queue finishes first: one frame in flight at a time.
    const pixels = renderPose(c.image, pose);
    this.lastFinal = { tag, name: c.image.name, pixels };
    this.sendFrame(c, 'FINAL', c.image.width, c.image.height, c.image.dpi, pixels);
    if (!this.hung && !this.unplugged) this.send({ type: 'STATUS', tag, event: 'CAPTURE_COMPLETE' });
  }

  private pose(c: Capture, now: number): FingerPose {
    return fingerPose(this.cfg.behaviour, this.cfg.timing, now - c.startedAt, c.image.width, c.seed);
  }

  private sendFrame(c: Capture, kind: 'PREVIEW' | 'FINAL', width: number, height: number, dpi: number, pixels: Uint8Array): void {
    const reports = frameToReports({ tag: c.tag, frame: c.frame++ & 0xffff, kind, width, height, dpi, pixels });
    const encoded: (Uint8Array | 'unplug' | 'hang')[] = reports.map((r) => encodeReport(r));
    const i = this.faults.findIndex((f) => faultMatches(f, kind));
    if (i >= 0) {
      const f = this.faults.splice(i, 1)[0];
      const chunks = reports.length - 2;
      const at = (n: number | undefined, dflt: number) => 1 + Math.max(0, Math.min(chunks - 1, n ?? dflt));
      switch (f.kind) {
        case 'corrupt-chunk': {
          const k = at(f.chunk, Math.floor(chunks / 2));
          const bad = (encoded[k] as Uint8Array).slice();
          bad[6 + 3] ^= 0x20; // inside the data; the CRC in IMAGE_END stays that of the true image
          encoded[k] = bad;
          break;
        }
        case 'drop-chunk':
          encoded.splice(at(f.chunk, Math.floor(chunks / 2)), 1);
          break;
        case 'swap-chunks': {
          const k = Math.min(at(f.chunk, Math.floor(chunks / 2)), chunks - 1);
          [encoded[k], encoded[k + 1]] = [encoded[k + 1], encoded[k]];
          break;
        }
        case 'unplug':
          encoded.splice(at(f.afterChunks, Math.floor(chunks / 3)), Infinity, 'unplug');
          break;
        case 'timeout':
          encoded.splice(at(f.afterChunks, Math.floor(chunks / 3)), Infinity, 'hang');
          break;
      }
    }
    for (const e of encoded) this.enqueue(e);
  }

  private send(r: DeviceReport): void {
    this.enqueue(encodeReport(r));
  }

  private error(tag: number, error: DeviceErrorName, cause: number): void {
    this.send({ type: 'ERROR', tag, error, code: DeviceErrorCode[error], causeReportId: cause });
  }

  private enqueue(item: Uint8Array | 'unplug' | 'hang'): void {
    if (this.unplugged || this.closed || this.hung) return;
    this.queue.push(item);
    this.pump ??= setTimeout(() => this.drain(), 0);
  }

  private drain(): void {
    this.pump = undefined;
    const t = this.cfg.timing;
    for (let n = 0; n < t.reportsPerBurst && this.queue.length > 0; n++) {
      if (this.closed || this.unplugged) return;
      const next = this.queue.shift()!;
      if (typeof next === 'string') {
        if (next === 'unplug') return this.unplug();
        this.hung = true;
        this.queue = [];
        this.stopCapture();
        return;
      }
      this.emit('data', Buffer.from(next));
    }
    if (this.queue.length > 0) this.pump = setTimeout(() => this.drain(), t.burstIntervalMs);
  }

  private stopCapture(): void {
    const c = this.capture;
    if (c?.ticker) clearInterval(c.ticker);
    this.capture = undefined;
  }
}
