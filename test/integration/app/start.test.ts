import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('npm start when the Electron binary is missing (it cannot be downloaded here)', () => {
  it('says so and points to browser mode, without a stack trace', () => {
    // An electron package folder without dist/ — what `npm install` leaves when the download is refused.
    const pkg = join(mkdtempSync(join(tmpdir(), 'no-electron-')), 'electron');
    cpSync('node_modules/electron/package.json', join(pkg, 'package.json'));
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], { encoding: 'utf8', env: { ...process.env, STATION_NO_DOWNLOAD: '1', STATION_ELECTRON_PACKAGE: pkg }, timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run start:browser');
    expect(r.stderr).toContain('Electron binary');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
