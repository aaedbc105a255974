// Builds everything the Electron app runs: the renderer (vite), the main process and the sandboxed
// preload (both CommonJS bundles). Browser mode needs only the renderer; the CLI runs from source.
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

async function renderer() {
  await build({ configFile: `${root}/vite.config.ts`, logLevel: "warn" });
}

async function main() {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: `${root}/electron/main/main.ts`,
      outDir: `${root}/dist/main`,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: false,
      rollupOptions: {
        external: ['electron', ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: 'main.cjs' },
      },
    },
  });
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
      outDir: `${root}/dist/preload`,
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
