/**
 * The built app runs the worker thread from its own bundle beside main.cjs (scripts/build.mjs), where
 * electron/fingerprints/worker-script.ts looks for it. Built into a temporary folder, so it never races
 * the packaging smoke test over dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../electron/biometrics/image/decode';
import { extractFeatures } from '../../../electron/biometrics/extract';
import { FingerprintWorker } from '../../../electron/fingerprints/fingerprint-worker';
import { BUILT_WORKER_FILE } from '../../../electron/fingerprints/worker-script';
import { DB1, imagePath } from '../../unit/biometrics/fixtures';

const out = mkdtempSync(join(tmpdir(), 'station-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('fingerprint worker in the built app', () => {
  it('is bundled beside main.cjs and extracts exactly as the source does', async () => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', 'main'], { encoding: 'utf8', env: { ...process.env, STATION_BUILD_DIR: out }, timeout: 120_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(existsSync(join(out, 'main', 'main.cjs'))).toBe(true);
    const bundle = join(out, 'main', BUILT_WORKER_FILE);
    expect(existsSync(bundle)).toBe(true);
    // Self-contained: only Node built-ins are left to require (the addon is found at run time).
    const required = [...readFileSync(bundle, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.filter((m) => !m.startsWith('node:') && !['url', 'module', 'path', 'fs', 'worker_threads'].includes(m))).toEqual([]);

    const w = new FingerprintWorker(() => new Worker(bundle));
    try {
      const bytes = new Uint8Array(readFileSync(imagePath(DB1, '102_4')));
      const copy = bytes.slice().buffer;
      expect(await w.run({ kind: 'bytes', engine: 'native', bytes: copy }, [copy])).toEqual(extractFeatures(decodeImage(bytes, { dpi: 500 }), { engine: 'native' }));
    } finally {
      await w.close();
    }
  }, 180_000);
});
