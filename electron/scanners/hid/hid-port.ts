/**
 * The one seam between the scanner code and node-hid. Everything above it (discovery, drivers, sessions)
 * sees only these interfaces, so tests and the simulator inject a fake device and no USB scanner is needed.
 * The shapes mirror node-hid 3's `devicesAsync()` and `HIDAsync` (the subset we use).
 */

/** One HID interface as node-hid enumerates it (a device with several top-level collections appears several times). */
export interface HidDeviceDescriptor {
  /** OS path (hidraw node on Linux); what `open` takes. */
  path: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  interface?: number;
}

/** An open HID device: node-hid's `HIDAsync`, or the simulator's fake with the same surface. */
export interface HidDeviceHandle {
  /** 'data': one input report, report id at byte 0. 'error': read failed — on a real device this is how an unplug shows. */
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  /** One output report, report id at byte 0. */
  write(report: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

/** Where HID devices come from: real node-hid, or a simulator. */
export interface HidModule {
  /** Short name for logs and errors ("node-hid", "simulator"). */
  readonly name: string;
  /** Devices from this module are simulators: marked `simulated: true` everywhere downstream. */
  readonly simulated: boolean;
  devices(): Promise<HidDeviceDescriptor[]>;
  open(path: string): Promise<HidDeviceHandle>;
}
