// Packaging smoke test: `electron-builder --linux dir` with the project's real config. Where the Electron
// binary is absent (no internet), a stand-in electronDist is used and fuses are skipped (they patch the
// real binary); everything else — file selection, asar, native modules, extra resources — is exercised.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const realDist = join(root, 'node_modules', 'electron', 'dist');
const useReal = existsSync(join(realDist, 'electron'));
const require = createRequire(import.meta.url);
const config = require('js-yaml').load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
config.npmRebuild = false;

if (!useReal) {
  const standIn = join(root, '.cache', 'electron-standin');
  mkdirSync(join(standIn, 'resources'), { recursive: true });
  writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (packaging smoke test)"\n');
  chmodSync(join(standIn, 'electron'), 0o755);
  writeFileSync(join(standIn, 'version'), '45.5.0');
  writeFileSync(join(standIn, 'LICENSE'), 'stand-in\n');
  config.electronDist = standIn;
  config.electronFuses = null;
  console.log('package:dir: Electron binary not installed; using a stand-in electronDist (fuses skipped).');
}
if (!existsSync(join(root, 'dist', 'main', 'main.cjs'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
mkdirSync(join(root, 'native', 'build', 'Release'), { recursive: true });
rmSync(join(root, 'release', 'linux-unpacked'), { recursive: true, force: true });
process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
const { build, Platform } = require('electron-builder');
// Hand electron-builder one config file: given an object it would also merge electron-builder.yml again.
const smokeConfig = join(root, '.cache', 'electron-builder.smoke.json');
mkdirSync(join(root, '.cache'), { recursive: true });
writeFileSync(smokeConfig, JSON.stringify(config, null, 2));
await build({ targets: Platform.LINUX.createTarget('dir'), config: smokeConfig, projectDir: root });
console.log('package:dir: release/linux-unpacked is ready');
