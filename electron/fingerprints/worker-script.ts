/**
 * Where the worker thread's code is. The built app (scripts/build.mjs) bundles worker-main.ts into
 * `fingerprint-worker.cjs` beside main.cjs, inside app.asar (Electron loads worker scripts from asar).
 * A source checkout (`tsx`, browser mode, vitest) runs worker-main.ts itself: the thread registers tsx
 * on its own, because vitest's own transform does not reach a thread and `--import tsx` may be absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ADDON_PATH_ENV, addonCandidates } from '../biometrics/native';

/** The bundled worker's file name, next to the bundled main process (scripts/build.mjs writes it). */
export const BUILT_WORKER_FILE = 'fingerprint-worker.cjs';
const SOURCE_WORKER_FILE = 'worker-main.ts';

/**
 * The thread looks for the addon where the main process would (the packaged app's resources folder is
 * known only to the main process), so both load the same file.
 */
function workerEnv(): NodeJS.ProcessEnv {
  const addon = addonCandidates().find((p) => existsSync(p));
  return addon ? { ...process.env, [ADDON_PATH_ENV]: addon } : { ...process.env };
}

/** tsx's ESM API, found through its package exports (its CommonJS build cannot register the hooks). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

export function spawnFingerprintWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, BUILT_WORKER_FILE);
  if (existsSync(built)) return new Worker(built, { env: workerEnv() });
  const entry = pathToFileURL(join(here, SOURCE_WORKER_FILE)).href;
  const boot = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, env: workerEnv(), execArgv: [] });
}
