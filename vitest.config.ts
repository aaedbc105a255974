import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/global.ts'],
    // Files run in parallel; tests that need a vpcd reader take its port's lock file first
    // (test/integration/support), so they queue for the virtual card instead of colliding.
    fileParallelism: true,
    pool: 'forks',
    reporters: process.env.CI_JSON ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
