import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScannerDiscovery } from '../../../electron/scanners/discovery';
import { ScannerErrorCode } from '../../../electron/scanners/errors';
import { CaptureSession } from '../../../electron/scanners/capture-session';
import { SimulatedHidModule, type SimScannerOptions } from '../../../electron/simulators/scanner/simulated-hid-module';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';
import { SimImageFolder, resolveSimImageFolder, DEFAULT_SIM_IMAGE_FOLDER, SIM_IMAGE_FOLDER_ENV } from '../../../electron/simulators/scanner/image-folder';

// How the simulated finger and sensor behave (node-hid mocked: no USB scanner here).

const tmp = mkdtempSync(join(tmpdir(), 'sim-scanner-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function open(opts: SimScannerOptions) {
  const sim = new SimulatedHidModule();
  sim.plug({ timing: FAST_TIMING, ...opts });
  const d = new ScannerDiscovery({ modules: [sim] });
  await d.refresh();
  const driver = d.createDriver(d.list()[0].id)!;
  return { sim, driver, info: await driver.open() };
}

describe('scanner simulator behaviour (node-hid mocked: no USB scanner here)', () => {
  it('the finger lifts when nobody takes the image, and comes back', async () => {
    const { driver } = await open({ image: '101_1.tif', timing: { ...FAST_TIMING, holdMs: 150, awayMs: 150 } });
    const fingers: boolean[] = [];
    const run = driver.capture({ previewDivisor: 0, previewIntervalMs: 100, onFinger: (p) => fingers.push(p) });
    await new Promise((r) => setTimeout(r, 900));
    await run.cancel();
    await driver.close();
    expect(fingers.slice(0, 3)).toEqual([true, false, true]);
  });

  it('the session tells the UI the finger was lifted', async () => {
    const { driver, info } = await open({ image: '101_1.tif', behaviour: 'stays-left', timing: { ...FAST_TIMING, holdMs: 150, awayMs: 150 } });
    const states: string[] = [];
    const s = new CaptureSession(driver, info, { timeoutMs: 800, onEvent: (e) => e.type === 'state' && states.push(e.state) });
    await expect(s.start()).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_TIMEOUT });
    await driver.close();
    expect(states).toContain('finger-lifted');
    expect(states.indexOf('finger-present')).toBeLessThan(states.indexOf('finger-lifted'));
  });

  it('device-side finger timeout (ERROR FINGER_TIMEOUT) → CaptureTimeout', async () => {
    const { driver } = await open({ behaviour: 'absent' });
    const run = driver.capture({ previewDivisor: 4, previewIntervalMs: 100, fingerTimeoutS: 1 });
    await expect(run.image).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_TIMEOUT });
    await driver.close();
  }, 5000);

  it('serves headerless 8-bit gray frames named NAME.WxH.raw from a configurable folder', async () => {
    const w = 200, h = 220;
    const px = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = 128 + Math.round(100 * Math.sin((x + y) / 3));
    writeFileSync(join(tmp, 'ridges.200x220.raw'), px);
    writeFileSync(join(tmp, 'notes.txt'), 'ignored');
    const folder = new SimImageFolder(tmp);
    expect(folder.names).toEqual(['ridges.200x220.raw']);
    const { driver, info } = await open({ imageFolder: tmp });
    expect(info).toMatchObject({ width: 200, height: 220, simulated: true });
    await driver.close();
    writeFileSync(join(tmp, 'bad.10x10.raw'), new Uint8Array(99));
    expect(() => new SimImageFolder(tmp).byName('bad.10x10.raw')).toThrow(expect.objectContaining({ code: 'IMAGE_CORRUPT' }));
  });

  it('defaults to the FVC2002 DB1_B folder, overridable by option or environment; a folder without images is refused', () => {
    expect(resolveSimImageFolder(undefined, {})).toBe(DEFAULT_SIM_IMAGE_FOLDER);
    expect(new SimImageFolder(DEFAULT_SIM_IMAGE_FOLDER).names).toHaveLength(80);
    expect(resolveSimImageFolder(undefined, { [SIM_IMAGE_FOLDER_ENV]: tmp })).toBe(tmp);
    expect(resolveSimImageFolder('/x/y', { [SIM_IMAGE_FOLDER_ENV]: tmp })).toBe('/x/y');
    const empty = mkdtempSync(join(tmp, 'empty-'));
    expect(() => new SimImageFolder(empty)).toThrow(expect.objectContaining({ code: 'SCANNER_SIM_IMAGES_MISSING' }));
  });
});
