// SQL for referrals. Who sees what (one predicate, `inScope`): the hub sees every package and the unassigned
// queue; a member country's NCB officers and analysts see only their own country's packages and incidents.
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { knownMediaColumns, knownMediaJoins } from '../seizures/repository.js';
import type { FileResult, IncidentRow, IncidentStatus, PackageRow, PackageStatus, ReportRow } from './tables.js';

export type Scope = { hub: true } | { hub: false; country: string };

/** The row under `alias` (a package or an incident: both carry `country`) is within the caller's scope. */
export function inScope(s: Scope, alias: string): Expression<SqlBool> {
  return s.hub ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(`${alias}.country`)} = ${s.country}`;
}

export interface PackageCounts {
  incidents: number;
  open: number;
  actioned: number;
  withNew: number;
  filesNew: number;
  filesNear: number;
  filesExact: number;
}
export type PackageListRow = PackageRow & { provider: string; reference: string; acknowledged_by_name: string | null };
export interface IncidentCursor {
  priority: number;
  id: number;
}

/** What a file's known material looks like to the reader, in the columns the seizure triage redacts from. */
export interface FileKnownRow {
  id: number;
  incident_id: number;
  name: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  result: FileResult;
  media_id: number | null;
  match: Record<string, unknown> | null;
  m_id: number | null;
  m_owner_country: string | null;
  m_owner_agency_id: number | null;
  m_distribution: string | null;
  m_shared_with: string[] | null;
  ncb_name: string | null;
  s_id: number | null;
  s_number: string | null;
  s_name: string | null;
  s_owner_country: string | null;
  s_owner_agency_id: number | null;
  s_distribution: string | null;
  s_shared_with: string[] | null;
  victim_identified: boolean | null;
  offender_identified: boolean | null;
}

const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export const referralsRepo = {
  findReportByKey: (db: Executor, provider: string, reference: string) =>
    db
      .selectFrom('referral_reports')
      .selectAll()
      .where(sql<SqlBool>`lower(provider) = lower(${provider})`)
      .where('reference', '=', reference)
      .executeTakeFirst(),
  /** Inserts the report unless the same (provider, reference) exists (then undefined). */
  insertReport: (db: Executor, r: { provider: string; reference: string; format: 'json' | 'csv'; digest: string; rows_total: number; uploaded_by: number }) =>
    db
      .insertInto('referral_reports')
      .values({ ...r, incidents_accepted: 0, rows_rejected: 0 })
      .onConflict((oc) => oc.expression(sql`lower(provider), reference`).doNothing())
      .returningAll()
      .executeTakeFirst(),
  finishReport: (db: Executor, id: number, r: { incidents_accepted: number; rows_rejected: number; rejections: unknown[] }) =>
    db
      .updateTable('referral_reports')
      .set({ ...r, rejections: JSON.stringify(r.rejections) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  listReports: (db: Executor, opts: { afterId?: number; limit: number }) => {
    let q = db.selectFrom('referral_reports').selectAll().orderBy('id', 'desc').limit(opts.limit);
    if (opts.afterId) q = q.where('id', '<', opts.afterId);
    return q.execute();
  },
  findReport: (db: Executor, id: number): Promise<ReportRow | undefined> =>
    db.selectFrom('referral_reports').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Which of a provider's incident ids were already received (in any report), with the report. */
  alreadyReceived: async (db: Executor, providerKey: string, ids: string[]): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    for (const part of chunks(ids, 5000)) {
      const rows = await db
        .selectFrom('referral_incidents')
        .select(['provider_incident_id', 'report_id'])
        .where('provider_key', '=', providerKey)
        .where('provider_incident_id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.provider_incident_id, r.report_id);
    }
    return out;
  },
  /** Inserts incidents; one a provider already referred is skipped (returned rows are the ones inserted). */
  insertIncidents: async (
    db: Executor,
    rows: Array<
      Omit<
        Insertable<DB['referral_incidents']>,
        | 'id'
        | 'status'
        | 'created_at'
        | 'outcome'
        | 'case_reference'
        | 'action_note'
        | 'actioned_by'
        | 'actioned_at'
        | 'assigned_by'
        | 'assigned_at'
        | 'package_id'
      >
    >,
  ) => {
    const out: Array<{ id: number; provider_incident_id: string; country: string | null; priority: number }> = [];
    for (const part of chunks(rows, 500)) {
      out.push(
        ...(await db
          .insertInto('referral_incidents')
          .values(part)
          .onConflict((oc) => oc.columns(['provider_key', 'provider_incident_id']).doNothing())
          .returning(['id', 'provider_incident_id', 'country', 'priority'])
          .execute()),
      );
    }
    return out;
  },
  /** `match` as the object it is; written as JSON text here (json columns take text, see scripts/db-types.ts). */
  insertFiles: async (db: Executor, rows: Array<Omit<Insertable<DB['referral_files']>, 'id' | 'match'> & { match: unknown }>) => {
    for (const part of chunks(rows, 1000)) {
      await db
        .insertInto('referral_files')
        .values(part.map((r) => ({ ...r, match: r.match == null ? null : JSON.stringify(r.match) })))
        .execute();
    }
  },

  exactByHash: async (db: Executor, column: 'sha256' | 'md5' | 'sha1', values: string[]): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    for (const part of chunks(values, 5000)) {
      const rows = (
        await sql<{ h: string; id: number }>`SELECT DISTINCT ON (${sql.ref(column)}) ${sql.ref(column)} AS h, id FROM media
        WHERE ${sql.ref(column)} = ANY(${part}::text[]) ORDER BY ${sql.ref(column)}, id`.execute(db)
      ).rows;
      for (const r of rows) out.set(r.h, r.id);
    }
    return out;
  },
  memberCountries: async (db: Executor) =>
    new Set((await db.selectFrom('countries').select('code').where('active', '=', true).where('is_hub', '=', false).execute()).map((r) => r.code)),
  hubCountries: async (db: Executor) => (await db.selectFrom('countries').select('code').where('is_hub', '=', true).execute()).map((r) => r.code),
  ncbAgencies: async (db: Executor, country: string) =>
    (await db.selectFrom('agencies').select('id').where('country_code', '=', country).where('kind', '=', 'ncb').execute()).map((r) => r.id),

  /** The report's package for a country, created if missing. */
  ensurePackage: async (db: Executor, reportId: number, country: string): Promise<{ row: PackageRow; created: boolean }> => {
    const row = await db
      .insertInto('referral_packages')
      .values({ report_id: reportId, country })
      .onConflict((oc) => oc.columns(['report_id', 'country']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return { row, created: true };
    return {
      row: await db.selectFrom('referral_packages').selectAll().where('report_id', '=', reportId).where('country', '=', country).executeTakeFirstOrThrow(),
      created: false,
    };
  },
  attachCountry: (db: Executor, reportId: number, country: string, packageId: number) =>
    db
      .updateTable('referral_incidents')
      .set({ package_id: packageId })
      .where('report_id', '=', reportId)
      .where('country', '=', country)
      .where('package_id', 'is', null)
      .execute(),

  listPackages: (db: Executor, s: Scope, f: { country?: string; status?: PackageStatus; reportId?: number; afterId?: number; limit: number }) => {
    let q = packageQuery(db).where(inScope(s, 'p')).orderBy('p.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('p.id', '<', f.afterId);
    if (f.country) q = q.where('p.country', '=', f.country);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.reportId) q = q.where('p.report_id', '=', f.reportId);
    return q.execute() as Promise<PackageListRow[]>;
  },
  findPackage: (db: Executor, s: Scope, id: number) =>
    packageQuery(db).where('p.id', '=', id).where(inScope(s, 'p')).executeTakeFirst() as Promise<PackageListRow | undefined>,
  lockPackage: (db: Executor, id: number) => db.selectFrom('referral_packages').select('id').where('id', '=', id).forUpdate().executeTakeFirst(),
  setPackageStatus: (db: Executor, id: number, status: PackageStatus, by: number | null) =>
    db
      .updateTable('referral_packages')
      .set({ status, acknowledged_by: by, acknowledged_at: by ? new Date() : null })
      .where('id', '=', id)
      .execute(),

  packageCounts: async (db: Executor, ids: number[]): Promise<Map<number, PackageCounts>> => {
    const out = new Map<number, PackageCounts>();
    for (const id of ids) out.set(id, { incidents: 0, open: 0, actioned: 0, withNew: 0, filesNew: 0, filesNear: 0, filesExact: 0 });
    if (!ids.length) return out;
    const rows = (
      await sql<{ package_id: number } & PackageCounts>`SELECT package_id, count(*)::int AS incidents,
        count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'actioned')::int AS actioned,
        count(*) FILTER (WHERE files_new > 0)::int AS "withNew", coalesce(sum(files_new), 0)::int AS "filesNew",
        coalesce(sum(files_near), 0)::int AS "filesNear", coalesce(sum(files_exact), 0)::int AS "filesExact"
      FROM referral_incidents WHERE package_id = ANY(${ids}::int[]) GROUP BY package_id`.execute(db)
    ).rows;
    for (const { package_id, ...c } of rows) out.set(package_id, c);
    return out;
  },
  unassignedCount: async (db: Executor, reportId?: number) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM referral_incidents WHERE package_id IS NULL
      ${reportId ? sql`AND report_id = ${reportId}` : sql``}`.execute(db)
    ).rows[0]!.n,

  /** Incidents of a package (or, packageId null, the unassigned queue), new material first, keyset on (priority, id). */
  listIncidents: (db: Executor, packageId: number | null, f: { after?: IncidentCursor; status?: IncidentStatus; limit: number }) => {
    let q = incidentQuery(db)
      .where('i.package_id', packageId === null ? 'is' : '=', packageId)
      .orderBy('i.priority')
      .orderBy('i.id')
      .limit(f.limit);
    if (f.after) q = q.where(sql<SqlBool>`(i.priority, i.id) > (${f.after.priority}, ${f.after.id})`);
    if (f.status) q = q.where('i.status', '=', f.status);
    return q.execute();
  },
  findIncident: (db: Executor, s: Scope, id: number) =>
    incidentQuery(db)
      .where('i.id', '=', id)
      .where(s.hub ? sql<SqlBool>`true` : sql<SqlBool>`i.package_id IS NOT NULL AND i.country = ${s.country}`)
      .executeTakeFirst(),
  lockIncident: (db: Executor, id: number) => db.selectFrom('referral_incidents').select('id').where('id', '=', id).forUpdate().executeTakeFirst(),
  updateIncident: (
    db: Executor,
    id: number,
    patch: Partial<
      Pick<
        IncidentRow,
        | 'status'
        | 'outcome'
        | 'case_reference'
        | 'action_note'
        | 'actioned_by'
        | 'actioned_at'
        | 'package_id'
        | 'country'
        | 'unassigned_reason'
        | 'assigned_by'
        | 'assigned_at'
      >
    >,
  ) => db.updateTable('referral_incidents').set(patch).where('id', '=', id).execute(),

  /** The files of the incidents (new first), with the known medium's owner, series and NCB for redaction. */
  filesFor: async (db: Executor, p: Principal, incidentIds: number[]): Promise<FileKnownRow[]> => {
    if (!incidentIds.length) return [];
    return (
      await sql<FileKnownRow>`
      SELECT f.id, f.incident_id, f.name, f.md5, f.sha1, f.sha256, f.pdq, f.result, f.media_id, f.match,
        ${knownMediaColumns(p)}
      FROM referral_files f
      ${knownMediaJoins(p, sql`f.media_id`)}
      WHERE f.incident_id = ANY(${incidentIds}::int[])
      ORDER BY f.incident_id, CASE f.result WHEN 'new' THEN 0 WHEN 'known_near' THEN 1 ELSE 2 END, f.id`.execute(db)
    ).rows;
  },

  /** Per member country: packages, acknowledgements and incidents (the hub's overview). */
  summary: async (db: Executor) =>
    (
      await sql<{
        country: string;
        packages: number;
        acknowledged: number;
        incidents: number;
        open: number;
        actioned: number;
        with_new: number;
        last_delivered: Date | null;
      }>`
    SELECT p.country, count(DISTINCT p.id)::int AS packages, count(DISTINCT p.id) FILTER (WHERE p.status = 'acknowledged')::int AS acknowledged,
      count(i.id)::int AS incidents, count(i.id) FILTER (WHERE i.status = 'open')::int AS open, count(i.id) FILTER (WHERE i.status = 'actioned')::int AS actioned,
      count(i.id) FILTER (WHERE i.files_new > 0)::int AS with_new, max(p.created_at) AS last_delivered
    FROM referral_packages p LEFT JOIN referral_incidents i ON i.package_id = p.id
    GROUP BY p.country ORDER BY p.country`.execute(db)
    ).rows,
};

function packageQuery(db: Executor) {
  return db
    .selectFrom('referral_packages as p')
    .innerJoin('referral_reports as r', 'r.id', 'p.report_id')
    .leftJoin('users as u', 'u.id', 'p.acknowledged_by')
    .selectAll('p')
    .select(['r.provider', 'r.reference', 'u.display_name as acknowledged_by_name']);
}
function incidentQuery(db: Executor) {
  return db
    .selectFrom('referral_incidents as i')
    .innerJoin('referral_reports as r', 'r.id', 'i.report_id')
    .selectAll('i')
    .select(['r.provider', 'r.reference']);
}
