import { StationError } from '../../common/errors';
import type { HidDeviceDescriptor, HidDeviceHandle, HidModule } from '../../scanners/hid/hid-port';
import { REFERENCE_PRODUCT_ID, REFERENCE_VENDOR_ID } from '../../scanners/drivers/table';
import { ScannerErrorCode } from '../../scanners/errors';
import { USAGE_PAGE_VENDOR_REFERENCE, USAGE_REFERENCE_SCANNER } from '../../scanners/protocol/constants';
import type { SimFault } from './faults';
import type { FingerBehaviour } from './finger-model';
import { SimImageFolder, resolveSimImageFolder } from './image-folder';
import { REALISTIC_TIMING, SimulatedScannerDevice, type SimTiming } from './simulated-device';

export interface SimScannerOptions {
  /** Folder of fingerprint images; default ../shared/data/fingerprints/fvc2002_db1_b (or $STATION_SCANNER_SIM_IMAGES). */
  imageFolder?: string;
  /** Resolution of the images in the folder (FVC2002 DB1 is 500 dpi; DB2 is 569). */
  dpi?: number;
  /** Serve always this file instead of walking the folder. */
  image?: string;
  serial?: string;
  timing?: Partial<SimTiming>;
  behaviour?: FingerBehaviour;
}

interface Slot {
  descriptor: HidDeviceDescriptor;
  options: SimScannerOptions;
  folder: SimImageFolder;
  open?: SimulatedScannerDevice;
  faults: SimFault[];
  behaviour: FingerBehaviour;
}

export const SIM_PRODUCT_NAME = 'Simulated fingerprint scanner (training)';

/**
 * A node-hid stand-in holding simulated scanners. Plug, unplug and fault injection are for tests and
 * training mode; everything it lists is `simulated: true` downstream (the module says so, and the device
 * sets the SIMULATED flag in DEVICE_INFO).
 */
export class SimulatedHidModule implements HidModule {
  readonly name = 'simulator';
  readonly simulated = true;
  private slots = new Map<string, Slot>();
  private count = 0;

  /** Plugs in one simulated scanner; returns its HID path. */
  plug(options: SimScannerOptions = {}): string {
    const n = ++this.count;
    const path = `sim://scanner/${n}`;
    const folder = new SimImageFolder(resolveSimImageFolder(options.imageFolder), options.dpi ?? 500);
    if (options.image) folder.byName(options.image); // fail now on a wrong name, not mid-capture
    this.slots.set(path, {
      descriptor: {
        path, vendorId: REFERENCE_VENDOR_ID, productId: REFERENCE_PRODUCT_ID, usagePage: USAGE_PAGE_VENDOR_REFERENCE,
        usage: USAGE_REFERENCE_SCANNER, product: SIM_PRODUCT_NAME, manufacturer: 'Issuance Station',
        serialNumber: options.serial ?? `SIM-${String(n).padStart(4, '0')}`, interface: 0,
      },
      options, folder, faults: [], behaviour: options.behaviour ?? 'cooperative',
    });
    return path;
  }

  /** Pulls the plug: an open device errors like an unplugged node-hid device, and it leaves `devices()`. */
  unplug(path: string): void {
    const slot = this.slots.get(path);
    if (!slot) return;
    if (slot.open) slot.open.unplug();
    this.slots.delete(path);
  }

  /** Queues a one-shot fault for the device at `path` (applies to the open device, or the next open). */
  injectFault(path: string, fault: SimFault): void {
    const slot = this.mustGet(path);
    if (slot.open) slot.open.injectFault(fault);
    else slot.faults.push(fault);
  }

  /** Changes how the finger behaves from the next capture on. */
  setBehaviour(path: string, behaviour: FingerBehaviour): void {
    this.mustGet(path).behaviour = behaviour;
  }

  /** The open device object (tests read `lastFinal` from it). */
  device(path: string): SimulatedScannerDevice | undefined {
    return this.slots.get(path)?.open;
  }

  async devices(): Promise<HidDeviceDescriptor[]> {
    return [...this.slots.values()].map((s) => ({ ...s.descriptor }));
  }

  async open(path: string): Promise<HidDeviceHandle> {
    const slot = this.slots.get(path);
    if (!slot) throw new Error(`could not open HID device ${path}`);
    const first = slot.options.image ? slot.folder.byName(slot.options.image) : slot.folder.get(0);
    const timing: SimTiming = { ...REALISTIC_TIMING, ...slot.options.timing };
    const dev = new SimulatedScannerDevice(
      {
        serial: slot.descriptor.serialNumber ?? '',
        firmware: { major: 1, minor: 0 },
        timing,
        get behaviour() {
          return slot.behaviour;
        },
        nextImage: (i) => (slot.options.image ? slot.folder.byName(slot.options.image) : slot.folder.get(i)),
      },
      first.width, first.height, first.dpi,
      () => {
        this.slots.delete(path);
      },
    );
    for (const f of slot.faults.splice(0)) dev.injectFault(f);
    slot.open = dev;
    return dev;
  }

  private mustGet(path: string): Slot {
    const slot = this.slots.get(path);
    if (!slot) throw new StationError(ScannerErrorCode.NOT_FOUND, `No simulated scanner at ${path}.`, { path });
    return slot;
  }
}
