import type { DeviceStatus } from '../ipc/channels/devices';

/**
 * Where the status bar's readers and scanners come from. The PC/SC adapter and the scanner service each
 * contribute a source; the composition root decides whether simulated devices join them.
 */
export interface ReaderSource {
  status(): Promise<Pick<DeviceStatus, 'pcsc' | 'readers'>>;
  onChange?(listener: () => void): () => void;
}

export interface ScannerSource {
  status(): Promise<DeviceStatus['scanners']>;
  onChange?(listener: () => void): () => void;
}

export class DeviceStatusService {
  constructor(
    private readonly readers: ReaderSource | null,
    private readonly scanners: ScannerSource | null,
  ) {}

  async status(): Promise<DeviceStatus> {
    const r = this.readers
      ? await this.readers.status()
      : { pcsc: { state: 'unavailable' as const, message: 'Smart-card reader support is not configured on this station.' }, readers: [] };
    const s = this.scanners ? await this.scanners.status() : [];
    const all = [...r.readers, ...s];
    return { ...r, scanners: s, simulated: all.length > 0 && all.every((d) => d.simulated) };
  }

  onChange(listener: () => void): () => void {
    const offs = [this.readers?.onChange?.(listener), this.scanners?.onChange?.(listener)];
    return () => offs.forEach((off) => off?.());
  }
}
