import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,shared,service,renderer,test/integration}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep one worker per core so kill-loop and service tests do not starve each other.
    maxWorkers: 2,
  },
});
