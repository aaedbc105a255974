import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ReferenceDriver } from '../../../electron/scanners/drivers/reference-driver';
import type { DiscoveredScanner } from '../../../electron/scanners/driver';
import type { HidDeviceHandle, HidModule } from '../../../electron/scanners/hid/hid-port';
import { decodeHostReport, encodeReport, type DeviceReport, type HostReport } from '../../../electron/scanners/protocol/codec';
import { frameToReports } from '../../../electron/scanners/protocol/chunking';
import { ScannerErrorCode } from '../../../electron/scanners/errors';

/** A scripted device: the test answers each host report by hand (node-hid mocked: no USB scanner here). */
class ScriptedHandle extends EventEmitter implements HidDeviceHandle {
  sent: HostReport[] = [];
  onWrite?: (r: HostReport) => void;
  failWrites = false;
  async write(values: number[] | Buffer): Promise<number> {
    if (this.failWrites) throw new Error('Cannot write to hid device');
    const r = decodeHostReport(Uint8Array.from(values));
    this.sent.push(r);
    setImmediate(() => this.onWrite?.(r));
    return 64;
  }
  async close(): Promise<void> {}
  reply(r: DeviceReport | Uint8Array) {
    this.emit('data', Buffer.from(r instanceof Uint8Array ? r : encodeReport(r)));
  }
}

const INFO: DeviceReport = { type: 'DEVICE_INFO', version: 1, width: 40, height: 30, dpi: 500, bitsPerPixel: 8, simulated: false, firmware: { major: 2, minor: 1 }, serial: 'RF-42' };
const scanner: DiscoveredScanner = { id: 'hid:1209:0001:sn-RF-42', name: 'Ref', vendorId: 0x1209, productId: 1, path: '/dev/hidraw7', simulated: false, driverName: 'reference', serialNumber: 'RF-42' };

function setup(info: DeviceReport | null = INFO) {
  const handle = new ScriptedHandle();
  handle.onWrite = (r) => {
    if (r.type === 'GET_INFO' && info) handle.reply(info);
  };
  const module: HidModule = { name: 'scripted', simulated: false, devices: async () => [], open: async () => handle };
  const driver = new ReferenceDriver({ scanner, descriptor: { path: scanner.path, vendorId: 0x1209, productId: 1 }, module }, { commandTimeoutMs: 100, transferTimeoutMs: 100 });
  return { handle, driver };
}

const pixels = (seed: number) => Uint8Array.from({ length: 40 * 30 }, (_, i) => (i * 13 + seed) & 0xff);
const sendFrame = (h: ScriptedHandle, tag: number, frame: number, kind: 'PREVIEW' | 'FINAL', seed = 1) => {
  for (const r of frameToReports({ tag, frame, kind, width: 40, height: 30, dpi: 500, pixels: pixels(seed) })) h.reply(r);
};

describe('reference driver against a scripted device (node-hid mocked: no USB scanner here)', () => {
  it('open reads DEVICE_INFO; a real device is not simulated unless it says so', async () => {
    const { driver } = setup();
    expect(await driver.open()).toEqual({ id: scanner.id, name: 'Ref', vendorId: 0x1209, productId: 1, serial: 'RF-42', width: 40, height: 30, dpi: 500, firmware: '2.1', simulated: false });
    const sim = setup({ ...INFO, simulated: true } as DeviceReport);
    expect((await sim.driver.open()).simulated).toBe(true);
  });

  it('refuses another protocol version; a silent device times out on GET_INFO', async () => {
    await expect(setup({ ...INFO, version: 2 } as DeviceReport).driver.open()).rejects.toMatchObject({ code: ScannerErrorCode.UNSUPPORTED_VERSION });
    await expect(setup(null).driver.open()).rejects.toMatchObject({ code: ScannerErrorCode.TIMEOUT });
  });

  it('drops reports of other tags: a late image of an earlier capture never completes this one', async () => {
    const { driver, handle } = setup();
    await driver.open();
    const previews: number[] = [];
    const run = driver.capture({ previewDivisor: 4, previewIntervalMs: 100, onPreview: (f) => previews.push(f.frame) });
    await new Promise((r) => setImmediate(r));
    const start = handle.sent.find((r) => r.type === 'START_CAPTURE') as Extract<HostReport, { type: 'START_CAPTURE' }>;
    expect(start.tag).not.toBe(0);
    sendFrame(handle, start.tag ^ 0x55, 3, 'FINAL', 9); // stale image, other tag
    sendFrame(handle, start.tag, 0, 'PREVIEW');
    await run.takeImage();
    sendFrame(handle, start.tag, 1, 'FINAL', 2);
    const img = await run.image;
    expect(previews).toEqual([0]);
    expect(Buffer.from(img.pixels).equals(Buffer.from(pixels(2)))).toBe(true);
  });

  it('maps device errors: FINGER_TIMEOUT → CaptureTimeout, BUSY → SCANNER_BUSY, SENSOR_FAULT → SCANNER_DEVICE_ERROR; NO_FINGER is a warning', async () => {
    for (const [error, code, expected] of [['FINGER_TIMEOUT', 6, ScannerErrorCode.CAPTURE_TIMEOUT], ['BUSY', 4, ScannerErrorCode.BUSY], ['SENSOR_FAULT', 7, ScannerErrorCode.DEVICE_ERROR]] as const) {
      const { driver, handle } = setup();
      await driver.open();
      const run = driver.capture({ previewDivisor: 0, previewIntervalMs: 100 });
      await new Promise((r) => setImmediate(r));
      const tag = (handle.sent.at(-1) as { tag: number }).tag;
      handle.reply({ type: 'ERROR', tag, error, code, causeReportId: 2 });
      await expect(run.image).rejects.toMatchObject({ code: expected });
    }
    const { driver, handle } = setup();
    await driver.open();
    const warnings: string[] = [];
    const run = driver.capture({ previewDivisor: 0, previewIntervalMs: 100, onWarning: (w) => warnings.push(String(w.details?.deviceError)) });
    await new Promise((r) => setImmediate(r));
    const tag = (handle.sent.at(-1) as { tag: number }).tag;
    handle.reply({ type: 'ERROR', tag, error: 'NO_FINGER', code: 8, causeReportId: 3 });
    expect(warnings).toEqual(['NO_FINGER']);
    await run.cancel();
    await expect(run.image).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_CANCELLED });
    expect(handle.sent.at(-1)).toEqual({ type: 'CANCEL', tag });
  });

  it('a second capture while one runs → SCANNER_BUSY; a write failure means the scanner is gone', async () => {
    const { driver, handle } = setup();
    await driver.open();
    const run = driver.capture({ previewDivisor: 0, previewIntervalMs: 100 });
    expect(() => driver.capture({ previewDivisor: 0, previewIntervalMs: 100 })).toThrow(expect.objectContaining({ code: ScannerErrorCode.BUSY }));
    handle.failWrites = true;
    await expect(run.takeImage()).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED });
    await expect(run.image).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED });
  });

  it('a malformed report during a capture fails it with SCANNER_REPORT_MALFORMED', async () => {
    const { driver, handle } = setup();
    await driver.open();
    const run = driver.capture({ previewDivisor: 0, previewIntervalMs: 100 });
    handle.reply(Uint8Array.from([0x99, 1, 2, 3]));
    await expect(run.image).rejects.toMatchObject({ code: ScannerErrorCode.REPORT_MALFORMED });
  });
});
