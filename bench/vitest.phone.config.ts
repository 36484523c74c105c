import { defineConfig } from 'vitest/config';

/** Runs bench/phone.bench.ts alone (it drives the real lab: one long run, no parallelism). */
export default defineConfig({
  test: {
    include: ['bench/phone.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 1_200_000,
    hookTimeout: 120_000,
  },
});
