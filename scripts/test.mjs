// `npm test`: the whole suite. Builds the app, then runs Vitest (unit + integration, including the
// typecheck, lint, electronegativity and packaging checks) and Playwright (the renderer in Chromium
// through browser mode), each writing a JSON report, and prints one `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const node = process.execPath;
const run = (label, args, env = {}) => {
  console.log(`\n=== ${label}`);
  const r = spawnSync(node, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
};

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const steps = [];
steps.push(['build', run('build (renderer, main, preload)', ['scripts/build.mjs'])]);
steps.push(['vitest', run('vitest: unit and integration tests', ['node_modules/vitest/vitest.mjs', 'run'], { CI_JSON: '1' })]);
steps.push(['playwright', run('playwright: renderer in Chromium via browser mode', ['node_modules/@playwright/test/cli.js', 'test'])]);
console.log('');
const summary = spawnSync(node, ['scripts/summarize-tests.mjs'], { stdio: 'inherit' });
const failedSteps = steps.filter(([, ok]) => !ok).map(([name]) => name);
if (failedSteps.length) console.error(`failed steps: ${failedSteps.join(', ')}`);
process.exitCode = failedSteps.length === 0 && summary.status === 0 ? 0 : 1;
