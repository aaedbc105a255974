// Builds everything the Electron app runs: the renderer (vite), the main process with its fingerprint
// worker thread, and the sandboxed preload (CommonJS bundles). Browser mode needs only the renderer;
// the CLI runs from source.
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
// Tests build into a temporary folder (STATION_BUILD_DIR) so they never race the packaging smoke test.
const dist = process.env.STATION_BUILD_DIR ?? `${root}/dist`;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

async function renderer() {
  await build({ configFile: `${root}/vite.config.ts`, logLevel: "warn" });
}

async function main() {
  await build(mainProcessBundle(`${root}/electron/main/main.ts`, 'main.cjs', true));
  // The worker thread's own bundle beside main.cjs, where electron/fingerprints/worker-script.ts looks.
  await build(mainProcessBundle(`${root}/electron/fingerprints/worker-main.ts`, 'fingerprint-worker.cjs', false));
}

function mainProcessBundle(entry, fileName, emptyOutDir) {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir: `${dist}/main`,
      emptyOutDir,
      target: 'node20',
      sourcemap: false,
      rollupOptions: {
        external: ['electron', ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: fileName },
      },
    },
  };
}

async function preload() {
  // A sandboxed preload can require only 'electron' and a few builtins: bundle everything else in.
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: `${root}/electron/preload/preload.ts`,
      outDir: `${dist}/preload`,
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: 'preload.cjs' },
      },
    },
  });
}

const steps = { renderer, main, preload };
for (const [name, step] of Object.entries(steps)) {
  if (only && only !== name) continue;
  const t = Date.now();
  await step();
  console.log(`built ${name} in ${Date.now() - t} ms`);
}
