// The job queue on PGlite and on the server: a job enqueued in a rolled-back transaction never runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('job queue', () => {
  it('runs committed jobs and never rolled-back ones', async () => {
    const seen: string[] = [];
    await expect(sys.ctx.db.transaction().execute((trx) => sys.ctx.jobs.send('not-created-yet', { tag: 'x' }, { trx }))).rejects.toThrow(/ensureQueue/);
    await sys.ctx.jobs.work<{ tag: string }>('test-echo', async (data) => {
      seen.push(data.tag);
    });
    await sys.ctx.db.transaction().execute(async (trx) => {
      await sys.ctx.jobs.send('test-echo', { tag: 'committed' }, { trx });
    });
    await sys.ctx.db
      .transaction()
      .execute(async (trx) => {
        await sys.ctx.jobs.send('test-echo', { tag: 'rolled-back' }, { trx });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await sys.ctx.jobs.send('test-echo', { tag: 'direct' });
    const deadline = Date.now() + 20_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen.sort()).toEqual(['committed', 'direct']);
  });
});
