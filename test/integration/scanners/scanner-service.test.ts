import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { ScannerDiscovery } from '../../../electron/scanners/discovery';
import { ScannerService, type ScannerServiceEvent } from '../../../electron/scanners/scanner-service';
import { ScannerErrorCode } from '../../../electron/scanners/errors';
import { SimulatedHidModule } from '../../../electron/simulators/scanner/simulated-hid-module';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';
import { DEFAULT_SIM_IMAGE_FOLDER } from '../../../electron/simulators/scanner/image-folder';

// The service the IPC handlers call, over the simulated scanner (node-hid mocked: no USB scanner here).

const services: ScannerService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
});

function make(analyzer?: ConstructorParameters<typeof ScannerService>[0]['analyzer']) {
  const sim = new SimulatedHidModule();
  const discovery = new ScannerDiscovery({ modules: [sim], intervalMs: 50 });
  const service = new ScannerService({ discovery, analyzer, capture: { timeoutMs: 5000 } });
  services.push(service);
  const events: ScannerServiceEvent[] = [];
  service.on((e) => events.push(e));
  return { sim, service, events };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('ScannerService (node-hid mocked: no USB scanner here)', () => {
  it('follows plug and unplug without a restart and announces scanners-changed', async () => {
    const { sim, service, events } = make();
    expect(await service.start()).toEqual([]);
    const path = sim.plug({ timing: FAST_TIMING });
    await until(() => service.list().length === 1);
    expect(service.list()[0]).toMatchObject({ name: 'Simulated fingerprint scanner (training)', simulated: true, state: 'ready', vendorId: 0x1209 });
    sim.unplug(path);
    await until(() => service.list().length === 0);
    const changes = events.filter((e) => e.type === 'scanners-changed').map((e) => (e as { scanners: unknown[] }).scanners.length);
    expect(changes).toEqual([1, 0]);
  });

  it('test capture: state and preview events (JSON-safe), then capture-finished with image, quality and minutiae', async () => {
    const { sim, service, events } = make({ analyze: async () => ({ quality: 64, minutiae: [{ x: 10, y: 20, angle: 1, type: 'ending', quality: 80 }] }) });
    sim.plug({ timing: FAST_TIMING, image: '101_1.tif' });
    const [scanner] = await service.start();
    const { captureId } = service.startTestCapture(scanner.id);
    expect(service.list()[0]).toMatchObject({ state: 'capturing', captureId });
    expect(() => service.startTestCapture(scanner.id)).toThrow(expect.objectContaining({ code: ScannerErrorCode.BUSY }));
    await until(() => events.some((e) => e.type === 'capture-finished'));
    const finished = events.find((e) => e.type === 'capture-finished') as Extract<ScannerServiceEvent, { type: 'capture-finished' }>;
    expect(finished.error).toBeUndefined();
    expect(finished.result).toMatchObject({ captureId, simulated: true, autoCaptured: true, quality: { engine: 64 }, image: { width: 388, height: 374, dpi: 500 }, minutiae: [{ x: 10, y: 20 }] });
    expect(Buffer.from(finished.result!.image.pixelsBase64, 'base64').length).toBe(388 * 374);
    const preview = events.find((e) => e.type === 'capture-preview') as Extract<ScannerServiceEvent, { type: 'capture-preview' }>;
    expect(preview).toMatchObject({ captureId, scannerId: scanner.id, width: 97, height: 93 });
    expect(Buffer.from(preview.pixelsBase64, 'base64').length).toBe(97 * 93);
    expect(typeof preview.quality.feedback).toBe('string');
    expect(() => JSON.stringify(events)).not.toThrow();
    expect(events.filter((e) => e.type === 'capture-state').map((e) => (e as { state: string }).state)).toEqual(['waiting-for-finger', 'finger-present', 'capturing', 'done']);
    expect(service.list()[0].state).toBe('ready');
  });

  it('cancelCapture ends a test capture with SCANNER_CAPTURE_CANCELLED; unknown ids and scanners are refused', async () => {
    const { sim, service, events } = make();
    sim.plug({ timing: FAST_TIMING, behaviour: 'absent' });
    const [scanner] = await service.start();
    const { captureId } = service.startTestCapture(scanner.id);
    await until(() => events.some((e) => e.type === 'capture-state' && e.state === 'waiting-for-finger'));
    expect(await service.cancelCapture(captureId)).toBe(true);
    await until(() => events.some((e) => e.type === 'capture-finished'));
    expect(events.find((e) => e.type === 'capture-finished')).toMatchObject({ captureId, error: { code: ScannerErrorCode.CAPTURE_CANCELLED } });
    expect(await service.cancelCapture('nope')).toBe(false);
    expect(() => service.startTestCapture('hid:dead:beef:x')).toThrow(expect.objectContaining({ code: ScannerErrorCode.NOT_FOUND }));
  });

  it('unplug during a workflow capture rejects with ScannerDisconnected and the scanner leaves the list', async () => {
    const { sim, service } = make();
    const path = sim.plug({ timing: FAST_TIMING, behaviour: 'stays-left' });
    const [scanner] = await service.start();
    const capture = service.capture(scanner.id);
    setTimeout(() => sim.unplug(path), 200);
    await expect(capture).rejects.toMatchObject({ code: ScannerErrorCode.DISCONNECTED });
    await until(() => service.list().length === 0);
  });

  it('an image file as the source records path and SHA-256 of the exact bytes, not simulated', async () => {
    const { service } = make({ analyze: async () => ({ quality: 55, minutiae: [] }) });
    const file = `${DEFAULT_SIM_IMAGE_FOLDER}/102_3.tif`;
    const fp = await service.captureFromFile(file);
    expect(fp.origin).toEqual({ source: 'file', path: file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') });
    expect(fp).toMatchObject({ simulated: false, autoCaptured: false, quality: { engine: 55 }, image: { width: 388, height: 374, dpi: 500 } });
    const again = await service.captureFromFile(file);
    expect(again.captureId).not.toBe(fp.captureId);
    await expect(service.captureFromFile('/nonexistent/x.tif')).rejects.toMatchObject({ code: 'IMAGE_FILE_UNREADABLE' });
  });
});

describe('ScannerService with the real fingerprint engine (node-hid mocked: no USB scanner here)', () => {
  it('a test capture of a simulated finger comes back with the engine quality and minutiae for the overlay (extracted on the worker thread)', async () => {
    const { createEngineAnalyzer } = await import('../../../electron/scanners/engine-analyzer');
    const { createWorkerExtractor } = await import('../../../electron/fingerprints/extractor');
    const extractor = createWorkerExtractor({ onFallback: (e) => expect.fail(`worker thread did not start: ${e.message}`) });
    onTestFinished(() => extractor.close());
    const { sim, service, events } = make(createEngineAnalyzer(extractor));
    sim.plug({ timing: FAST_TIMING, image: '101_1.tif' });
    const [scanner] = await service.start();
    const { captureId } = service.startTestCapture(scanner.id);
    await until(() => events.some((e) => e.type === 'capture-finished'), 15_000);
    const finished = events.find((e) => e.type === 'capture-finished') as Extract<ScannerServiceEvent, { type: 'capture-finished' }>;
    expect(finished.error).toBeUndefined();
    expect(finished.result!.captureId).toBe(captureId);
    expect(finished.result!.quality.engine).toBeGreaterThan(20);
    expect(finished.result!.minutiae.length).toBeGreaterThan(10);
    for (const m of finished.result!.minutiae) {
      expect(m.x).toBeGreaterThanOrEqual(0);
      expect(m.x).toBeLessThan(388);
    }
  }, 20_000);
});
