import { defineConfig } from 'vitest/config';

// Two cores: keep file-level parallelism low so PGlite and sharp tests do not starve each other.
// Three projects: unit tests share one module graph per worker (isolate: false; they start no system and keep
// no state across files); database/HTTP and browser tests each boot their own system from the migrated
// template (src/testing/template.ts) that the global setup builds once per run.
const templates = 'src/testing/global-setup.ts';
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'web/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['**/node_modules/**', 'web/**', 'src/**/*.db.test.ts'], isolate: false } },
      { extends: true, test: { name: 'db', include: ['src/**/*.db.test.ts'], exclude: ['**/node_modules/**', 'web/**', 'src/**/*.browser.db.test.ts'], globalSetup: [templates] } },
      { extends: true, test: { name: 'browser', include: ['src/**/*.browser.db.test.ts'], globalSetup: [templates] } },
    ],
  },
});
