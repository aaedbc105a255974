/**
 * Which FIDO key the station enrolls: the first real key on USB (usage page F1D0) or, when none is
 * attached and the station simulates devices ('always', or 'auto' without hardware), one training
 * VirtualFidoKey per station that waits for the operator's "touch" and "replug" buttons.
 */
import { StationError } from '../common/errors';
import type { FidoKeyAccess } from '../fido/enrollment';
import { listFidoDevices, type NodeHidModule } from '../fido/hid-device';
import { HidKeyAccess } from '../fido/hid-key-access';
import { VirtualFidoKey } from '../simulators/fido/virtual-key';

export interface ChosenFidoKey {
  access: FidoKeyAccess;
  source: 'usb' | 'virtual';
}

export class FidoKeySource {
  private virtualKey: VirtualFidoKey | undefined;

  constructor(private readonly options: { simulate: 'auto' | 'always' | 'never'; hid?: NodeHidModule; virtual?: () => VirtualFidoKey }) {}

  get virtual(): VirtualFidoKey | undefined {
    return this.virtualKey;
  }

  get simulates(): boolean {
    return this.options.simulate !== 'never';
  }

  private training(): VirtualFidoKey {
    this.virtualKey ??= this.options.virtual?.() ?? new VirtualFidoKey({ touch: 'manual', serialNumber: 'TRAINING-0001' });
    return this.virtualKey;
  }

  async choose(): Promise<ChosenFidoKey> {
    if (this.options.simulate === 'always') return { access: this.training(), source: 'virtual' };
    // No node-hid on this machine: only the training key can be offered.
    const real = await listFidoDevices(this.options.hid).catch(() => []);
    if (real.length > 1) throw new StationError('FIDO_AMBIGUOUS_KEY', 'More than one FIDO key is plugged in. Leave only the applicant’s key plugged in and try again.');
    if (real.length === 1) return { access: new HidKeyAccess(real[0]!, this.options.hid ? { hid: this.options.hid } : {}), source: 'usb' };
    if (this.options.simulate === 'auto') return { access: this.training(), source: 'virtual' };
    throw new StationError('FIDO_NO_KEY', 'No FIDO security key is plugged in. Plug in the applicant’s key and try again.');
  }
}
