import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium with the built extension, the real registry, pages under real host
// names. One file at a time: each starts its own browser and servers.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
