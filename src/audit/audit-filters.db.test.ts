// The DPO's audit filters: action from the list of recorded actions, the actor's email, a date range; CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});
const DPO = 'dpo@demo.icse';

describe('audit filters', () => {
  it('filters by action, actor email (any case) and date range, lists the actions and exports CSV', async () => {
    const c = (await sys.api('POST', '/api/v1/cases', { as: 'de.investigator@demo.icse', body: { reference: 'AF-1', title: 'filtered' } })).json();
    await sys.api('GET', `/api/v1/cases/${c.id}`, { as: 'fr.investigator@demo.icse' });
    const actions = (await sys.api('GET', '/api/v1/audit/actions', { as: DPO })).json().actions as string[];
    expect(actions).toEqual([...actions].sort());
    expect(actions).toContain('case.create');

    const byEmail = (await sys.api('GET', '/api/v1/audit?actorEmail=DE.Investigator@demo.icse&action=case.create', { as: DPO })).json().entries;
    expect(byEmail.map((e: { object_id: string }) => e.object_id)).toEqual([String(c.id)]);
    expect(byEmail.every((e: { actor_email: string }) => e.actor_email === 'de.investigator@demo.icse')).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await sys.api('GET', `/api/v1/audit?action=case.create&from=${today}&to=${today}`, { as: DPO })).json().entries.length).toBeGreaterThanOrEqual(1);
    expect((await sys.api('GET', `/api/v1/audit?action=case.create&from=${tomorrow}`, { as: DPO })).json().entries).toEqual([]);
    expect((await sys.api('GET', '/api/v1/audit?from=2026-01-01&to=2026-01-01', { as: DPO })).json().entries).toEqual([]);
    const bad = await sys.api('GET', '/api/v1/audit?to=yesterday', { as: DPO });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/not a date/);

    const csv = await sys.api('GET', '/api/v1/audit?format=csv&action=case.create&actorEmail=de.investigator@demo.icse', { as: DPO });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor_email,actor_country,action,object_type,object_id,ip,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',de.investigator@demo.icse,DE,case.create,case,');
    const exported = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.export'`.execute(sys.ctx.db)).rows[0]!.n;
    expect(exported).toBe(1);
    expect((await sys.api('GET', '/api/v1/audit/actions', { as: 'fr.investigator@demo.icse' })).statusCode).toBe(403);
  });
});
