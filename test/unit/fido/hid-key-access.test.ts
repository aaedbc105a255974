import { describe, expect, it } from 'vitest';
import { FIDO_USAGE_CTAPHID, FIDO_USAGE_PAGE, type NodeHidModule } from '../../../electron/fido/hid-device';
import { HidKeyAccess } from '../../../electron/fido/hid-key-access';

function scriptedHid(frames: string[][]): NodeHidModule {
  let i = 0;
  return {
    devicesAsync: async () => {
      const paths = frames[Math.min(i++, frames.length - 1)];
      return paths.map((path) => ({ path, vendorId: 0x1050, productId: 0x0407, serialNumber: 'S1', usagePage: FIDO_USAGE_PAGE, usage: FIDO_USAGE_CTAPHID }));
    },
    HIDAsync: { open: async () => ({ write: async () => 64, read: async () => undefined, close: async () => {} }) },
  };
}

describe('replug detection over node-hid, with node-hid mocked (no USB device here)', () => {
  const selected = { path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, serialNumber: 'S1' };

  it('waits for the key to disappear and return, and follows its new path', async () => {
    const access = new HidKeyAccess(selected, { hid: scriptedHid([['/dev/hidraw3'], ['/dev/hidraw3'], [], [], ['/dev/hidraw5']]), sleep: async () => {} });
    await access.waitForReplug();
    expect((await access.open()).info.path).toBe('/dev/hidraw5');
  });

  it('gives up with advice when the key never comes back, and honours cancel', async () => {
    const never = new HidKeyAccess(selected, { hid: scriptedHid([[]]), pollMs: 1, replugTimeoutMs: 20 });
    await expect(never.waitForReplug()).rejects.toMatchObject({ code: 'FIDO_REPLUG_TIMEOUT' });
    const ac = new AbortController();
    ac.abort();
    await expect(new HidKeyAccess(selected, { hid: scriptedHid([[]]) }).waitForReplug(ac.signal)).rejects.toMatchObject({ code: 'FIDO_CANCELLED' });
  });
});
