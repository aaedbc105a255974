import { afterEach, describe, expect, it } from 'vitest';
import { CaptureSession } from '../../../electron/scanners/capture-session';
import type { CaptureEvent } from '../../../electron/scanners/capture-types';
import { ScannerDiscovery } from '../../../electron/scanners/discovery';
import type { ScannerDriver } from '../../../electron/scanners/driver';
import { ScannerErrorCode } from '../../../electron/scanners/errors';
import { SimulatedHidModule, type SimScannerOptions } from '../../../electron/simulators/scanner/simulated-hid-module';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';
import type { SimFault } from '../../../electron/simulators/scanner/faults';

// Capture sessions against the simulated scanner (node-hid mocked: no USB scanner here) serving real FVC2002 prints.

const open: ScannerDriver[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

async function setup(opts: SimScannerOptions & { fault?: SimFault } = {}) {
  const sim = new SimulatedHidModule();
  const path = sim.plug({ timing: FAST_TIMING, image: '101_1.tif', ...opts });
  if (opts.fault) sim.injectFault(path, opts.fault);
  const discovery = new ScannerDiscovery({ modules: [sim] });
  await discovery.refresh();
  const driver = discovery.createDriver(discovery.list()[0].id)!;
  open.push(driver);
  const info = await driver.open();
  return { sim, path, driver, info };
}

function recorder() {
  const events: CaptureEvent[] = [];
  return {
    events,
    onEvent: (e: CaptureEvent) => events.push(e),
    states: () => events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state),
    previews: () => events.filter((e): e is Extract<CaptureEvent, { type: 'preview' }> => e.type === 'preview'),
  };
}

describe('capture session on the simulated scanner (node-hid mocked: no USB scanner here)', () => {
  it('auto-captures after N good previews, with throttled small previews and plain-word feedback', async () => {
    const { driver, info } = await setup();
    const rec = recorder();
    const session = new CaptureSession(driver, info, { goodFramesNeeded: 3, previewMaxFps: 10, onEvent: rec.onEvent, engineQuality: () => 77 });
    const t0 = Date.now();
    const result = await session.start();
    const elapsed = Date.now() - t0;
    expect(result).toMatchObject({ captureId: session.captureId, autoCaptured: true, simulated: true, origin: { source: 'scanner', scannerId: info.id, simulated: true } });
    expect(result.image).toMatchObject({ width: 388, height: 374, dpi: 500 });
    expect(result.quality.engine).toBe(77);
    expect(result.quality.local).toBeGreaterThan(60);
    expect(Date.parse(result.capturedAt)).toBeGreaterThanOrEqual(t0);
    expect(rec.states()).toEqual(['waiting-for-finger', 'finger-present', 'capturing', 'done']);
    const previews = rec.previews();
    expect(previews.length).toBeGreaterThanOrEqual(3);
    for (const p of previews) expect(p.width).toBeLessThanOrEqual(128);
    // Throttled: never more than 10 per second on average.
    expect(previews.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    // The finger lands off-centre and lightly before it settles: the applicant was told so.
    expect(previews[0].quality.ok).toBe(false);
    expect(previews.map((p) => p.quality.feedback)).toContain('Good — hold still');
    expect(previews.at(-1)!.goodFrames).toBe(3);
  }, 10_000);

  it('times out with CaptureTimeout when the finger never settles, and keeps saying why', async () => {
    const { driver, info } = await setup({ behaviour: 'stays-left' });
    const rec = recorder();
    const session = new CaptureSession(driver, info, { timeoutMs: 900, onEvent: rec.onEvent });
    await expect(session.start()).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_TIMEOUT, name: 'CaptureTimeout', details: { captureId: session.captureId } });
    expect(rec.previews().length).toBeGreaterThan(2);
    expect(rec.previews().every((p) => p.quality.feedback === 'Finger too far left — move it a little to the right' || !p.quality.ok)).toBe(true);
    expect(rec.previews().some((p) => p.quality.feedback.startsWith('Finger too far left'))).toBe(true);
    expect(rec.states().at(-1)).toBe('failed');
    // The device was told to stop: a new capture on the same scanner starts (no BUSY).
    const next = new CaptureSession(driver, info, { timeoutMs: 300 });
    await expect(next.start()).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_TIMEOUT });
  }, 10_000);

  it('cancel → CaptureCancelled with this capture id, no image', async () => {
    const { driver, info } = await setup({ behaviour: 'absent' });
    const rec = recorder();
    const session = new CaptureSession(driver, info, { onEvent: rec.onEvent });
    const result = session.start();
    setTimeout(() => void session.cancel(), 150);
    await expect(result).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_CANCELLED, details: { captureId: session.captureId } });
    expect(rec.states().at(-1)).toBe('cancelled');
  }, 10_000);

  it('unplug mid-capture (during the image transfer) → ScannerDisconnected, no image', async () => {
    const { driver, info } = await setup({ fault: { kind: 'unplug', frame: 'final', afterChunks: 300 } });
    const session = new CaptureSession(driver, info);
    await expect(session.start()).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED, name: 'ScannerDisconnected' });
    expect(session.currentState).toBe('failed');
  }, 10_000);

  it('unplug while previews run (plug pulled by hand) → ScannerDisconnected', async () => {
    const { driver, info, sim, path } = await setup({ behaviour: 'stays-left' });
    const session = new CaptureSession(driver, info, { timeoutMs: 5000 });
    const result = session.start();
    setTimeout(() => sim.unplug(path), 200);
    await expect(result).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED });
  }, 10_000);

  it('never returns a stale image: each capture has its own id and time, and a failed one yields nothing', async () => {
    const { driver, info, sim, path } = await setup({ image: undefined });
    const first = await new CaptureSession(driver, info).start();
    sim.injectFault(path, { kind: 'corrupt-chunk', frame: 'final' });
    const broken = new CaptureSession(driver, info);
    await expect(broken.start()).rejects.toMatchObject({ code: ScannerErrorCode.IMAGE_CORRUPT });
    const third = await new CaptureSession(driver, info).start();
    expect(new Set([first.captureId, broken.captureId, third.captureId]).size).toBe(3);
    expect(Date.parse(third.capturedAt)).toBeGreaterThan(Date.parse(first.capturedAt));
    // The simulator walks the folder: capture 3 shows a different print than capture 1.
    expect(Buffer.from(third.image.pixels).equals(Buffer.from(first.image.pixels))).toBe(false);
    expect(Buffer.from(third.image.pixels).equals(Buffer.from(sim.device(path)!.lastFinal!.pixels))).toBe(true);
    // A session runs once.
    const used = new CaptureSession(driver, info);
    await used.start();
    await expect(used.start()).rejects.toMatchObject({ code: 'CAPTURE_SESSION_USED' });
  }, 15_000);
});
