import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` runs src/lib against the real DuckDB-WASM (Node build);
 * `browser` builds the site, serves it under a sub-path and drives headless
 * Chromium. Every test has a timeout: a hang must fail, not stall CI.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/lib/**/*.test.ts', 'test/cli/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          // Longer than the waits inside one test (test/browser/chromium.ts: 90 s a wait,
          // 180 s a load or CLI run), several of which a test makes on a busy machine.
          testTimeout: 900_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
