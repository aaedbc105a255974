import { ScannerDiscovery } from './discovery';
import { NodeHidModule } from './hid/node-hid-module';
import type { HidModule } from './hid/hid-port';
import { ScannerService, type FingerprintAnalyzer, type ScannerServiceOptions } from './scanner-service';
import { SimulatedHidModule, type SimScannerOptions } from '../simulators/scanner/simulated-hid-module';

export interface CreateScannerServiceOptions {
  /** Look for real USB scanners through node-hid (default true). */
  usb?: boolean;
  /** Add one simulated scanner (training mode, browser mode, e2e); marked simulated everywhere. */
  simulate?: boolean | SimScannerOptions;
  analyzer?: FingerprintAnalyzer;
  /** Hot-plug poll period, ms (default 1000). */
  pollMs?: number;
  capture?: ScannerServiceOptions['capture'];
}

/**
 * One-call wiring for the composition root: `createScannerService({simulate: trainingMode, analyzer:
 * createEngineAnalyzer()})`. Returns the simulator too, so training mode can unplug it or inject faults.
 */
export function createScannerService(opts: CreateScannerServiceOptions = {}): { service: ScannerService; simulator?: SimulatedHidModule } {
  const modules: HidModule[] = [];
  if (opts.usb !== false) modules.push(new NodeHidModule());
  let simulator: SimulatedHidModule | undefined;
  if (opts.simulate) {
    simulator = new SimulatedHidModule();
    simulator.plug(opts.simulate === true ? {} : opts.simulate);
    modules.push(simulator);
  }
  const discovery = new ScannerDiscovery({ modules, intervalMs: opts.pollMs });
  return { service: new ScannerService({ discovery, analyzer: opts.analyzer, capture: opts.capture }), simulator };
}
