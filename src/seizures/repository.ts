// SQL for seizures and their items.
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';
import type { ItemResult, ItemStatus, SeizureRow } from './tables.js';
import { cleanText } from '../shared/text.js';

export interface NewItem {
  path: string;
  kind?: 'file' | 'hash';
  sha256: string | null;
  md5?: string | null;
  sha1?: string | null;
  pdq?: string | null;
  size_bytes?: number | null;
  status?: ItemStatus;
  error_reason?: string | null;
  error_message?: string | null;
}

export interface ItemCounts {
  total: number;
  pending: number;
  processing: number;
  done: number;
  error: number;
  known_exact: number;
  known_near: number;
  new: number;
  duplicates: number;
}

export const seizuresRepo = {
  insert: (db: Executor, row: Omit<Insertable<DB['seizures']>, 'id' | 'created_at' | 'status' | 'completed_at' | 'processing_started_at'>) =>
    db.insertInto('seizures').values(row).returningAll().executeTakeFirstOrThrow(),

  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('seizures as s').selectAll('s').where('s.id', '=', id).where(visibleTo(p, 's')).executeTakeFirst(),

  findById: (db: Executor, id: number) => db.selectFrom('seizures').selectAll().where('id', '=', id).executeTakeFirst(),

  listForCase: (db: Executor, p: Principal, caseId: number, opts: { afterId?: number; limit: number }) => {
    let q = db.selectFrom('seizures as s').selectAll('s').where('s.case_id', '=', caseId).where(visibleTo(p, 's')).orderBy('s.id', 'desc').limit(opts.limit);
    if (opts.afterId) q = q.where('s.id', '<', opts.afterId);
    return q.execute();
  },

  findByLabel: (db: Executor, caseId: number, agencyId: number, label: string) =>
    db
      .selectFrom('seizures')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('owner_agency_id', '=', agencyId)
      .where('label', '=', label)
      .orderBy('id', 'desc')
      .executeTakeFirst(),

  /** Inserts items; the (seizure, path, sha256) key makes re-sent files no-ops. Returns the new rows. */
  insertItems: async (db: Executor, seizureId: number, items: NewItem[]) => {
    if (!items.length) return [];
    const values = items.map((i) => ({
      seizure_id: seizureId,
      path: cleanText(i.path),
      kind: i.kind ?? 'file',
      sha256: i.sha256,
      md5: i.md5 ?? null,
      sha1: i.sha1 ?? null,
      pdq: i.pdq ?? null,
      size_bytes: i.size_bytes ?? null,
      status: i.status ?? 'pending',
      error_reason: i.error_reason ?? null,
      error_message: i.error_message == null ? null : cleanText(i.error_message),
      processed_at: i.status === 'error' ? new Date() : null,
    }));
    return db
      .insertInto('seizure_items')
      .values(values)
      .onConflict((oc) => oc.expression(sql`seizure_id, path, coalesce(sha256, '')`).doNothing())
      .returning(['id', 'status'])
      .execute();
  },

  counts: async (db: Executor, seizureIds: number[]): Promise<Map<number, ItemCounts>> => {
    const out = new Map<number, ItemCounts>();
    if (!seizureIds.length) return out;
    const rows = await db
      .selectFrom('seizure_items')
      .select(['seizure_id', 'status', 'result'])
      .select(sql<number>`count(*)::int`.as('n'))
      .select(sql<number>`count(note)::int`.as('notes'))
      .where('seizure_id', 'in', seizureIds)
      .groupBy(['seizure_id', 'status', 'result'])
      .execute();
    for (const id of seizureIds) out.set(id, { total: 0, pending: 0, processing: 0, done: 0, error: 0, known_exact: 0, known_near: 0, new: 0, duplicates: 0 });
    for (const r of rows) {
      const c = out.get(r.seizure_id)!;
      c.total += r.n;
      c[r.status] += r.n;
      c.duplicates += r.notes;
      if (r.result) c[r.result as ItemResult] += r.n;
    }
    return out;
  },

  /** Marks the seizure processing (new work arrived) unless it is already. */
  markProcessing: (db: Executor, id: number) =>
    db
      .updateTable('seizures')
      .set({ status: 'processing', completed_at: null, processing_started_at: sql`coalesce(processing_started_at, now())` as never })
      .where('id', '=', id)
      .where('status', '<>', 'processing')
      .execute(),

  /** Completes the seizure when no item is left to process; true if it changed now. */
  completeIfDone: async (db: Executor, id: number): Promise<boolean> => {
    const r = await db
      .updateTable('seizures')
      .set({ status: 'complete', completed_at: new Date() })
      .where('id', '=', id)
      .where('status', '<>', 'complete')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('seizure_items').select('id').where('seizure_id', '=', id).where('status', 'in', ['pending', 'processing']))),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Claims pending items for processing (only pending ones: a claimed item belongs to one worker). */
  /** `token` (the claim time) is the lease: only the holder of the current claim may finish the item. */
  claim: (db: Executor, ids: number[], token: Date) =>
    ids.length
      ? db
          .updateTable('seizure_items')
          .set({ status: 'processing', claimed_at: token, attempts: sql`attempts + 1` as never })
          .where('id', 'in', ids)
          .where('status', '=', 'pending')
          .returningAll()
          .execute()
      : Promise.resolve([]),

  /** Items left 'processing' by a dead worker go back to pending. */
  releaseStale: (db: Executor, olderThan: Date | null) => {
    let q = db.updateTable('seizure_items').set({ status: 'pending', claimed_at: null }).where('status', '=', 'processing');
    if (olderThan) q = q.where('claimed_at', '<', olderThan);
    return q.executeTakeFirst();
  },

  pendingPage: (db: Executor, afterId: number, limit: number) =>
    db.selectFrom('seizure_items').select(['id', 'seizure_id']).where('status', '=', 'pending').where('id', '>', afterId).orderBy('id').limit(limit).execute(),
};

export type { SeizureRow };

/**
 * The known medium a row points at (`m`), its series (`s`) and the NCB to contact (`c`), as presentTriageRow
 * reads them for redaction; the identified flags count only victims/offenders the caller may see.
 */
export function knownMediaColumns(p: Principal) {
  return sql`m.id AS m_id, m.owner_country AS m_owner_country, m.owner_agency_id AS m_owner_agency_id, m.distribution AS m_distribution, m.shared_with AS m_shared_with,
      c.ncb_name,
      s.id AS s_id, s.number AS s_number, s.name AS s_name, s.owner_country AS s_owner_country, s.owner_agency_id AS s_owner_agency_id,
      s.distribution AS s_distribution, s.shared_with AS s_shared_with,
      CASE WHEN s.id IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM victims v WHERE v.series_id = s.id AND v.identified AND ${visibleTo(p, 'v')}) END AS victim_identified,
      CASE WHEN s.id IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM offenders o WHERE o.series_id = s.id AND o.identified AND ${visibleTo(p, 'o')}) END AS offender_identified`;
}

/** The joins behind knownMediaColumns, for the medium whose id is `mediaId`; the NCB is the series owner's where the series is hidden. */
export function knownMediaJoins(p: Principal, mediaId: RawBuilder<unknown>) {
  return sql`LEFT JOIN media m ON m.id = ${mediaId}
    LEFT JOIN series s ON s.id = m.series_id
    LEFT JOIN countries c ON c.code = coalesce(CASE WHEN s.id IS NOT NULL AND NOT (${visibleTo(p, 's')}) THEN s.owner_country END, m.owner_country)`;
}
