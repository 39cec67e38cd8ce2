// Retention review of case data: 99-year default, review due 6 months before, owner or its NCB sets a new
// date with a justification (kept, audited), DPO and NCB lists scoped by country, 404/403/400 where due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows } from '../series/test-media.js';
import { addDays, isoDate } from '../shared/dates.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_NCB = 'de.ncb@demo.icse',
  DPO = 'dpo@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const inDays = (n: number) => addDays(new Date(), n);
const dueIds = async (as: string, q = '') =>
  ((await sys.api('GET', `/api/v1/retention/due${q}`, { as })).json().cases as Array<{ caseId: number }>).map((c) => c.caseId);

describe('retention review', () => {
  it('a case is kept 99 years by default; the owner shortens it and the review falls due 6 months before', async () => {
    const kase = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-RET-1', title: 'Retention', distribution: 'all' } })).json();
    const start = (await sys.api('GET', `/api/v1/cases/${kase.id}/retention`, { as: FR })).json();
    const opened = new Date(kase.createdAt);
    const max = `${opened.getUTCFullYear() + 99}${isoDate(opened).slice(4)}`;
    expect(start).toMatchObject({ retentionUntil: max, maxRetentionUntil: max, state: 'retained', reviews: [] });
    expect(await dueIds(DPO)).not.toContain(kase.id);

    // National law keeps it 100 days: its review is due now (6 months before), and the lists show it.
    const r = await sys.api('POST', `/api/v1/cases/${kase.id}/retention`, {
      as: FR,
      body: { until: inDays(100), justification: 'national retention period for closed cases' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ retentionUntil: inDays(100), reviewDue: inDays(100 - 183), state: 'review_due' });
    expect(await dueIds(DPO)).toContain(kase.id);
    expect(await dueIds(FR_NCB)).toContain(kase.id);
    expect(await dueIds(DE_NCB)).not.toContain(kase.id); // another country's NCB oversees its own cases only

    // The NCB of the owning country extends it, with a reason; both reviews are kept in order.
    await sys.api('POST', `/api/v1/cases/${kase.id}/retention`, {
      as: FR_NCB,
      body: { until: inDays(400), justification: 'victim identification still in progress' },
    });
    const after = (await sys.api('GET', `/api/v1/cases/${kase.id}/retention`, { as: DPO })).json();
    expect(after.retentionUntil).toBe(inDays(400));
    expect(after.reviews.map((x: { newUntil: string; justification: string }) => [x.newUntil, x.justification])).toEqual([
      [inDays(100), 'national retention period for closed cases'],
      [inDays(400), 'victim identification still in progress'],
    ]);
    expect(after.reviews[1].previousUntil).toBe(inDays(100));
    expect(await dueIds(DPO)).not.toContain(kase.id);
    expect(await dueIds(DPO, '?withinDays=365')).toContain(kase.id);
    for (const action of ['retention.review', 'retention.read', 'retention.due'])
      expect((await auditRows(sys.ctx.db, action)).length, action).toBeGreaterThan(0);
  });

  it('refuses other agencies, dates in the past or beyond 99 years, and roles without a say', async () => {
    const shared = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-RET-2', title: 'Shared', distribution: 'all' } })).json();
    const own = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-RET-3', title: 'Kept', distribution: 'agency' } })).json();
    const body = { until: inDays(50), justification: 'because' };
    expect((await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, { as: DE, body })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/cases/${own.id}/retention`, { as: DE })).statusCode).toBe(404);
    expect((await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, { as: DPO, body })).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/retention/due', { as: FR })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, { as: FR, body: { ...body, until: inDays(-1) } })).statusCode).toBe(400);
    expect((await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, { as: FR, body: { ...body, until: '2025-02-30' } })).statusCode).toBe(400);
    const far = await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, {
      as: FR,
      body: { ...body, until: `${new Date().getUTCFullYear() + 100}-01-01` },
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().message).toMatch(/at most 99 years/);
    expect((await sys.api('POST', `/api/v1/cases/${shared.id}/retention`, { as: FR, body: { until: inDays(50) } })).statusCode).toBe(400);
  });
});
