import { PcscReaderManager } from '../pcsc/reader-manager';
import { nativePcscLite } from '../pcsc/pcsclite-native';
import type { PcscLiteFactory } from '../pcsc/pcsclite-port';
import { ScannerDiscovery } from '../scanners/discovery';
import type { HidModule } from '../scanners/hid/hid-port';
import { NodeHidModule } from '../scanners/hid/node-hid-module';
import { ScannerService } from '../scanners/scanner-service';
import { createEngineAnalyzer } from '../scanners/engine-analyzer';
import { SimulatedHidModule } from '../simulators/scanner/simulated-hid-module';
import { toHex } from '../piv/bytes';
import type { DeviceStatus } from '../ipc/channels/devices';
import type { ReaderSource, ScannerSource } from './devices';
import type { Logger } from './logger';
import type { FingerprintExtractor } from '../fingerprints/extractor';

/** vpcd's virtual readers carry a software card (ours in tests and training), so the UI calls them simulated. */
const VIRTUAL_READER = /^Virtual PCD\b/;

export class PcscReaderSource implements ReaderSource {
  constructor(readonly manager: PcscReaderManager) {}

  async status(): Promise<Pick<DeviceStatus, 'pcsc' | 'readers'>> {
    const s = this.manager.status();
    const state = s.state === 'ready' ? 'running' : s.state === 'service-not-running' ? 'not-running' : s.state === 'starting' ? 'starting' : 'unavailable';
    return {
      pcsc: { state, message: s.message },
      readers: this.manager.readers().map((r) => ({ name: r.name, cardPresent: r.cardPresent, atr: r.atr ? toHex(r.atr) : null, simulated: VIRTUAL_READER.test(r.name) })),
    };
  }

  onChange(listener: () => void): () => void {
    return this.manager.subscribe(() => listener());
  }
}

export class ScannerServiceSource implements ScannerSource {
  constructor(readonly service: ScannerService) {}

  async status(): Promise<DeviceStatus['scanners']> {
    return this.service.list().map((s) => ({
      id: s.id,
      name: s.name,
      vendorId: s.vendorId,
      productId: s.productId,
      simulated: s.simulated,
      state: s.state === 'capturing' ? ('busy' as const) : ('ready' as const),
    }));
  }

  onChange(listener: () => void): () => void {
    return this.service.on((e) => {
      if (e.type === 'scanners-changed') listener();
    });
  }
}

export interface DeviceWiringOptions {
  simulate: 'auto' | 'always' | 'never';
  log: Logger;
  /** Quality and minutiae of each capture for the Devices page. */
  fingerprints: FingerprintExtractor;
  pcsc?: PcscLiteFactory | null;
  hid?: HidModule | null;
  simulator?: SimulatedHidModule;
}

export interface WiredDevices {
  readers: PcscReaderSource | null;
  scannerService: ScannerService;
  scanners: ScannerServiceSource;
  simulator: SimulatedHidModule | null;
  stop(): Promise<void>;
}

/**
 * Real readers from pcscd and real scanners over node-hid; a simulated scanner joins when asked
 * ('always') or when no real one is connected ('auto'), so a newcomer's `npm start` can capture at once.
 */
export async function wireDevices(opts: DeviceWiringOptions): Promise<WiredDevices> {
  let readers: PcscReaderSource | null = null;
  const factory = opts.pcsc === undefined ? nativePcscLite : opts.pcsc;
  if (factory) {
    const manager = new PcscReaderManager({ factory });
    manager.start();
    readers = new PcscReaderSource(manager);
  }
  const modules: HidModule[] = [];
  const hid = opts.hid === undefined ? new NodeHidModule() : opts.hid;
  if (hid) modules.push(hid);
  let simulator: SimulatedHidModule | null = null;
  if (opts.simulate !== 'never') {
    simulator = opts.simulator ?? new SimulatedHidModule();
    modules.push(simulator);
  }
  const discovery = new ScannerDiscovery({ modules });
  const scannerService = new ScannerService({ discovery, analyzer: createEngineAnalyzer(opts.fingerprints) });
  const found = await scannerService.start();
  if (simulator && (opts.simulate === 'always' || found.every((s) => s.simulated))) {
    try {
      if ((await simulator.devices()).length === 0) simulator.plug();
      await scannerService.refresh();
    } catch (e) {
      opts.log.warn('devices.simulated-scanner-unavailable', { error: e instanceof Error ? e.message : String(e) });
    }
  }
  for (const m of discovery.moduleErrors()) opts.log.warn('devices.hid-module-error', { module: m.module, code: m.error.code });
  return {
    readers,
    scannerService,
    scanners: new ScannerServiceSource(scannerService),
    simulator,
    stop: async () => {
      await scannerService.stop();
      readers?.manager.stop();
    },
  };
}
