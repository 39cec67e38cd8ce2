// Crash test (200 images): a real server process is SIGKILLed mid-ingest and restarted; the client re-sends
// everything; the triage equals an uninterrupted run's, with no item lost or doubled.
// The 2,000-image version: `npm run test:crash`. On PGlite both servers start from the run's migrated template
// (the boot from an empty cluster is the template build's and the other tests' business).
import { describe, expect, inject, it } from 'vitest';
import { runCrashScenario } from './crash.js';

describe('crash mid-ingest', () => {
  it('completes after SIGKILL and restart with the same triage as an uninterrupted run', async () => {
    const r = await runCrashScenario({ n: 200, chunk: 25, template: inject('pgliteTemplates')?.demo });
    expect(r.itemsBeforeKill).toBeGreaterThan(0);
    expect(r.processedBeforeKill).toBeGreaterThan(0); // killed with processing under way
    expect(r.interrupted.count).toBe(200);
    expect(r.interrupted.distinctPaths).toBe(200);
    expect(r.reference.count).toBe(200);
    expect(r.interrupted.byPath).toEqual(r.reference.byPath);
    expect(Object.values(r.reference.byPath).filter((v) => v.startsWith('error|')).length).toBe(2); // the empty files
    expect(Object.values(r.reference.byPath).filter((v) => v.includes('duplicate')).length).toBe(4);
  }, 170_000);
});
