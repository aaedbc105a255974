import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without types
import { scan } from '../../../scripts/electronegativity.mjs';

type Finding = { issue: string; severity: string };

describe('electronegativity scan', () => {
  it('reports no HIGH finding on our main process, preload and HTML shell', () => {
    const findings = scan() as Finding[];
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
  }, 240_000);

  it('does report HIGH findings on a deliberately insecure window (the scan can fail)', () => {
    const findings = scan(['main'], 'test/fixtures/electron-insecure') as Finding[];
    const high = findings.filter((f) => f.severity === 'HIGH').map((f) => f.issue);
    expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
  }, 240_000);
});
