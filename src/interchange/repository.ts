// SQL of the interchange module: hash banks and entries, import records, VICS claims, and the read-only
// queries over media / seizures / series that exports need (raw SQL: those tables belong to other modules).
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';

/** SQL: the entry takes part in matching now (HMA's disable_until_ts semantics). */
export const entryActive = sql<boolean>`(disable_until_ts = 1 OR (disable_until_ts > 1 AND disable_until_ts <= extract(epoch FROM now())))`;
export type HashBankRow = Selectable<DB['hash_banks']>;
/** disable_until_ts (migrations/020c, HMA): 0 disabled, 1 enabled, else disabled until that Unix time. */
export type HashBankEntryRow = Selectable<DB['hash_bank_entries']>;

export interface NewBankEntry {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  pdq_quality: number | null;
  label: string;
  metadata: Record<string, unknown>;
}

export const banksRepo = {
  listVisible: (db: Executor, p: Principal) => db.selectFrom('hash_banks as b').selectAll('b').where(visibleTo(p, 'b')).orderBy('b.name').execute(),
  findVisibleByName: (db: Executor, p: Principal, name: string) =>
    db.selectFrom('hash_banks as b').selectAll('b').where('b.name', '=', name).where(visibleTo(p, 'b')).executeTakeFirst(),
  findByName: (db: Executor, name: string) => db.selectFrom('hash_banks').selectAll().where('name', '=', name).executeTakeFirst(),
  insert: (db: Executor, row: Omit<Insertable<DB['hash_banks']>, 'id' | 'created_at' | 'updated_at'>) =>
    db.insertInto('hash_banks').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: Partial<Pick<HashBankRow, 'name' | 'description' | 'matching_enabled_ratio'>>) =>
    db
      .updateTable('hash_banks')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  remove: (db: Executor, id: number) => db.deleteFrom('hash_banks').where('id', '=', id).execute(),
  countEntries: async (db: Executor, bankId: number) =>
    (
      await db
        .selectFrom('hash_bank_entries')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('bank_id', '=', bankId)
        .executeTakeFirstOrThrow()
    ).n,

  /** Inserts entries; the unique key makes a re-import a no-op. Returns the ids of rows actually added. */
  insertEntries: async (db: Executor, bankId: number, entries: NewBankEntry[]): Promise<Array<{ id: number; pdq: string | null }>> => {
    if (!entries.length) return [];
    const rows = await sql<{ id: number; pdq: string | null }>`
      INSERT INTO hash_bank_entries (bank_id, md5, sha1, sha256, pdq, pdq_quality, label, metadata)
      SELECT ${bankId}, * FROM unnest(${entries.map((e) => e.md5)}::text[], ${entries.map((e) => e.sha1)}::text[], ${entries.map((e) => e.sha256)}::text[],
        ${entries.map((e) => e.pdq)}::text[], ${entries.map((e) => e.pdq_quality)}::int[], ${entries.map((e) => e.label)}::text[], ${entries.map((e) => JSON.stringify(e.metadata))}::jsonb[])
      ON CONFLICT DO NOTHING RETURNING id, pdq`.execute(db);
    return rows.rows;
  },
  entry: (db: Executor, bankId: number, id: number) =>
    db.selectFrom('hash_bank_entries').selectAll().where('bank_id', '=', bankId).where('id', '=', id).executeTakeFirst(),
  removeEntry: (db: Executor, bankId: number, id: number) =>
    db.deleteFrom('hash_bank_entries').where('bank_id', '=', bankId).where('id', '=', id).executeTakeFirst(),
  entriesByIds: (db: Executor, ids: number[]) =>
    ids.length ? db.selectFrom('hash_bank_entries').selectAll().where('id', 'in', ids).execute() : Promise.resolve([] as HashBankEntryRow[]),
  exactMatches: (db: Executor, h: { md5?: string | null; sha1?: string | null; sha256?: string | null; pdq?: string | null }) => {
    const conds = [
      h.md5 ? sql`md5 = ${h.md5}` : null,
      h.sha1 ? sql`sha1 = ${h.sha1}` : null,
      h.sha256 ? sql`sha256 = ${h.sha256}` : null,
      h.pdq ? sql`pdq = ${h.pdq}` : null,
    ].filter((c) => c !== null);
    if (!conds.length) return Promise.resolve([] as Array<{ id: number; bank_id: number; pdq: string | null }>);
    return sql<{ id: number; bank_id: number; pdq: string | null }>`SELECT id, bank_id, pdq FROM hash_bank_entries WHERE (${sql.join(conds, sql` OR `)})`
      .execute(db)
      .then((r) => r.rows);
  },
  /** PDQ entries after `afterId`, a page at a time (index build). */
  pdqPage: (db: Executor, afterId: number, limit: number) =>
    // Every entry, enabled or not: HMA's raw_lookup reads them all, and lookup filters with entryActive, so
    // disabling or re-enabling an entry needs no index rebuild.
    db
      .selectFrom('hash_bank_entries')
      .select(['id', 'bank_id', 'pdq'])
      .where('pdq', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute() as Promise<Array<{ id: number; bank_id: number; pdq: string }>>,
  /** Of these entry ids, those active now. */
  activeIds: async (db: Executor, ids: number[]): Promise<Set<number>> => {
    if (!ids.length) return new Set();
    const r = await sql<{ id: number }>`SELECT id FROM hash_bank_entries WHERE id = ANY(${ids}::int[]) AND ${entryActive}`.execute(db);
    return new Set(r.rows.map((x) => x.id));
  },
  state: (db: Executor) => db.selectFrom('hash_bank_state').select(['version', 'rebuild_version']).where('id', '=', 1).executeTakeFirstOrThrow(),
  bumpState: (db: Executor, rebuild: boolean) =>
    db
      .updateTable('hash_bank_state')
      .set((eb) => ({
        version: eb('version', '+', 1),
        ...(rebuild ? { rebuild_version: eb('rebuild_version', '+', 1) } : {}),
      }))
      .where('id', '=', 1)
      .execute(),
};

export const importsRepo = {
  insert: (db: Executor, row: Omit<Insertable<DB['interchange_imports']>, 'id' | 'created_at'> & { imported: number; rejected: number; report: string }) =>
    db.insertInto('interchange_imports').values(row).returning('id').executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: { imported: number; rejected: number; report: string; seizure_id?: number | null }) =>
    db.updateTable('interchange_imports').set(patch).where('id', '=', id).execute(),
  findPrevious: (db: Executor, caseId: number, fileSha256: string) =>
    db
      .selectFrom('interchange_imports')
      .selectAll()
      .where('kind', '=', 'vics')
      .where('case_id', '=', caseId)
      .where('file_sha256', '=', fileSha256)
      .executeTakeFirst(),
};

// ---------------------------------------------------------------- reads over other modules' tables

const identifiedFlag = (entity: 'victims' | 'offenders', p: Principal) => sql<boolean>`(
  EXISTS (SELECT 1 FROM ${sql.table(entity)} v WHERE v.series_id = m.series_id AND v.identified AND ${visibleTo(p, 'v')})
  OR EXISTS (SELECT 1 FROM media_links l JOIN ${sql.table(entity)} v ON v.id = l.entity_id
             WHERE l.media_id = m.id AND l.entity_type = ${entity === 'victims' ? 'victim' : 'offender'} AND v.identified AND ${visibleTo(p, 'v')}))`;

/**
 * The exchange flags of medium `m`, one definition for every export (CSV hash lists and VICS alike):
 * victim / offender identified from the caller's visible victims and offenders, or claimed by a VICS import
 * into a case the caller may see; distributed when found in more than one seizure or claimed so; series the
 * visible series' name, else a claimed series name.
 */
const visibleClaim = (p: Principal, cond: ReturnType<typeof sql>) => sql<boolean>`EXISTS (SELECT 1 FROM vics_media_claims vc JOIN cases cc ON cc.id = vc.case_id
  WHERE vc.media_id = m.id AND ${cond} AND ${visibleTo(p, 'cc')})`;
const victimFlag = (p: Principal) => sql<boolean>`(${identifiedFlag('victims', p)} OR ${visibleClaim(p, sql`vc.victim_identified`)})`;
const offenderFlag = (p: Principal) => sql<boolean>`(${identifiedFlag('offenders', p)} OR ${visibleClaim(p, sql`vc.offender_identified`)})`;
const exchangeFlags = (p: Principal) => sql`
      ${victimFlag(p)} AS victim_identified, ${offenderFlag(p)} AS offender_identified,
      ((SELECT count(DISTINCT x.seizure_id) FROM seizure_items x WHERE x.media_id = m.id) > 1 OR ${visibleClaim(p, sql`vc.is_distributed`)}) AS is_distributed,
      coalesce(s.name, (SELECT vc.series_name FROM vics_media_claims vc JOIN cases cc ON cc.id = vc.case_id
        WHERE vc.media_id = m.id AND vc.series_name IS NOT NULL AND ${visibleTo(p, 'cc')} ORDER BY vc.case_id LIMIT 1)) AS series_name`;

export interface CaseItemRow {
  item_id: number;
  path: string;
  item_md5: string | null;
  item_sha1: string | null;
  item_sha256: string | null;
  item_pdq: string | null;
  item_size: string | number | null;
  media_id: number | null;
  visible: boolean | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  category: number | null;
  size_bytes: string | number | null;
  media_type: string | null;
  format: string | null;
  exif: unknown;
  created_at: Date | null;
  series_name: string | null;
  victim_identified: boolean | null;
  offender_identified: boolean | null;
  is_distributed: boolean | null;
  claim_category: number | null;
  claim_tags: string | null;
  claim_comments: string | null;
  claim_mime: string | null;
  claim_vics_media_id: string | number | null;
  claim_photo_dna: string | null;
  claim_alternative_hashes: unknown;
  claim_media_files: unknown;
  claim_relative_path: string | null;
  claim_precategorized: boolean | null;
  claim_suspected: boolean | null;
  claim_date_updated: string | null;
  has_claim: boolean;
}

/** A page of a case's seizure items (visible seizures), with their media where the caller may see it. */
export async function caseItemsPage(db: Executor, p: Principal, caseId: number, afterItemId: number, limit: number): Promise<CaseItemRow[]> {
  const r = await sql<CaseItemRow>`
    SELECT si.id AS item_id, si.path, si.md5 AS item_md5, si.sha1 AS item_sha1, si.sha256 AS item_sha256, si.pdq AS item_pdq, si.size_bytes AS item_size,
      m.id AS media_id, (m.id IS NOT NULL AND ${visibleTo(p, 'm')}) AS visible,
      m.md5, m.sha1, m.sha256, m.pdq, m.category, m.size_bytes, m.media_type, m.format, m.exif, m.created_at,
      ${exchangeFlags(p)},
      c.media_id IS NOT NULL AS has_claim, c.category AS claim_category, c.tags AS claim_tags, c.comments AS claim_comments, c.mime_type AS claim_mime,
      c.vics_media_id AS claim_vics_media_id, c.photo_dna AS claim_photo_dna, c.alternative_hashes AS claim_alternative_hashes, c.media_files AS claim_media_files,
      c.relative_file_path AS claim_relative_path, c.is_precategorized AS claim_precategorized, c.is_suspected AS claim_suspected, c.date_updated AS claim_date_updated
    FROM seizure_items si
    JOIN seizures z ON z.id = si.seizure_id
    LEFT JOIN media m ON m.id = si.media_id
    LEFT JOIN series s ON s.id = m.series_id AND ${visibleTo(p, 's')}
    LEFT JOIN vics_media_claims c ON c.media_id = m.id AND c.case_id = z.case_id
    WHERE z.case_id = ${caseId} AND ${visibleTo(p, 'z')} AND si.id > ${afterItemId} AND si.status <> 'error'
    ORDER BY si.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface HashListFilter {
  victimIdentified?: boolean;
  offenderIdentified?: boolean;
  baseline?: boolean;
  seriesId?: number;
  category?: number;
  mediaType?: 'image' | 'video';
  caseId?: number;
}

export interface HashListDbRow {
  id: number;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
  pdq_quality: number | null;
  media_type: 'image' | 'video';
  stored: boolean;
  series_name: string | null;
  baseline: boolean | null;
  victim_identified: boolean;
  offender_identified: boolean;
  is_distributed: boolean;
  submissions: number;
}

/** A page of the media the caller may see, with the ICSE export columns, filtered. */
export async function hashListPage(db: Executor, p: Principal, f: HashListFilter, afterId: number, limit: number): Promise<HashListDbRow[]> {
  const where = [sql`${visibleTo(p, 'm')}`, sql`m.id > ${afterId}`];
  if (f.victimIdentified !== undefined) where.push(f.victimIdentified ? victimFlag(p) : sql`NOT ${victimFlag(p)}`);
  if (f.offenderIdentified !== undefined) where.push(f.offenderIdentified ? offenderFlag(p) : sql`NOT ${offenderFlag(p)}`);
  if (f.baseline !== undefined) where.push(f.baseline ? sql`s.baseline IS TRUE` : sql`s.baseline IS NOT TRUE`);
  if (f.seriesId !== undefined) where.push(sql`m.series_id = ${f.seriesId} AND s.id IS NOT NULL`);
  if (f.category !== undefined) where.push(sql`m.category = ${f.category}`);
  if (f.mediaType !== undefined) where.push(sql`m.media_type = ${f.mediaType}`);
  if (f.caseId !== undefined)
    where.push(
      sql`EXISTS (SELECT 1 FROM seizure_items x JOIN seizures z ON z.id = x.seizure_id WHERE x.media_id = m.id AND z.case_id = ${f.caseId} AND ${visibleTo(p, 'z')})`,
    );
  const r = await sql<HashListDbRow>`
    SELECT m.id, m.md5, m.sha1, m.pdq, m.pdq_quality, m.media_type, m.stored, s.baseline,
      ${exchangeFlags(p)},
      (SELECT count(*)::int FROM seizure_items x WHERE x.media_id = m.id) AS submissions
    FROM media m LEFT JOIN series s ON s.id = m.series_id AND ${visibleTo(p, 's')}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY m.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Media matching any of the exact hashes, visible to the caller. */
export async function visibleMediaByHashes(
  db: Executor,
  p: Principal,
  h: { md5?: string | null; sha1?: string | null; sha256?: string | null; pdq?: string | null },
) {
  const conds = [
    h.md5 ? sql`m.md5 = ${h.md5}` : null,
    h.sha1 ? sql`m.sha1 = ${h.sha1}` : null,
    h.sha256 ? sql`m.sha256 = ${h.sha256}` : null,
    h.pdq ? sql`m.pdq = ${h.pdq}` : null,
  ].filter((c) => c !== null);
  if (!conds.length) return [];
  const r = await sql<{
    id: number;
    pdq: string | null;
  }>`SELECT m.id, m.pdq FROM media m WHERE (${sql.join(conds, sql` OR `)}) AND ${visibleTo(p, 'm')} LIMIT 1000`.execute(db);
  return r.rows;
}
