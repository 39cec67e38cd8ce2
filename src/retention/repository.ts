// SQL for retention: the cases' retention dates (a column of cases, see migrations/015) and their reviews.
import { sql, type Insertable } from 'kysely';
import type { DB, Executor } from '../db/types.js';

export interface RetentionCase {
  id: number;
  reference: string;
  title: string;
  status: string;
  owner_country: string;
  owner_agency_id: number;
  created_at: Date;
  retention_until: string;
  last_review_at: Date | null;
}

const cols = sql`c.id, c.reference, c.title, c.status, c.owner_country, c.owner_agency_id, c.created_at,
  to_char(c.retention_until, 'YYYY-MM-DD') AS retention_until,
  (SELECT max(r.created_at) FROM retention_reviews r WHERE r.case_id = c.id) AS last_review_at`;

export const retentionRepo = {
  /** Cases whose retention date is on or before `until` (YYYY-MM-DD), soonest first; `country` narrows to one owner. */
  due: async (db: Executor, until: string, country: string | null, afterId: number | null, limit: number) =>
    (
      await sql<RetentionCase>`SELECT ${cols} FROM cases c
      WHERE c.retention_until <= ${until}::date
        AND (${country}::text IS NULL OR c.owner_country = ${country})
        AND (${afterId}::int IS NULL OR c.id > ${afterId})
      ORDER BY c.retention_until, c.id LIMIT ${limit}`.execute(db)
    ).rows,
  find: async (db: Executor, id: number) => (await sql<RetentionCase>`SELECT ${cols} FROM cases c WHERE c.id = ${id} FOR UPDATE OF c`.execute(db)).rows[0],
  setUntil: (db: Executor, id: number, until: string) =>
    sql`UPDATE cases SET retention_until = ${until}::date, updated_at = now() WHERE id = ${id}`.execute(db),
  addReview: (db: Executor, row: Omit<Insertable<DB['retention_reviews']>, 'id' | 'created_at'>) =>
    db.insertInto('retention_reviews').values(row).returning('id').executeTakeFirstOrThrow(),
  // Dates as YYYY-MM-DD text: drivers turn a date column into a local-midnight Date otherwise.
  reviews: async (db: Executor, caseId: number) =>
    (
      await sql<{ created_at: Date; reviewer_id: number; reviewer_country: string; previous_until: string; new_until: string; justification: string }>`
      SELECT created_at, reviewer_id, reviewer_country, to_char(previous_until, 'YYYY-MM-DD') AS previous_until,
        to_char(new_until, 'YYYY-MM-DD') AS new_until, justification
      FROM retention_reviews WHERE case_id = ${caseId} ORDER BY id`.execute(db)
    ).rows,
};
