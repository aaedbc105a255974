/**
 * The seam between CTAPHID and a USB HID device: one 64-byte report out, one report in. The node-hid
 * adapter (hid-device.ts) and the virtual authenticator both implement it, so tests drive the real
 * framing against a simulated key.
 */
export interface HidReportDevice {
  /** Sends one output report (64 bytes, no report ID; the adapter adds one if the OS needs it). */
  write(report: Uint8Array): Promise<void>;
  /** Next input report, or undefined when `timeoutMs` passes without one. */
  read(timeoutMs: number): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

/** What discovery knows about a FIDO HID device before opening it. */
export interface FidoHidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  /** USB serial string, if the device reports one (many FIDO keys do not). */
  serialNumber?: string;
}
