import type { CliCommand } from '../command';
import { toHex } from '../../piv/bytes';
import { nativePcscLite } from '../../pcsc/pcsclite-native';
import type { PcscLiteFactory } from '../../pcsc/pcsclite-port';
import { PcscReaderManager } from '../../pcsc/reader-manager';
import { ScannerDiscovery } from '../../scanners/discovery';
import type { HidModule } from '../../scanners/hid/hid-port';
import { NodeHidModule } from '../../scanners/hid/node-hid-module';
import { SimulatedHidModule } from '../../simulators/scanner/simulated-hid-module';

/** pcscd reports readers and card states right after the context opens; wait until it is quiet this long… */
const READERS_QUIET_MS = 300;
/** …but never longer than this in total. */
const READERS_MAX_WAIT_MS = 2_000;

export interface DevicesListDeps {
  pcsc?: PcscLiteFactory;
  hid?: () => HidModule;
  simulator?: () => SimulatedHidModule;
}

interface ReaderRow {
  name: string;
  cardPresent: boolean;
  atr: string | null;
}

async function listReaders(factory: PcscLiteFactory, warn: (t: string) => void): Promise<ReaderRow[]> {
  const manager = new PcscReaderManager({ factory });
  try {
    await new Promise<void>((resolve) => {
      let quiet: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        if (quiet) clearTimeout(quiet);
        quiet = setTimeout(done, READERS_QUIET_MS);
      };
      const cap = setTimeout(() => done(), READERS_MAX_WAIT_MS);
      const off = manager.subscribe(settle);
      function done() {
        clearTimeout(cap);
        if (quiet) clearTimeout(quiet);
        off();
        resolve();
      }
      manager.start();
      settle();
    });
    if (manager.status().state === 'service-not-running') warn(`readers: ${manager.status().message}`);
    return manager.readers().map((r) => ({ name: r.name, cardPresent: r.cardPresent, atr: r.atr ? toHex(r.atr) : null }));
  } finally {
    manager.stop();
  }
}

export function createDevicesListCommand(deps: DevicesListDeps = {}): CliCommand {
  return {
    path: ['devices', 'list'],
    summary: 'List smart-card readers and fingerprint scanners',
    usage: '[--simulate] [--json]',
    help: [
      'Readers come from pcscd; scanners are USB HID devices the station has a driver for.',
      '--simulate adds one simulated scanner (serving images from ../shared/data/fingerprints/fvc2002_db1_b',
      'or $STATION_SCANNER_SIM_IMAGES), marked simulated: true.',
      'JSON: {readers: [{name, cardPresent, atr}], scanners: [{id, name, vendorId, productId, simulated}]}.',
    ].join('\n'),
    options: { simulate: { type: 'boolean' } },
    async run(ctx) {
      const modules: HidModule[] = [(deps.hid ?? (() => new NodeHidModule()))()];
      if (ctx.values.simulate === true) {
        const sim = (deps.simulator ?? (() => new SimulatedHidModule()))();
        if ((await sim.devices()).length === 0) sim.plug();
        modules.push(sim);
      }
      const discovery = new ScannerDiscovery({ modules });
      const [readers] = await Promise.all([listReaders(deps.pcsc ?? nativePcscLite, (t) => ctx.io.err(t)), discovery.refresh()]);
      for (const m of discovery.moduleErrors()) ctx.io.err(`scanners (${m.module}): ${m.error.message}`);
      const scanners = discovery.list().map((s) => ({ id: s.id, name: s.name, vendorId: s.vendorId, productId: s.productId, simulated: s.simulated }));
      if (ctx.json) {
        ctx.printJson({ readers, scanners });
        return 0;
      }
      const hex4 = (n: number) => n.toString(16).padStart(4, '0');
      ctx.io.out(readers.length ? 'Readers:' : 'Readers: none');
      for (const r of readers) ctx.io.out(`  ${r.name}  ${r.cardPresent ? `card present, ATR ${r.atr}` : 'no card'}`);
      ctx.io.out(scanners.length ? 'Scanners:' : 'Scanners: none');
      for (const s of scanners) ctx.io.out(`  ${s.name}  ${hex4(s.vendorId)}:${hex4(s.productId)}${s.simulated ? '  [SIMULATED]' : ''}  (${s.id})`);
      return 0;
    },
  };
}

export const devicesListCommand = createDevicesListCommand();
