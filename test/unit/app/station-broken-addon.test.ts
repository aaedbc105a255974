import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Its own file: the addon is loaded once per process, so this needs a fresh one (vitest forks per file).
const bogus = join(mkdtempSync(join(tmpdir(), 'addon-')), 'station_biometrics.node');
writeFileSync(bogus, 'not a shared object');
process.env.STATION_NATIVE_ADDON = bogus;
afterAll(() => {
  delete process.env.STATION_NATIVE_ADDON;
});

describe('Station with a broken fingerprint addon (node-hid and pcsclite switched off)', () => {
  it('reports a clear startup message instead of crashing', async () => {
    const { Station } = await import('../../../electron/app/station');
    const { createLogger } = await import('../../../electron/app/logger');
    const { loadNativeKernels } = await import('../../../electron/biometrics/native');
    expect(() => loadNativeKernels()).toThrowError(expect.objectContaining({ code: 'NATIVE_ADDON_UNAVAILABLE' }));
    const lines: string[] = [];
    const station = await Station.open({
      mode: 'browser',
      databasePath: join(mkdtempSync(join(tmpdir(), 'station-app-')), 'station.db'),
      simulate: 'never',
      log: createLogger((l) => lines.push(l)),
      devices: { pcsc: null, hid: null },
    });
    try {
      expect(station.fingerprintEngine.available).toBe(false);
      expect(station.fingerprintEngine.message).toContain('npm run build:native');
      expect(lines.join('\n')).toContain('station.fingerprint-engine-unavailable');
    } finally {
      await station.close();
    }
  });

  it('the worker thread meets the same broken addon: a typed error for the native engine, the TypeScript kernels otherwise; shutdown stops it', async () => {
    const { Station } = await import('../../../electron/app/station');
    const { createLogger } = await import('../../../electron/app/logger');
    const { extractFeatures } = await import('../../../electron/biometrics/extract');
    const { decodeImage } = await import('../../../electron/biometrics/image/decode');
    const { DB1, imagePath } = await import('../biometrics/fixtures');
    const image = decodeImage(readFileSync(imagePath(DB1, '101_1')), { dpi: 500 });
    const station = await Station.open({
      mode: 'browser',
      databasePath: join(mkdtempSync(join(tmpdir(), 'station-app-')), 'station.db'),
      simulate: 'never',
      log: createLogger(() => undefined),
      devices: { pcsc: null, hid: null },
    });
    try {
      await expect(station.fingerprints.extract(image, { engine: 'native' })).rejects.toMatchObject({ code: 'NATIVE_ADDON_UNAVAILABLE', message: expect.stringContaining('npm run build:native') });
      expect(await station.fingerprints.extract(image)).toEqual(extractFeatures(image, { engine: 'typescript' }));
    } finally {
      await station.close();
    }
    await expect(station.fingerprints.extract(image)).rejects.toMatchObject({ code: 'FINGERPRINT_WORKER_STOPPED' });
  }, 30_000);
});
