import { StationError } from '../common/errors';
import type { FidoKeyAccess } from './enrollment';
import { listFidoDevices, openFidoDevice, type NodeHidModule } from './hid-device';
import type { FidoHidDeviceInfo, HidReportDevice } from './hid-port';

/**
 * FidoKeyAccess for a real key over node-hid. The OS may give a replugged key a new path, so the key
 * is followed by vendor/product id and USB serial (when it has one). Replug detection polls the device
 * list: the key must disappear, then come back.
 */
export class HidKeyAccess implements FidoKeyAccess {
  private current: FidoHidDeviceInfo;

  constructor(
    selected: FidoHidDeviceInfo,
    private readonly options: { hid?: NodeHidModule; pollMs?: number; replugTimeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.current = selected;
  }

  private same(d: FidoHidDeviceInfo): boolean {
    const c = this.current;
    return d.vendorId === c.vendorId && d.productId === c.productId && (c.serialNumber ? d.serialNumber === c.serialNumber : true);
  }

  async open(): Promise<{ device: HidReportDevice; info: FidoHidDeviceInfo }> {
    return { device: await openFidoDevice(this.current.path, this.options.hid), info: this.current };
  }

  async waitForReplug(signal?: AbortSignal): Promise<void> {
    const poll = this.options.pollMs ?? 250;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = Date.now() + (this.options.replugTimeoutMs ?? 120_000);
    let gone = false;
    while (Date.now() < deadline) {
      if (signal?.aborted) throw new StationError('FIDO_CANCELLED', 'The operation was cancelled.');
      const matches = (await listFidoDevices(this.options.hid)).filter((d) => this.same(d));
      if (!gone && matches.length === 0) gone = true;
      else if (gone && matches.length > 0) {
        if (matches.length > 1 && !this.current.serialNumber) {
          throw new StationError('FIDO_AMBIGUOUS_KEY', 'More than one key of this model is plugged in. Leave only the applicant’s key plugged in and start again.');
        }
        this.current = matches[0];
        return;
      }
      await sleep(poll);
    }
    throw new StationError('FIDO_REPLUG_TIMEOUT', 'The key was not unplugged and plugged back in. Start again when the applicant’s key is at hand.');
  }
}
