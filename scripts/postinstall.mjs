// After `npm install`: build our Node-API addon (native/) with node-gyp. Node-API is ABI-stable, so the
// same binary loads in Node (CLI, tests, browser mode) and in Electron. A failed build is reported with
// what to do; the station then refuses to match fingerprints with a clear error instead of crashing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  for (const candidate of ['node-gyp/bin/node-gyp.js', 'npm/node_modules/node-gyp/bin/node-gyp.js']) {
    try {
      return require.resolve(candidate);
    } catch {
      /* try the next one */
    }
  }
  const bundled = join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(bundled) ? bundled : null;
}

if (existsSync(join(root, 'native', 'binding.gyp'))) {
  const gyp = nodeGyp();
  if (!gyp) {
    console.error('postinstall: node-gyp not found; the fingerprint addon was not built. Install node-gyp (npm i -g node-gyp) and run `npm run build:native`.');
  } else {
    const r = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', join(root, 'native')], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('postinstall: building the fingerprint addon failed (see above). Install a C++ toolchain and Python 3 (Debian: apt-get install build-essential python3), then run `npm run build:native`.');
      if (process.env.CI) process.exitCode = 1;
    }
  }
}
