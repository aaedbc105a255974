#!/usr/bin/env node
// The `station` command. Runs the TypeScript sources through tsx so the CLI needs no build step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// Batch commands that extract many images allocate full-size planes at a high rate; V8 then grows its
// young generation to ~50 MB of mostly garbage. A 2 MB semi-space keeps `fingerprint bench` ~60 MB
// smaller at the same speed (docs/benchmarks.md). V8 takes the flag only at start-up, so these
// commands re-run themselves once with it; every other command (long-running ones included) runs as is.
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=2';
const BATCH_COMMANDS = [['fingerprint', 'bench']];
const argv = process.argv.slice(2);
const isBatch = BATCH_COMMANDS.some((path) => path.every((word, i) => argv[i] === word));
if (isBatch && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const child = spawnSync(process.execPath, [...process.execArgv, SMALL_YOUNG_GENERATION, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit' });
  if (child.error) throw child.error;
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runCli, processIo } = await import(join(root, 'electron/cli/main.ts'));
const code = await runCli(argv, processIo);
process.exitCode = code;
