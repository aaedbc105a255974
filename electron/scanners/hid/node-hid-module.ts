import { StationError } from '../../common/errors';
import { ScannerErrorCode } from '../errors';
import type { HidDeviceDescriptor, HidDeviceHandle, HidModule } from './hid-port';

type NodeHid = typeof import('node-hid');

/**
 * The only file that imports node-hid. It is loaded lazily so that a machine where the native module
 * cannot load (missing libusb/hidraw permission) still runs the station with the simulator and file sources.
 * node-hid has no hot-plug events: discovery polls `devices()` (see discovery.ts).
 */
export class NodeHidModule implements HidModule {
  readonly name = 'node-hid';
  readonly simulated = false;
  private loaded?: Promise<NodeHid>;

  private load(): Promise<NodeHid> {
    this.loaded ??= import('node-hid').then(
      (m) => ((m as { default?: NodeHid }).default ?? m) as NodeHid,
      (cause: unknown) => {
        this.loaded = undefined;
        throw new StationError(ScannerErrorCode.HID_UNAVAILABLE, 'USB HID access is not available on this computer, so no scanner can be used. Check that the station was installed completely.', { reason: cause instanceof Error ? cause.message : String(cause) }, { cause });
      },
    );
    return this.loaded;
  }

  async devices(): Promise<HidDeviceDescriptor[]> {
    const hid = await this.load();
    const list = await hid.devicesAsync();
    const out: HidDeviceDescriptor[] = [];
    for (const d of list) {
      if (!d.path) continue; // cannot be opened without a path
      out.push({
        path: d.path, vendorId: d.vendorId, productId: d.productId, usagePage: d.usagePage, usage: d.usage,
        product: d.product, manufacturer: d.manufacturer, serialNumber: d.serialNumber, interface: d.interface,
      });
    }
    return out;
  }

  async open(path: string): Promise<HidDeviceHandle> {
    const hid = await this.load();
    const dev = await hid.HIDAsync.open(path);
    return dev as unknown as HidDeviceHandle;
  }
}
