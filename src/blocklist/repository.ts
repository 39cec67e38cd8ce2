// SQL for the domain block list. The list is shared with every member country (its purpose is distribution),
// so there is no per-record visibility predicate: the service decides by role. review_due is read as text.
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import type { BlocklistEntryRow, BlocklistStatus, BlocklistVerificationRow } from './tables.js';

export interface EntryFilter {
  status?: BlocklistStatus;
  domain?: string;
  q?: string;
  afterId?: number;
  limit: number;
}

type NewEntry = Pick<BlocklistEntryRow, 'domain' | 'proposer_country' | 'proposer_agency_id' | 'proposed_by'> & { note: string };
type EntryPatch = Partial<
  Pick<BlocklistEntryRow, 'status' | 'activated_at' | 'review_due' | 'last_verified_at' | 'removed_at' | 'removed_by' | 'removal_reason'>
>;
type NewVerification = Omit<BlocklistVerificationRow, 'id' | 'created_at'>;

function entries(db: Executor) {
  return db
    .selectFrom('blocklist_entries as e')
    .select([
      'e.id',
      'e.domain',
      'e.status',
      'e.proposer_country',
      'e.proposer_agency_id',
      'e.proposed_by',
      'e.note',
      'e.activated_at',
      sql<string | null>`to_char(e.review_due, 'YYYY-MM-DD')`.as('review_due'),
      'e.last_verified_at',
      'e.removed_at',
      'e.removed_by',
      'e.removal_reason',
      'e.created_at',
      'e.updated_at',
    ]);
}

export const blocklistRepo = {
  list: (db: Executor, f: EntryFilter): Promise<BlocklistEntryRow[]> => {
    let q = entries(db).orderBy('e.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('e.id', '<', f.afterId);
    if (f.status) q = q.where('e.status', '=', f.status);
    if (f.domain) q = q.where('e.domain', '=', f.domain);
    if (f.q) q = q.where(sql<SqlBool>`strpos(e.domain, ${f.q.toLowerCase()}) > 0`);
    return q.execute();
  },
  find: (db: Executor, id: number): Promise<BlocklistEntryRow | undefined> => entries(db).where('e.id', '=', id).executeTakeFirst(),
  /** Row lock for a state change (two confirmations or a removal and a review cannot interleave). */
  lock: (db: Executor, id: number) => db.selectFrom('blocklist_entries').select('id').where('id', '=', id).forUpdate().executeTakeFirst(),
  /** Inserts a pending entry unless the domain is already live (pending or active); undefined then. */
  insert: async (db: Executor, row: NewEntry) => {
    const r = await db
      .insertInto('blocklist_entries')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('domain')
          .where(sql<SqlBool>`status <> 'removed'`)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  },
  update: async (db: Executor, id: number, patch: EntryPatch) => {
    await db
      .updateTable('blocklist_entries')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
  liveByDomain: (db: Executor, domain: string) => entries(db).where('e.domain', '=', domain).where('e.status', '<>', 'removed').executeTakeFirst(),
  removedByDomain: (db: Executor, domain: string) =>
    db
      .selectFrom('blocklist_entries')
      .select(['id', 'removed_at', 'removal_reason'])
      .where('domain', '=', domain)
      .where('status', '=', 'removed')
      .orderBy('id')
      .execute(),
  addVerification: (db: Executor, v: NewVerification) => db.insertInto('blocklist_verifications').values(v).returning('id').executeTakeFirstOrThrow(),
  verifications: (db: Executor, entryIds: number[]) =>
    entryIds.length ? db.selectFrom('blocklist_verifications').selectAll().where('entry_id', 'in', entryIds).orderBy('id').execute() : Promise.resolve([]),
  /** Active entries whose review falls on or before the date, the most overdue first. */
  reviewDue: (db: Executor, until: string, limit: number) =>
    entries(db)
      .where('e.status', '=', 'active')
      .where(sql<SqlBool>`e.review_due <= ${until}::date`)
      .orderBy('e.review_due')
      .orderBy('e.id')
      .limit(limit)
      .execute(),
  /** The distributed list: every active domain, alphabetically. */
  active: (db: Executor) =>
    db
      .selectFrom('blocklist_entries')
      .select(['domain', 'activated_at', sql<string>`to_char(review_due, 'YYYY-MM-DD')`.as('review_due')])
      .where('status', '=', 'active')
      .orderBy('domain')
      .execute(),
  hubCountries: (db: Executor) => db.selectFrom('countries').select('code').where('is_hub', '=', true).where('active', '=', true).execute(),
};
