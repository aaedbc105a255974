import { StationError } from '../common/errors';
import { HID_REPORT_SIZE } from './ctaphid';
import type { FidoHidDeviceInfo, HidReportDevice } from './hid-port';

/**
 * node-hid adapter (the only file in fido/ that touches a device package). Discovery filters on the
 * FIDO usage page and CTAPHID usage from the HID report descriptor (CTAP 2.1 §11.2.8), so keys are
 * found whatever their vendor.
 */
export const FIDO_USAGE_PAGE = 0xf1d0;
export const FIDO_USAGE_CTAPHID = 0x01;
/** hidapi wants a report-ID byte first; FIDO devices use no report IDs, so it is always 0. */
const REPORT_ID_NONE = 0x00;

/** The part of node-hid the adapter uses; tests pass a stand-in (no USB device here). */
export interface NodeHidModule {
  devicesAsync(): Promise<
    { path?: string; vendorId: number; productId: number; product?: string; manufacturer?: string; serialNumber?: string; usagePage?: number; usage?: number }[]
  >;
  HIDAsync: {
    open(path: string): Promise<{
      write(values: number[] | Buffer): Promise<number>;
      read(timeOut?: number): Promise<Buffer | undefined>;
      close(): Promise<void>;
    }>;
  };
}

async function loadNodeHid(): Promise<NodeHidModule> {
  const mod = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
  return mod.default ?? mod;
}

export async function listFidoDevices(hid?: NodeHidModule): Promise<FidoHidDeviceInfo[]> {
  const lib = hid ?? (await loadNodeHid());
  const all = await lib.devicesAsync();
  const out: FidoHidDeviceInfo[] = [];
  const seen = new Set<string>();
  for (const d of all) {
    if (d.usagePage !== FIDO_USAGE_PAGE || d.usage !== FIDO_USAGE_CTAPHID || !d.path || seen.has(d.path)) continue;
    seen.add(d.path);
    const info: FidoHidDeviceInfo = { path: d.path, vendorId: d.vendorId, productId: d.productId };
    if (d.product) info.product = d.product;
    if (d.manufacturer) info.manufacturer = d.manufacturer;
    if (d.serialNumber) info.serialNumber = d.serialNumber;
    out.push(info);
  }
  return out;
}

export async function openFidoDevice(path: string, hid?: NodeHidModule): Promise<HidReportDevice> {
  const lib = hid ?? (await loadNodeHid());
  let handle: Awaited<ReturnType<NodeHidModule['HIDAsync']['open']>>;
  try {
    handle = await lib.HIDAsync.open(path);
  } catch (e) {
    throw new StationError(
      'FIDO_OPEN_FAILED',
      'The station could not open the security key. Check that it is plugged in and that the station may use USB keys (udev rule), then try again.',
      { path },
      { cause: e },
    );
  }
  return {
    async write(report) {
      const out = Buffer.alloc(HID_REPORT_SIZE + 1);
      out[0] = REPORT_ID_NONE;
      out.set(report.subarray(0, HID_REPORT_SIZE), 1);
      await handle.write(out);
    },
    async read(timeoutMs) {
      const data = await handle.read(timeoutMs);
      if (!data || data.length === 0) return undefined;
      // Some platforms hand back the report-ID byte too; keep the 64 bytes that are the report.
      const report = data.length > HID_REPORT_SIZE ? data.subarray(data.length - HID_REPORT_SIZE) : data;
      const out = new Uint8Array(HID_REPORT_SIZE);
      out.set(report);
      return out;
    },
    async close() {
      await handle.close();
    },
  };
}
