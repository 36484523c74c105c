import { defineConfig } from 'vitest/config';

/** Runs bench/screen-cost.bench.ts alone: two builds of the renderer in Chromium, one after the other. */
export default defineConfig({
  test: {
    include: ['bench/screen-cost.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
