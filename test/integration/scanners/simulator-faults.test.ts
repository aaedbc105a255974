import { afterEach, describe, expect, it } from 'vitest';
import { ScannerDiscovery } from '../../../electron/scanners/discovery';
import type { PreviewFrame, ScannerDriver } from '../../../electron/scanners/driver';
import { ScannerErrorCode } from '../../../electron/scanners/errors';
import { ReferenceDriver } from '../../../electron/scanners/drivers/reference-driver';
import { SimulatedHidModule } from '../../../electron/simulators/scanner/simulated-hid-module';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';
import type { SimFault } from '../../../electron/simulators/scanner/faults';
import { loadImageFile } from '../../../electron/biometrics/image/load-file';
import { DEFAULT_SIM_IMAGE_FOLDER } from '../../../electron/simulators/scanner/image-folder';

// Real FVC2002 images through the real protocol stack: simulated device → fake node-hid handle →
// reference driver → reassembly. Only the USB wire is absent.

const drivers: ScannerDriver[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.close();
});

async function openSim(opts: { fault?: SimFault; transferTimeoutMs?: number } = {}) {
  const sim = new SimulatedHidModule();
  const path = sim.plug({ timing: FAST_TIMING, image: '101_1.tif' });
  if (opts.fault) sim.injectFault(path, opts.fault);
  const discovery = new ScannerDiscovery({ modules: [sim] });
  await discovery.refresh();
  const [found] = discovery.list();
  const driver = new ReferenceDriver({ scanner: found, descriptor: (await sim.devices())[0], module: sim }, { transferTimeoutMs: opts.transferTimeoutMs ?? 1000 });
  drivers.push(driver);
  const info = await driver.open();
  return { sim, path, discovery, driver, info };
}

/** Captures: waits for `previews` preview frames with the finger settled, then takes the image. */
async function capture(driver: ScannerDriver, previews = 3) {
  const frames: PreviewFrame[] = [];
  const warnings: string[] = [];
  const fingers: boolean[] = [];
  const run = driver.capture({
    previewDivisor: 4, previewIntervalMs: 100,
    onFinger: (p) => fingers.push(p),
    onPreview: (f) => {
      frames.push(f);
      if (frames.length === previews) void run.takeImage().catch(() => undefined);
    },
    onWarning: (w) => warnings.push(w.code),
  });
  const outcome = await run.image.then((image) => ({ image, error: undefined }), (error) => ({ image: undefined, error }));
  return { ...outcome, frames, warnings, fingers };
}

describe('scanner simulator over the reference protocol (node-hid mocked: no USB scanner here)', () => {
  it('serves a real FVC2002 image: finger placed, previews, final image equal to the file, marked simulated', async () => {
    const { driver, info, sim, path } = await openSim();
    expect(info).toMatchObject({ width: 388, height: 374, dpi: 500, simulated: true, vendorId: 0x1209, productId: 0x0001 });
    const { image, error, frames, fingers } = await capture(driver, 8);
    expect(error).toBeUndefined();
    expect(fingers[0]).toBe(true);
    expect(frames[0]).toMatchObject({ width: 97, height: 93, dpi: 125 });
    expect(image!.width * image!.height).toBe(image!.pixels.length);
    // Settled (8 previews × 100 ms > settle time): the final image is the file itself.
    const file = loadImageFile(`${DEFAULT_SIM_IMAGE_FOLDER}/101_1.tif`, { dpi: 500 });
    expect(Buffer.from(image!.pixels).equals(Buffer.from(file.pixels))).toBe(true);
    expect(sim.device(path)!.lastFinal!.name).toBe('101_1.tif');
  }, 10_000);

  it('fault "corrupt-chunk" in the final image → SCANNER_IMAGE_CORRUPT, no image', async () => {
    const { driver } = await openSim({ fault: { kind: 'corrupt-chunk', frame: 'final' } });
    const { image, error } = await capture(driver);
    expect(image).toBeUndefined();
    expect(error.code).toBe(ScannerErrorCode.IMAGE_CORRUPT);
  }, 10_000);

  it('fault "drop-chunk" → SCANNER_CHUNK_MISSING; fault "swap-chunks" → SCANNER_CHUNK_OUT_OF_ORDER', async () => {
    const a = await openSim({ fault: { kind: 'drop-chunk', frame: 'final', chunk: 100 } });
    expect((await capture(a.driver)).error.code).toBe(ScannerErrorCode.CHUNK_MISSING);
    const b = await openSim({ fault: { kind: 'swap-chunks', frame: 'final', chunk: 7 } });
    expect((await capture(b.driver)).error.code).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
  }, 10_000);

  it('a corrupt preview frame is dropped with a warning and the capture still succeeds', async () => {
    const { driver } = await openSim({ fault: { kind: 'corrupt-chunk', frame: 'preview' } });
    const { image, error, warnings } = await capture(driver);
    expect(error).toBeUndefined();
    expect(image).toBeDefined();
    expect(warnings).toContain(ScannerErrorCode.IMAGE_CORRUPT);
  }, 10_000);

  it('fault "unplug" mid-transfer → ScannerDisconnected, device leaves discovery, driver reports the disconnect', async () => {
    const { driver, discovery } = await openSim({ fault: { kind: 'unplug', frame: 'final', afterChunks: 500 } });
    const gone: string[] = [];
    driver.onDisconnect((e) => gone.push(e.code));
    const { image, error } = await capture(driver);
    expect(image).toBeUndefined();
    expect(error.code).toBe(ScannerErrorCode.DISCONNECTED);
    expect(error.name).toBe('ScannerDisconnected');
    expect(gone).toEqual([ScannerErrorCode.DISCONNECTED]);
    const change = await discovery.refresh();
    expect(change.detached).toHaveLength(1);
    expect(discovery.list()).toEqual([]);
    expect(() => driver.capture({ previewDivisor: 4, previewIntervalMs: 100 })).toThrow(/disconnected/);
  }, 10_000);

  it('fault "timeout" (firmware hangs mid-transfer) → SCANNER_TIMEOUT after the transfer timeout; CANCEL revives it', async () => {
    const { driver } = await openSim({ fault: { kind: 'timeout', frame: 'final', afterChunks: 200 }, transferTimeoutMs: 250 });
    const t0 = Date.now();
    const { error } = await capture(driver);
    expect(error.code).toBe(ScannerErrorCode.TIMEOUT);
    expect(Date.now() - t0).toBeLessThan(5000);
    // The host cancels the dead run; the device's watchdog resets and the next capture works.
    const next = await capture(driver);
    expect(next.error).toBeUndefined();
    expect(next.image!.pixels.length).toBe(388 * 374);
  }, 10_000);

  it('a late image of a cancelled capture never completes the next capture (fresh tag per run)', async () => {
    const { driver, sim, path } = await openSim();
    const first = driver.capture({ previewDivisor: 4, previewIntervalMs: 100 });
    await new Promise((r) => setTimeout(r, 250));
    await first.takeImage();
    await first.cancel(); // the device may already be sending the final frame of run 1
    await expect(first.image).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_CANCELLED });
    sim.setBehaviour(path, 'absent');
    const second = driver.capture({ previewDivisor: 4, previewIntervalMs: 100 });
    const race = await Promise.race([second.image.then(() => 'image'), new Promise((r) => setTimeout(() => r('no image'), 800))]);
    expect(race).toBe('no image');
    await second.cancel();
  }, 10_000);
});
