// Reads the Vitest and Playwright JSON reports and prints one plain line: `N passed, N failed`
// (plus `, N skipped` when any were skipped). Exit code: 0 only if something ran, nothing failed,
// nothing was skipped, and both reports exist.
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  { name: 'vitest', path: 'test-results/vitest.json', read: (r) => ({ passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0), skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) }) },
  { name: 'playwright', path: 'test-results/playwright.json', read: (r) => ({ passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0), failed: (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0), skipped: r.stats?.skipped ?? 0 }) },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
for (const rep of reports) {
  if (!existsSync(rep.path)) {
    failed += 1;
    notes.push(`${rep.name}: no report at ${rep.path} (the runner did not finish)`);
    continue;
  }
  try {
    const c = rep.read(JSON.parse(readFileSync(rep.path, 'utf8')));
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    notes.push(`${rep.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  } catch (e) {
    failed += 1;
    notes.push(`${rep.name}: unreadable report (${e.message})`);
  }
}
for (const n of notes) console.error(n);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = passed > 0 && failed === 0 && skipped === 0 ? 0 : 1;
