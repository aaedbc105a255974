import { describe, expect, it, vi } from 'vitest';
import { ScannerDiscovery, type DiscoveryChange } from '../../../electron/scanners/discovery';
import type { HidDeviceDescriptor, HidModule } from '../../../electron/scanners/hid/hid-port';
import { REFERENCE_PRODUCT_ID, REFERENCE_VENDOR_ID } from '../../../electron/scanners/drivers/table';
import { ReferenceDriver } from '../../../electron/scanners/drivers/reference-driver';

/** A node-hid stand-in whose device list the test edits (node-hid mocked: no USB scanner here). */
class FakeHid implements HidModule {
  readonly name: string;
  list: HidDeviceDescriptor[] = [];
  fail?: Error;
  constructor(readonly simulated = false, name = 'fake-node-hid') {
    this.name = name;
  }
  async devices() {
    if (this.fail) throw this.fail;
    return this.list.map((d) => ({ ...d }));
  }
  async open(): Promise<never> {
    throw new Error('not used');
  }
}

const scanner = (path: string, extra: Partial<HidDeviceDescriptor> = {}): HidDeviceDescriptor => ({
  path, vendorId: REFERENCE_VENDOR_ID, productId: REFERENCE_PRODUCT_ID, usagePage: 0xff00, usage: 1, product: 'Ref scanner', serialNumber: `SN-${path}`, ...extra,
});

describe('scanner discovery (node-hid mocked: no USB scanner here)', () => {
  it('recognises supported scanners by vendor id, product id and usage page, ignores other HID devices', async () => {
    const hid = new FakeHid();
    hid.list = [
      scanner('/dev/hidraw1'),
      scanner('/dev/hidraw2', { usagePage: 0x0001, serialNumber: 'SN-kbd-iface' }), // another interface of the same device
      { path: '/dev/hidraw3', vendorId: 0x046d, productId: 0xc52b, usagePage: 0x0001 }, // a mouse receiver
      scanner('/dev/hidraw4', { usagePage: undefined, serialNumber: undefined }), // platform without usage pages
    ];
    const d = new ScannerDiscovery({ modules: [hid] });
    const change = await d.refresh();
    expect(change.attached.map((s) => s.path).sort()).toEqual(['/dev/hidraw1', '/dev/hidraw4']);
    expect(d.list().find((s) => s.path === '/dev/hidraw1')).toMatchObject({
      id: 'hid:1209:0001:sn-SN-/dev/hidraw1', name: 'Ref scanner', vendorId: 0x1209, productId: 0x0001, simulated: false, driverName: 'reference',
    });
    expect(d.list().find((s) => s.path === '/dev/hidraw4')!.id).toBe('hid:1209:0001:/dev/hidraw4');
  });

  it('follows plug and unplug between polls and tells listeners once per change', async () => {
    const hid = new FakeHid();
    const d = new ScannerDiscovery({ modules: [hid] });
    const seen: DiscoveryChange[] = [];
    d.onChange((c) => seen.push(c));
    await d.refresh();
    hid.list = [scanner('/dev/hidraw1')];
    await d.refresh();
    await d.refresh(); // no change → no event
    hid.list = [];
    await d.refresh();
    expect(seen.map((c) => [c.attached.length, c.detached.length])).toEqual([[1, 0], [0, 1]]);
    expect(d.list()).toEqual([]);
  });

  it('polls on an interval when started (node-hid has no hot-plug events)', async () => {
    vi.useFakeTimers();
    try {
      const hid = new FakeHid();
      const d = new ScannerDiscovery({ modules: [hid], intervalMs: 500 });
      d.start();
      hid.list = [scanner('/dev/hidraw9')];
      await vi.advanceTimersByTimeAsync(499);
      expect(d.list()).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(d.list()).toHaveLength(1);
      d.stop();
      hid.list = [];
      await vi.advanceTimersByTimeAsync(2000);
      expect(d.list()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a module that fails to enumerate keeps its devices and reports the error; others carry on', async () => {
    const real = new FakeHid();
    const sim = new FakeHid(true, 'simulator');
    real.list = [scanner('/dev/hidraw1')];
    sim.list = [scanner('sim://scanner/1', { serialNumber: 'SIM-0001' })];
    const d = new ScannerDiscovery({ modules: [real, sim] });
    await d.refresh();
    real.fail = new Error('hidapi exploded');
    sim.list = [];
    const change = await d.refresh();
    expect(change.detached.map((s) => s.id)).toEqual(['sim:1209:0001:sn-SIM-0001']);
    expect(d.list().map((s) => s.path)).toEqual(['/dev/hidraw1']);
    expect(d.moduleErrors()).toEqual([{ module: 'fake-node-hid', error: expect.objectContaining({ code: 'INTERNAL' }) }]);
  });

  it('marks devices of a simulated module simulated and builds the reference driver for them', async () => {
    const sim = new FakeHid(true, 'simulator');
    sim.list = [scanner('sim://scanner/1', { serialNumber: 'SIM-0001' })];
    const d = new ScannerDiscovery({ modules: [sim] });
    await d.refresh();
    const [s] = d.list();
    expect(s).toMatchObject({ id: 'sim:1209:0001:sn-SIM-0001', simulated: true });
    const driver = d.createDriver(s.id)!;
    expect(driver).toBeInstanceOf(ReferenceDriver);
    expect(driver.simulated).toBe(true);
    expect(d.createDriver('nope')).toBeUndefined();
  });
});
