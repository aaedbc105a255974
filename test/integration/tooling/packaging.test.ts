import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

describe('packaging smoke test: electron-builder --linux dir', () => {
  it('packs the built app into an asar with main (and its fingerprint worker), preload, renderer and the native modules unpacked', () => {
    const r = spawnSync(process.execPath, ['scripts/package-dir.mjs'], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const asar = 'release/linux-unpacked/resources/app.asar';
    expect(existsSync(asar)).toBe(true);
    const files: string[] = require('@electron/asar').listPackage(asar, {});
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/dist/main/main.cjs', '/dist/main/fingerprint-worker.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html']));
    expect(files.some((f) => f.startsWith('/electron/') || f.startsWith('/test/'))).toBe(false);
    expect(existsSync('release/linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3')).toBe(true);
  }, 600_000);
});
