import { defineConfig } from 'vitest/config';

/** Runs bench/floor.bench.ts alone (the service as its own process, the lead's app in Chromium: one long run). */
export default defineConfig({
  test: {
    include: ['bench/floor.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
