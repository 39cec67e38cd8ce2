import { defineConfig } from 'vitest/config';

// Two cores: keep file-level parallelism low so PGlite and sharp tests do not starve each other.
// Projects: unit and db run without per-file isolation: a worker imports the module graph (and compiles
// PGlite's WebAssembly) once for all its files instead of once per file; each db file still boots and closes its
// own system from the migrated template (src/testing/template.ts) that the global setup builds once per run, and
// a test that changes process-wide state (env, SIMD switch, spans) restores it. browser and the files below keep isolation.
// Kept isolated: the CLI commands and video tests share module state (vpdq.interop failed after hash-command in one
// worker). The /health latency tests (db-alone) run last and one at a time: they measure the event loop, which
// neither an earlier file's leftovers nor a neighbour's load may share (a p99 of 241 ms against a bound of 237 ms
// failed once beside the crash test's two server processes). Vitest queues the projects by name: the isolated
// unit files (cli-video, each in a fresh worker) go before db and unit, whose small files then fill both cores to
// the end instead of leaving the isolated ones as a tail on one.
const templates = 'src/testing/global-setup.ts';
const skip = ['**/node_modules/**', 'web/**'];
const browser = 'src/**/*.browser.db.test.ts';
const isolated = ['src/**/*command*.test.ts', 'src/video/**/*.test.ts'];
const alone = 'src/seizures/availability-*.db.test.ts';
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: [...skip, 'src/**/*.db.test.ts', ...isolated], isolate: false } },
      { extends: true, test: { name: 'cli-video', include: isolated, exclude: [...skip, 'src/**/*.db.test.ts'] } },
      {
        extends: true,
        test: { name: 'db', include: ['src/**/*.db.test.ts'], exclude: [...skip, browser, alone, ...isolated], globalSetup: [templates], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'db-isolated',
          include: isolated.map((g) => g.replace(/\.test\.ts$/, '.db.test.ts')),
          exclude: [...skip, browser],
          globalSetup: [templates],
        },
      },
      { extends: true, test: { name: 'browser', include: [browser], globalSetup: [templates] } },
      { extends: true, test: { name: 'db-alone', include: [alone], globalSetup: [templates], maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
