import { defineConfig } from 'vitest/config';

// Two cores: keep file-level parallelism low so PGlite and sharp tests do not starve each other.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // Migrated embedded-database templates, built once per run (src/testing/template.ts).
    globalSetup: ['src/testing/global-setup.ts'],
  },
});
