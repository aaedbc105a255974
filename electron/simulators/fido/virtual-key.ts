import type { FidoKeyAccess } from '../../fido/enrollment';
import type { FidoHidDeviceInfo, HidReportDevice } from '../../fido/hid-port';
import { VirtualAuthenticator, type VirtualAuthenticatorOptions } from './virtual-authenticator';
import { VirtualFidoHidDevice, type VirtualHidOptions } from './virtual-hid-device';

/**
 * A whole virtual key as the enrollment use case sees it: the authenticator, its HID face, and a
 * plug the operator (or a test) can pull. Backs training mode and the end-to-end tests.
 */
export class VirtualFidoKey implements FidoKeyAccess {
  readonly authenticator: VirtualAuthenticator;
  readonly device: VirtualFidoHidDevice;
  readonly info: FidoHidDeviceInfo;
  private replugWaiters: (() => void)[] = [];

  constructor(
    options: VirtualAuthenticatorOptions & VirtualHidOptions & { serialNumber?: string; autoReplug?: boolean } = {},
  ) {
    this.authenticator = new VirtualAuthenticator(options);
    this.device = new VirtualFidoHidDevice(this.authenticator, options);
    this.info = {
      path: 'virtual:fido/0',
      vendorId: 0x0000,
      productId: 0x0000,
      product: 'Virtual FIDO2 key (training)',
      manufacturer: 'Issuance Station simulator',
      ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    };
    this.autoReplug = options.autoReplug ?? false;
  }

  private readonly autoReplug: boolean;

  async open(): Promise<{ device: HidReportDevice; info: FidoHidDeviceInfo }> {
    this.device.reopen();
    return { device: this.device, info: this.info };
  }

  /** The operator pulls the key out and puts it back. */
  replug(): void {
    this.device.replug();
    const waiters = this.replugWaiters;
    this.replugWaiters = [];
    waiters.forEach((w) => w());
  }

  waitForReplug(signal?: AbortSignal): Promise<void> {
    if (this.autoReplug) {
      this.replug();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.replugWaiters.push(resolve);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
}
