import { defineConfig } from 'vitest/config';

// Two cores: keep file-level parallelism low so PGlite and sharp tests do not starve each other.
// Three projects. unit and db run without per-file isolation: a worker imports the module graph (and compiles
// PGlite's WebAssembly) once for all its files instead of once per file; each db file still boots and closes its
// own system from the migrated template (src/testing/template.ts) that the global setup builds once per run, and
// a test that changes process-wide state (env, SIMD switch, spans) restores it. browser keeps isolation.
const templates = 'src/testing/global-setup.ts';
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'web/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['**/node_modules/**', 'web/**', 'src/**/*.db.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts'],
          exclude: ['**/node_modules/**', 'web/**', 'src/**/*.browser.db.test.ts'],
          globalSetup: [templates],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'browser', include: ['src/**/*.browser.db.test.ts'], globalSetup: [templates] } },
    ],
  },
});
