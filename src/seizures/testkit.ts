// Helpers for the ingest database tests: cases, seizures, uploads and waiting for processing.
import { sql } from 'kysely';
import type { TestSystem } from '../testing/harness.js';
import { multipartBody } from './fixtures.js';

export async function newCase(sys: TestSystem, as: string, reference: string, distribution = 'country') {
  const r = await sys.api('POST', '/api/v1/cases', { as, body: { reference, title: `case ${reference}`, distribution } });
  if (r.statusCode !== 201) throw new Error(`case: ${r.statusCode} ${r.body}`);
  return r.json().id as number;
}

export async function newSeizure(sys: TestSystem, as: string, caseId: number, label: string, extra: Record<string, unknown> = {}) {
  const r = await sys.api('POST', `/api/v1/cases/${caseId}/seizures`, { as, body: { label, ...extra } });
  if (r.statusCode !== 201) throw new Error(`seizure: ${r.statusCode} ${r.body}`);
  return r.json().id as number;
}

export async function upload(sys: TestSystem, as: string, seizureId: number, files: Array<{ name: string; data: Buffer }>) {
  const { body, contentType } = multipartBody(files);
  return sys.api('POST', `/api/v1/seizures/${seizureId}/files`, { as, body, headers: { 'content-type': contentType } });
}

/** Polls until the seizure is complete (processing runs on the job queue). */
export async function waitComplete(sys: TestSystem, as: string, seizureId: number, timeoutMs = 45_000) {
  const start = Date.now();
  for (;;) {
    const r = await sys.api('GET', `/api/v1/seizures/${seizureId}`, { as });
    const s = r.json();
    if (s.status === 'complete') return s;
    if (Date.now() - start > timeoutMs) throw new Error(`seizure ${seizureId} not complete after ${timeoutMs} ms: ${r.body}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

export async function triageByPath(sys: TestSystem, as: string, seizureId: number) {
  const r = await sys.api('GET', `/api/v1/seizures/${seizureId}/triage?all=true`, { as });
  if (r.statusCode !== 200) throw new Error(`triage: ${r.statusCode} ${r.body}`);
  const body = r.json();
  return { body, byPath: Object.fromEntries(body.items.map((i: { path: string }) => [i.path, i])) as Record<string, any> };
}

export async function userRow(sys: TestSystem, email: string) {
  return (
    await sql<{ id: number; agency_id: number; country_code: string }>`SELECT id, agency_id, country_code FROM users WHERE email = ${email}`.execute(sys.ctx.db)
  ).rows[0]!;
}

/** A series of `ownerEmail`'s agency holding the given media (direct SQL: the series API is another module). */
export async function makeSeries(
  sys: TestSystem,
  ownerEmail: string,
  number: string,
  name: string,
  distribution: string,
  mediaIds: number[],
  victimIdentified = false,
) {
  const u = await userRow(sys, ownerEmail);
  const s = await sql<{ id: number }>`INSERT INTO series (number, name, owner_country, owner_agency_id, distribution, created_by)
    VALUES (${number}, ${name}, ${u.country_code}, ${u.agency_id}, ${distribution}, ${u.id}) RETURNING id`.execute(sys.ctx.db);
  const id = s.rows[0]!.id;
  await sql`UPDATE media SET series_id = ${id} WHERE id = ANY(${mediaIds}::int[])`.execute(sys.ctx.db);
  await sql`INSERT INTO victims (series_id, label, identified, owner_country, owner_agency_id, distribution) VALUES (${id}, 'V1', ${victimIdentified}, ${u.country_code}, ${u.agency_id}, ${distribution})`.execute(
    sys.ctx.db,
  );
  return id;
}

export async function auditCount(sys: TestSystem, action: string, objectId?: number) {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} ${objectId != null ? sql`AND object_id = ${String(objectId)}` : sql``}`.execute(
    sys.ctx.db,
  );
  return r.rows[0]!.n;
}
