import { defineConfig } from 'vitest/config';

/** Runs bench/practice.bench.ts alone: fresh starts to a practice call ringing, clip sizes, CPU against a real call. */
export default defineConfig({
  test: {
    include: ['bench/practice.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
