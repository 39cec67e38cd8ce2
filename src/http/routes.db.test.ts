// Every registered route must declare an access rule; bad requests get a readable 4xx, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('routes', () => {
  it('every route declares an access rule', () => {
    expect(sys.app.routeTable.length).toBeGreaterThan(10);
    const missing = sys.app.routeTable.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every non-public route refuses an anonymous caller with 401', async () => {
    const guarded = sys.app.routeTable.filter((r) => r.access && !('public' in r.access));
    for (const r of guarded) {
      const url = r.url.replace(/:(\w+)/g, '1').replace('*', 'x');
      const res = await sys.app.inject({ method: r.method as 'GET', url });
      expect.soft(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('serves the OpenAPI document and docs', async () => {
    const doc = (await sys.api('GET', '/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    expect((await sys.api('GET', '/docs/')).statusCode).toBe(200);
    const health = (await sys.api('GET', '/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: sys.ctx.database.kind, role: 'all', pid: process.pid, queue: { name: 'ingest.process' } });
    expect(health.indexes).toMatchObject({
      media: { size: sys.ctx.matcher.size },
      frames: { size: sys.ctx.matcher.frameCount },
      robust: { size: sys.ctx.matcher.robustSize },
    });
    expect(health.audit.head).toBeGreaterThanOrEqual(0);
  });
});

describe('bad requests', () => {
  it('malformed JSON, wrong types, missing fields, oversized bodies get 4xx with a message', async () => {
    const cases: Array<[string, Parameters<TestSystem['api']>[2], number]> = [
      ['malformed', { body: '{"email":', headers: { 'content-type': 'application/json' } }, 400],
      ['wrong type', { body: { email: 5, password: [] } }, 400],
      ['missing field', { body: { email: 'a@b.c' } }, 400],
      ['extra field', { body: { email: 'a@b.c', password: 'x', admin: true } }, 400],
      ['oversized', { body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } }, 413],
      ['wrong content type', { body: 'hello', headers: { 'content-type': 'text/plain' } }, 415], // text/plain is what a cross-site form can send (issue 14 item 13)
      ['unknown content type', { body: 'hello', headers: { 'content-type': 'application/x-unknown' } }, 415],
    ];
    for (const [name, opts, status] of cases) {
      const res = await sys.api('POST', '/api/v1/auth/login', opts);
      expect.soft(res.statusCode, name).toBe(status);
      expect.soft(typeof res.json().message, name).toBe('string');
    }
    const badId = await sys.api('GET', '/api/v1/cases/abc', { as: 'fr.investigator@demo.icse' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toMatch(/id/);
  });
});
