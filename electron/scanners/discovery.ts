import { toErrorShape, type StationErrorShape } from '../common/errors';
import type { DiscoveredScanner, ScannerDriver } from './driver';
import { DRIVER_TABLE, findDriver, type DriverEntry } from './drivers/table';
import type { HidDeviceDescriptor, HidModule } from './hid/hid-port';

export interface DiscoveryChange {
  attached: DiscoveredScanner[];
  detached: DiscoveredScanner[];
}

export interface DiscoveryOptions {
  modules: HidModule[];
  table?: readonly DriverEntry[];
  /** Poll period: node-hid has no hot-plug events, so plug/unplug shows up within this time. */
  intervalMs?: number;
}

interface Known {
  scanner: DiscoveredScanner;
  descriptor: HidDeviceDescriptor;
  module: HidModule;
  entry: DriverEntry;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Finds supported scanners and follows plug/unplug without a restart by polling each module's `devices()`
 * and diffing against the last poll. A module whose enumeration fails keeps its previous devices (no
 * flapping on a transient error) and reports the error in `moduleErrors()`.
 */
export class ScannerDiscovery {
  private readonly modules: HidModule[];
  private readonly table: readonly DriverEntry[];
  private readonly intervalMs: number;
  private known = new Map<string, Known>();
  private errors = new Map<string, StationErrorShape>();
  private listeners = new Set<(c: DiscoveryChange) => void>();
  private timer?: ReturnType<typeof setInterval>;
  private polling?: Promise<DiscoveryChange>;

  constructor(opts: DiscoveryOptions) {
    this.modules = opts.modules;
    this.table = opts.table ?? DRIVER_TABLE;
    this.intervalMs = opts.intervalMs ?? 1000;
  }

  list(): DiscoveredScanner[] {
    return [...this.known.values()].map((k) => k.scanner).sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): DiscoveredScanner | undefined {
    return this.known.get(id)?.scanner;
  }

  /** Errors of modules that could not enumerate on the last poll (e.g. node-hid not loadable). */
  moduleErrors(): { module: string; error: StationErrorShape }[] {
    return [...this.errors].map(([module, error]) => ({ module, error }));
  }

  onChange(listener: (c: DiscoveryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Creates the driver for a discovered scanner (not opened yet). */
  createDriver(id: string): ScannerDriver | undefined {
    const k = this.known.get(id);
    return k && k.entry.create({ scanner: k.scanner, descriptor: k.descriptor, module: k.module });
  }

  /** One poll. Concurrent callers share the poll in flight. */
  refresh(): Promise<DiscoveryChange> {
    this.polling ??= this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<DiscoveryChange> {
    const next = new Map<string, Known>();
    for (const module of this.modules) {
      let descriptors: HidDeviceDescriptor[];
      try {
        descriptors = await module.devices();
        this.errors.delete(module.name);
      } catch (e) {
        this.errors.set(module.name, toErrorShape(e));
        for (const [id, k] of this.known) if (k.module === module) next.set(id, k);
        continue;
      }
      for (const d of descriptors) {
        const entry = findDriver(this.table, d);
        if (!entry) continue;
        const scanner = describe(d, module, entry);
        if (!next.has(scanner.id)) next.set(scanner.id, { scanner, descriptor: d, module, entry });
      }
    }
    const attached = [...next.keys()].filter((id) => !this.known.has(id)).map((id) => next.get(id)!.scanner);
    const detached = [...this.known.keys()].filter((id) => !next.has(id)).map((id) => this.known.get(id)!.scanner);
    this.known = next;
    const change = { attached, detached };
    if (attached.length || detached.length) for (const l of this.listeners) l(change);
    return change;
  }
}

function describe(d: HidDeviceDescriptor, module: HidModule, entry: DriverEntry): DiscoveredScanner {
  const prefix = module.simulated ? 'sim' : 'hid';
  // The serial survives a replug into another port; the path does not. Fall back to the path.
  const unique = d.serialNumber ? `sn-${d.serialNumber}` : d.path;
  return {
    id: `${prefix}:${hex4(d.vendorId)}:${hex4(d.productId)}:${unique}`,
    name: d.product || entry.name,
    vendorId: d.vendorId,
    productId: d.productId,
    usagePage: d.usagePage,
    serialNumber: d.serialNumber,
    path: d.path,
    simulated: module.simulated,
    driverName: entry.driverName,
  };
}
