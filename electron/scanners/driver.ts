import type { StationError } from '../common/errors';
import type { HidDeviceDescriptor, HidModule } from './hid/hid-port';

/**
 * The driver seam. A scanner family gets one class implementing `ScannerDriver`; it talks to its device
 * only through `HidModule`/`HidDeviceHandle` (hid/hid-port.ts) and is listed in drivers/table.ts.
 * Contract for every driver:
 * - errors are the typed errors of errors.ts (ScannerDisconnected on unplug, ScannerTimeout when the device
 *   goes silent, SCANNER_CHUNK_* / SCANNER_IMAGE_CORRUPT for a broken transfer, CaptureCancelled, CaptureTimeout);
 * - `CaptureRun.image` resolves only with an image produced for that run, never one from an earlier run.
 */

export interface ScannerInfo {
  id: string;
  name: string;
  vendorId: number;
  productId: number;
  serial: string;
  width: number;
  height: number;
  /** Pixels per inch. */
  dpi: number;
  firmware: string;
  /** A simulator, never a real sensor: the UI, the CLI and the audit journal say so. */
  simulated: boolean;
}

/** A downscaled live image while the finger is on the sensor. 8-bit gray, 0 = ridge. */
export interface PreviewFrame {
  frame: number;
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array;
}

/** The full-resolution image of one run. */
export interface RawCapture {
  frame: number;
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array;
}

export interface CaptureRequest {
  /** Downscale factor per axis for previews (1..16); 0 = no previews. */
  previewDivisor: number;
  /** Minimum time between previews, ≥ 100 ms. */
  previewIntervalMs: number;
  /** Device-side limit for a finger to arrive, seconds; 0 = none (the session keeps its own timeout). */
  fingerTimeoutS?: number;
  onFinger?(present: boolean): void;
  onPreview?(frame: PreviewFrame): void;
  /** Non-fatal problems (a dropped preview frame, TAKE_IMAGE with no finger). */
  onWarning?(warning: StationError): void;
}

export interface CaptureRun {
  /** Resolves with this run's final image; rejects with a typed error. Settles exactly once. */
  readonly image: Promise<RawCapture>;
  /** Ask the device for the final image now (the host judged the preview good enough). */
  takeImage(): Promise<void>;
  /** Ends the run at once: `image` rejects with CaptureCancelled; later reports of the run are ignored. */
  cancel(): Promise<void>;
}

export interface ScannerDriver {
  readonly id: string;
  readonly simulated: boolean;
  /** Opens the device and reads its info. */
  open(): Promise<ScannerInfo>;
  /** The info read by `open`. */
  info(): ScannerInfo;
  /** Starts a capture; throws SCANNER_BUSY when one is running. */
  capture(request: CaptureRequest): CaptureRun;
  /** Called once when the device goes away (unplug, read error). */
  onDisconnect(listener: (error: StationError) => void): () => void;
  close(): Promise<void>;
}

/** What discovery found: a HID device that a driver table entry claims. */
export interface DiscoveredScanner {
  /** Stable id while plugged in: `hid:` or `sim:` + vendor:product + serial or path. */
  id: string;
  name: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  serialNumber?: string;
  path: string;
  simulated: boolean;
  driverName: string;
}

export interface DriverContext {
  scanner: DiscoveredScanner;
  descriptor: HidDeviceDescriptor;
  module: HidModule;
}
