// Process roles (issue 18 item 1): an api process serves HTTP but runs no job workers; a worker process
// serves /health only and runs the jobs. On the server, a worker started later on the same schema
// processes what the api process queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, startTestSystem, type TestSystem } from '../testing/harness.js';
import { generatedImage } from '../seizures/fixtures.js';
import { newCase, newSeizure, upload, waitComplete } from '../seizures/testkit.js';

let api: TestSystem;
beforeAll(async () => {
  api = await startTestSystem({ ICSE_ROLE: 'api' });
});
afterAll(async () => {
  await api?.close();
});

const as = 'de.investigator@demo.icse';

describe('roles', () => {
  it('an api process queues ingest work but does not process it; a worker process answers /health only', async () => {
    expect((await api.api('GET', '/health')).json()).toMatchObject({ role: 'api' });
    const seizure = await newSeizure(api, as, await newCase(api, as, 'ROLE-1'), 'roles');
    expect(
      (
        await upload(api, as, seizure, [
          { name: 'a.jpg', data: await generatedImage(501) },
          { name: 'b.jpg', data: await generatedImage(502) },
        ])
      ).statusCode,
    ).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 2000));
    const items = await api.ctx.db.selectFrom('seizure_items').select('status').where('seizure_id', '=', seizure).execute();
    expect(items.map((i) => i.status)).toEqual(['pending', 'pending']);

    if (dbKind !== 'postgres') return; // PGlite: one process per data dir, so no second process
    const worker = await startTestSystem({ ICSE_ROLE: 'worker', ICSE_DB_SCHEMA: api.config.databaseSchema });
    try {
      expect((await worker.api('GET', '/health')).json()).toMatchObject({ status: 'ok', role: 'worker' });
      const r = await worker.app.inject({ method: 'GET', url: '/api/v1/cases' });
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toMatch(/worker process serves only \/health/);
      await waitComplete(api, as, seizure);
    } finally {
      await worker.close();
    }
  });

  it.runIf(dbKind === 'pglite')('a worker process alone answers /health only', async () => {
    const worker = await startTestSystem({ ICSE_ROLE: 'worker' });
    try {
      expect((await worker.api('GET', '/health')).json()).toMatchObject({ status: 'ok', role: 'worker' });
      expect((await worker.app.inject({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(404);
    } finally {
      await worker.close();
    }
  });
});
