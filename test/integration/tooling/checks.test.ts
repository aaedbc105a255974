import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

// The static checks run as tests so that CI's one `N passed, N failed` line counts them.
function run(args: string[]) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`.trim() };
}

describe('static checks of the whole tree', () => {
  for (const layer of ['electron', 'renderer', 'test']) {
    it(`typechecks the ${layer} layer`, () => {
      const r = run(['node_modules/typescript/bin/tsc', '-p', `${layer}/tsconfig.json`, '--noEmit']);
      expect(r.output).toBe('');
      expect(r.status).toBe(0);
    }, 600_000);
  }

  it('passes eslint (layer rules, security plugin) with no warnings', () => {
    const r = run(['node_modules/eslint/bin/eslint.js', '--max-warnings=0', '.']);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 600_000);
});
