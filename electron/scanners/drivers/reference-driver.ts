import { StationError } from '../../common/errors';
import type { CaptureRequest, CaptureRun, DriverContext, ScannerDriver, ScannerInfo } from '../driver';
import { ScannerDisconnected, ScannerErrorCode, ScannerTimeout, malformedReport } from '../errors';
import type { HidDeviceHandle } from '../hid/hid-port';
import { decodeDeviceReport, encodeReport, type DeviceInfoReport, type HostReport } from '../protocol/codec';
import { BITS_PER_PIXEL_GRAY8, PREVIEW_DIVISOR_MAX, PREVIEW_INTERVAL_MIN_MS, PROTOCOL_VERSION } from '../protocol/constants';
import { ReferenceRun } from './reference-run';

export interface ReferenceDriverOptions {
  /** Wait for DEVICE_INFO after GET_INFO. */
  commandTimeoutMs?: number;
  /** Longest silence between reports during a transfer (docs/scanner-protocol.md, "Timing"). */
  transferTimeoutMs?: number;
}

/** Driver for devices speaking docs/scanner-protocol.md version 1. */
export class ReferenceDriver implements ScannerDriver {
  readonly id: string;
  readonly simulated: boolean;
  private handle?: HidDeviceHandle;
  private infoValue?: ScannerInfo;
  private pendingInfo?: { resolve(r: DeviceInfoReport): void; reject(e: StationError): void };
  private run?: ReferenceRun;
  /** Which capture tag each recently begun frame number belongs to (chunks carry only the frame number). */
  private frameTags = new Map<number, number>();
  private gone?: StationError;
  private closing = false;
  private nextTag = (Math.floor(Math.random() * 0xffff) << 8) + 1;
  private readonly disconnectListeners = new Set<(e: StationError) => void>();
  private readonly commandTimeoutMs: number;
  private readonly transferTimeoutMs: number;

  constructor(private readonly ctx: DriverContext, opts: ReferenceDriverOptions = {}) {
    this.id = ctx.scanner.id;
    this.simulated = ctx.scanner.simulated;
    this.commandTimeoutMs = opts.commandTimeoutMs ?? 2000;
    this.transferTimeoutMs = opts.transferTimeoutMs ?? 2000;
  }

  async open(): Promise<ScannerInfo> {
    if (this.infoValue && this.handle) return this.infoValue;
    try {
      this.handle = await this.ctx.module.open(this.ctx.scanner.path);
    } catch (cause) {
      throw new ScannerDisconnected(this.id, { during: 'open', reason: cause instanceof Error ? cause.message : String(cause) }, { cause });
    }
    this.handle.on('data', (report) => this.onReport(report));
    this.handle.on('error', (err) => this.onGone(err));
    const info = await new Promise<DeviceInfoReport>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingInfo = undefined;
        reject(new ScannerTimeout(this.id, this.commandTimeoutMs, { during: 'GET_INFO' }));
      }, this.commandTimeoutMs);
      this.pendingInfo = {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.send({ type: 'GET_INFO', version: PROTOCOL_VERSION }).catch((e: StationError) => this.pendingInfo?.reject(e));
    }).catch(async (e: unknown) => {
      await this.close();
      throw e;
    });
    if (info.version !== PROTOCOL_VERSION || info.bitsPerPixel !== BITS_PER_PIXEL_GRAY8) {
      await this.close();
      throw new StationError(ScannerErrorCode.UNSUPPORTED_VERSION, `This scanner speaks protocol version ${info.version} with ${info.bitsPerPixel}-bit images; the station needs version ${PROTOCOL_VERSION}, 8-bit. Update the scanner firmware or the station.`, { scannerId: this.id, version: info.version, bitsPerPixel: info.bitsPerPixel });
    }
    const s = this.ctx.scanner;
    this.infoValue = {
      id: this.id, name: s.name, vendorId: s.vendorId, productId: s.productId, serial: info.serial || (s.serialNumber ?? ''),
      width: info.width, height: info.height, dpi: info.dpi, firmware: `${info.firmware.major}.${info.firmware.minor}`,
      // Either side saying "simulated" wins: a simulator must never pass as a sensor.
      simulated: s.simulated || info.simulated,
    };
    return this.infoValue;
  }

  info(): ScannerInfo {
    if (!this.infoValue) throw new StationError(ScannerErrorCode.NOT_OPEN, 'The scanner is not open yet. Open it before asking for its details.', { scannerId: this.id });
    return this.infoValue;
  }

  capture(request: CaptureRequest): CaptureRun {
    if (this.gone) throw this.gone;
    if (!this.handle || !this.infoValue) this.info();
    if (this.run && !this.run.done) throw new StationError(ScannerErrorCode.BUSY, 'A capture is already running on this scanner. Finish or cancel it first.', { scannerId: this.id });
    const divisor = request.previewDivisor;
    if (!Number.isInteger(divisor) || divisor < 0 || divisor > PREVIEW_DIVISOR_MAX) throw malformedReport(`preview divisor ${divisor} is not 0..${PREVIEW_DIVISOR_MAX}`);
    const tag = this.nextTag;
    this.nextTag = (this.nextTag % 0xfffffffe) + 1; // never 0, never reused within this connection
    const run = new ReferenceRun(tag, request, {
      scannerId: this.id,
      transferTimeoutMs: this.transferTimeoutMs,
      send: (r) => this.send(r),
      ended: (r) => {
        if (this.run === r) this.run = undefined;
      },
    });
    this.run = run;
    this.send({
      type: 'START_CAPTURE', tag, previewDivisor: divisor,
      previewIntervalMs: Math.max(PREVIEW_INTERVAL_MIN_MS, Math.round(request.previewIntervalMs)),
      fingerTimeoutS: request.fingerTimeoutS ?? 0,
    }).catch((e: StationError) => run.fail(e));
    return run;
  }

  onDisconnect(listener: (error: StationError) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    const h = this.handle;
    this.handle = undefined;
    this.run?.fail(new ScannerDisconnected(this.id, { during: 'close' }));
    if (h) {
      h.removeAllListeners('data');
      await h.close().catch(() => undefined);
      h.removeAllListeners('error');
    }
  }

  private async send(r: HostReport): Promise<void> {
    if (this.gone) throw this.gone;
    const h = this.handle;
    if (!h) throw new ScannerDisconnected(this.id, { during: r.type });
    try {
      await h.write(Buffer.from(encodeReport(r)));
    } catch (err) {
      // node-hid's write fails this way once the device is unplugged.
      this.onGone(err);
      const gone: StationError = this.gone ?? new ScannerDisconnected(this.id, { during: r.type });
      throw gone;
    }
  }

  private onReport(bytes: Uint8Array): void {
    let r;
    try {
      r = decodeDeviceReport(bytes);
    } catch (e) {
      this.run?.fail(e as StationError);
      return;
    }
    if (r.type === 'DEVICE_INFO') {
      const p = this.pendingInfo;
      this.pendingInfo = undefined;
      p?.resolve(r);
      return;
    }
    if (r.type === 'IMAGE_BEGIN') {
      this.frameTags.set(r.frame, r.tag);
      if (this.frameTags.size > 64) this.frameTags.delete(this.frameTags.keys().next().value!);
    }
    const run = this.run;
    if (!run) return;
    // Reports of earlier runs (late previews, a late image after cancel) are dropped here, so an old
    // image can never complete a new run.
    if ((r.type === 'STATUS' || r.type === 'ERROR' || r.type === 'IMAGE_BEGIN') && r.tag !== run.tag) return;
    if (r.type === 'IMAGE_CHUNK' || r.type === 'IMAGE_END') {
      const tag = this.frameTags.get(r.frame);
      if (tag !== undefined && tag !== run.tag) return;
    }
    // A chunk of a frame nobody began reaches the run, whose reassembler calls it out of order.
    run.handle(r);
  }

  private onGone(err: unknown): void {
    if (this.gone || this.closing) return;
    this.gone = new ScannerDisconnected(this.id, { reason: err instanceof Error ? err.message : String(err) });
    this.pendingInfo?.reject(this.gone);
    this.pendingInfo = undefined;
    this.run?.fail(this.gone);
    const h = this.handle;
    this.handle = undefined;
    h?.removeAllListeners('data');
    void h?.close().catch(() => undefined);
    for (const l of this.disconnectListeners) l(this.gone);
  }
}
