import { defineConfig } from 'vitest/config';

/** Runs bench/monitor.bench.ts alone (it drives the real lab: one long run, no parallelism). */
export default defineConfig({
  test: {
    include: ['bench/monitor.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
