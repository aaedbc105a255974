import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/global.ts'],
    // Integration tests share pcscd and the vpcd ports: run files one at a time there.
    fileParallelism: true,
    pool: 'forks',
    reporters: process.env.CI_JSON ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
