// `npm start`: the desktop app. Needs the Electron binary, which `npm install` cannot fetch without
// internet; then we say so and point to browser mode instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// STATION_ELECTRON_PACKAGE lets a test point at a package folder without the binary.
const electronPkg = process.env.STATION_ELECTRON_PACKAGE ?? join(root, 'node_modules', 'electron');

function electronBinary() {
  try {
    const rel = readFileSync(join(electronPkg, 'path.txt'), 'utf8').trim();
    const bin = join(electronPkg, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function explainMissing(reason) {
  console.error(`
Issuance Station needs the Electron binary for the desktop app, and it is not installed
(${reason}).

  • With internet access: run \`npm install\` again (or \`node node_modules/electron/install.js\`).
  • Without it, use browser mode — the same app in Chromium, served on 127.0.0.1 only:

        npm run start:browser
`);
  process.exit(1);
}

let bin = electronBinary();
if (!bin && !process.env.STATION_NO_DOWNLOAD && existsSync(join(electronPkg, 'install.js'))) {
  console.log('Downloading the Electron binary (first start)…');
  const dl = spawnSync(process.execPath, [join(electronPkg, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  bin = electronBinary();
  if (!bin) explainMissing(`the download failed: ${(dl.stderr || 'no answer').trim().split('\n')[0]} — no internet here?`);
}
if (!bin) explainMissing(existsSync(electronPkg) ? 'the download was not attempted (STATION_NO_DOWNLOAD) or did not complete' : 'the electron package is not installed');

const version = JSON.parse(readFileSync(join(electronPkg, 'package.json'), 'utf8')).version;
const abiDir = join(root, '.cache', `electron-${version}-abi`);

/**
 * better-sqlite3 and pcsclite are not Node-API modules: Electron needs its own build of them. We build
 * copies in .cache so node_modules stays on Node's ABI for the CLI and tests. The user's ~/.npmrc may set
 * nodedir, which would silently build against Node's headers: drop it for this build.
 */
function electronNativeCopies() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(k)) delete env[k];
  const gyp = join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  for (const pkg of ['better-sqlite3', 'pcsclite']) {
    const dest = join(abiDir, pkg);
    if (existsSync(join(dest, '.built'))) continue;
    rmSync(dest, { recursive: true, force: true });
    cpSync(join(root, 'node_modules', pkg), dest, { recursive: true });
    const r = spawnSync(process.execPath, [gyp, 'rebuild', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--devdir=${join(root, '.cache', 'electron-gyp')}`], { cwd: dest, stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`Building ${pkg} for Electron ${version} failed. Browser mode still works: npm run start:browser`);
      process.exit(1);
    }
    cpSync(join(dest, 'package.json'), join(dest, '.built'));
  }
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
electronNativeCopies();
const child = spawn(bin, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    STATION_SQLITE_BINDING: join(abiDir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    STATION_PCSCLITE_MODULE: join(abiDir, 'pcsclite'),
  },
});
child.on('exit', (code) => process.exit(code ?? 0));
