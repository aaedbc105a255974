#!/usr/bin/env node
// The `station` command. Runs the TypeScript sources through tsx so the CLI needs no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runCli, processIo } = await import(join(root, 'electron/cli/main.ts'));
const code = await runCli(process.argv.slice(2), processIo);
process.exitCode = code;
