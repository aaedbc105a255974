import { describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../electron/common/errors';
import { CaptureSession } from '../../../electron/scanners/capture-session';
import type { CaptureEvent } from '../../../electron/scanners/capture-types';
import type { CaptureRequest, CaptureRun, RawCapture, ScannerDriver, ScannerInfo } from '../../../electron/scanners/driver';
import { ScannerErrorCode } from '../../../electron/scanners/errors';
import { SimImageFolder, DEFAULT_SIM_IMAGE_FOLDER } from '../../../electron/simulators/scanner/image-folder';
import { downscale } from '../../../electron/scanners/quality/downscale';

const INFO: ScannerInfo = { id: 'fake:1', name: 'Fake', vendorId: 1, productId: 2, serial: 'S', width: 388, height: 374, dpi: 500, firmware: '1.0', simulated: true };
const print = new SimImageFolder(DEFAULT_SIM_IMAGE_FOLDER).byName('101_1.tif');
const good = downscale(print.pixels, 388, 374, 4);

/** A driver the test drives by hand (node-hid mocked: no USB scanner here). */
function fakeDriver() {
  let req!: CaptureRequest;
  let resolveImage!: (r: RawCapture) => void;
  let rejectImage!: (e: unknown) => void;
  const calls: string[] = [];
  const run: CaptureRun = {
    image: new Promise<RawCapture>((res, rej) => { resolveImage = res; rejectImage = rej; }),
    takeImage: async () => { calls.push('take'); },
    cancel: async () => { calls.push('cancel'); rejectImage(new StationError(ScannerErrorCode.CAPTURE_CANCELLED, 'x')); },
  };
  run.image.catch(() => undefined);
  const driver: ScannerDriver = {
    id: INFO.id, simulated: true, open: async () => INFO, info: () => INFO,
    capture: (r) => { req = r; return run; },
    onDisconnect: () => () => undefined, close: async () => undefined,
  };
  return { driver, calls, get req() { return req; }, resolveImage, rejectImage: (e: unknown) => rejectImage(e) };
}

describe('capture session with a scripted driver (node-hid mocked: no USB scanner here)', () => {
  it('asks for small previews at ≤ 10 fps and forwards at most 10 per second even if the device sends faster', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeDriver();
      const events: CaptureEvent[] = [];
      const session = new CaptureSession(f.driver, INFO, { onEvent: (e) => events.push(e), goodFramesNeeded: 1000, now: () => Date.now() });
      const done = session.start();
      expect(f.req.previewIntervalMs).toBe(100);
      expect(f.req.previewDivisor).toBe(4); // 388 px → 97 px wide
      for (let i = 0; i < 100; i++) { // a device that ignores the interval: 100 frames in 1 s
        f.req.onPreview!({ frame: i, ...good, dpi: 125 });
        await vi.advanceTimersByTimeAsync(10);
      }
      const previews = events.filter((e) => e.type === 'preview');
      expect(previews.length).toBeGreaterThanOrEqual(9);
      expect(previews.length).toBeLessThanOrEqual(10);
      await session.cancel();
      await expect(done).rejects.toMatchObject({ code: ScannerErrorCode.CAPTURE_CANCELLED });
    } finally {
      vi.useRealTimers();
    }
  });

  it('auto-captures after exactly N good frames; a NO_FINGER answer resets and it tries again', async () => {
    const f = fakeDriver();
    const session = new CaptureSession(f.driver, INFO, { goodFramesNeeded: 3 });
    const done = session.start();
    for (let i = 0; i < 2; i++) f.req.onPreview!({ frame: i, ...good, dpi: 125 });
    expect(f.calls).toEqual([]);
    f.req.onPreview!({ frame: 2, ...good, dpi: 125 });
    expect(f.calls).toEqual(['take']);
    f.req.onWarning!(new StationError(ScannerErrorCode.DEVICE_ERROR, 'no finger', { deviceError: 'NO_FINGER' }));
    expect(session.currentState).toBe('finger-lifted');
    for (let i = 3; i < 6; i++) f.req.onPreview!({ frame: i, ...good, dpi: 125 });
    expect(f.calls).toEqual(['take', 'take']);
    f.resolveImage({ frame: 6, width: 388, height: 374, dpi: 500, pixels: print.pixels });
    const r = await done;
    expect(r.autoCaptured).toBe(true);
    expect(r.image.pixels).toBe(print.pixels);
  });

  it('the overall timeout waits for an image already in transfer, then gives up with CaptureTimeout', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeDriver();
      const session = new CaptureSession(f.driver, INFO, { goodFramesNeeded: 1, timeoutMs: 1000 });
      const done = session.start();
      const outcome = done.then(() => 'image', (e: StationError) => e.code);
      await vi.advanceTimersByTimeAsync(900);
      f.req.onPreview!({ frame: 0, ...good, dpi: 125 }); // → capturing
      await vi.advanceTimersByTimeAsync(1000); // deadline passes during the transfer
      f.resolveImage({ frame: 1, width: 388, height: 374, dpi: 500, pixels: print.pixels });
      expect(await outcome).toBe('image');

      const g = fakeDriver();
      const late = new CaptureSession(g.driver, INFO, { timeoutMs: 1000 }).start().then(() => 'image', (e: StationError) => e.code);
      await vi.advanceTimersByTimeAsync(1001);
      expect(await late).toBe(ScannerErrorCode.CAPTURE_TIMEOUT);
      expect(g.calls).toEqual(['cancel']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('unplug (driver rejects with ScannerDisconnected) passes through typed', async () => {
    const f = fakeDriver();
    const done = new CaptureSession(f.driver, INFO).start();
    f.rejectImage(new StationError(ScannerErrorCode.DISCONNECTED, 'gone'));
    await expect(done).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED });
  });
});
