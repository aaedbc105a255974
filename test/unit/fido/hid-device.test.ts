import { describe, expect, it } from 'vitest';
import { FIDO_USAGE_CTAPHID, FIDO_USAGE_PAGE, listFidoDevices, openFidoDevice, type NodeHidModule } from '../../../electron/fido/hid-device';

function fakeNodeHid(written: Buffer[], toRead: (Buffer | undefined)[]): NodeHidModule {
  return {
    devicesAsync: async () => [
      { path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, product: 'Key', usagePage: FIDO_USAGE_PAGE, usage: FIDO_USAGE_CTAPHID, serialNumber: 'ABC' },
      { path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, usagePage: FIDO_USAGE_PAGE, usage: FIDO_USAGE_CTAPHID },
      { path: '/dev/hidraw1', vendorId: 0x046d, productId: 0xc52b, usagePage: 0x0001, usage: 0x06 },
      { path: '/dev/hidraw4', vendorId: 0x1050, productId: 0x0407, usagePage: FIDO_USAGE_PAGE, usage: 0x02 },
    ],
    HIDAsync: {
      open: async (path: string) => {
        if (path !== '/dev/hidraw3') throw new Error('EACCES');
        return {
          write: async (v: number[] | Buffer) => (written.push(Buffer.from(v as Buffer)), v.length),
          read: async () => toRead.shift(),
          close: async () => {},
        };
      },
    },
  };
}

describe('node-hid adapter, with node-hid mocked (no USB device here)', () => {
  it('lists only CTAPHID interfaces (usage page 0xF1D0, usage 0x01), once per path', async () => {
    const list = await listFidoDevices(fakeNodeHid([], []));
    expect(list).toEqual([{ path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, product: 'Key', serialNumber: 'ABC' }]);
  });

  it('prefixes the zero report ID on write and returns 64-byte reports on read', async () => {
    const written: Buffer[] = [];
    const dev = await openFidoDevice('/dev/hidraw3', fakeNodeHid(written, [Buffer.alloc(65, 7), undefined]));
    await dev.write(new Uint8Array(64).fill(9));
    expect(written[0]).toHaveLength(65);
    expect(written[0][0]).toBe(0);
    expect(written[0][1]).toBe(9);
    const r = await dev.read(10);
    expect(r).toHaveLength(64);
    expect(await dev.read(10)).toBeUndefined();
  });

  it('explains an open failure in words the operator can act on', async () => {
    await expect(openFidoDevice('/dev/hidraw9', fakeNodeHid([], []))).rejects.toMatchObject({ code: 'FIDO_OPEN_FAILED' });
  });
});
