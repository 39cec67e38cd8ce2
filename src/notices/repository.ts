// SQL for notices. Visibility of a notice is the policy's scope (src/policy/notice.ts): the requesting
// country in every state, hub staff once submitted, other member countries only what was published.
import { sql, type SqlBool } from 'kysely';
import { noticeScope } from '../policy/notice.js';
import type { Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import type { NoticeChannel, NoticeKind, NoticeRow, NoticeStatus } from './tables.js';

/** Which notices the principal sees: src/policy/notice.ts (one definition for lists, reads and `can`). */
export const noticeVisibleTo = noticeScope;

export interface NoticeFilter {
  kind?: NoticeKind;
  status?: NoticeStatus;
  channel?: NoticeChannel;
  q?: string;
  victimId?: number;
  offenderId?: number;
  afterId?: number;
  limit: number;
}

type NewNotice = Pick<NoticeRow, 'kind' | 'requesting_country' | 'requesting_agency_id' | 'subject' | 'victim_id' | 'offender_id' | 'created_by'> &
  Partial<Pick<NoticeRow, 'channel' | 'recipients' | 'summary' | 'public_extract' | 'requester_consent'>>;
type NoticePatch = Partial<Omit<NoticeRow, 'id' | 'created_at' | 'created_by' | 'requesting_country' | 'requesting_agency_id' | 'kind' | 'channel'>>;

export const noticesRepo = {
  listVisible: (db: Executor, p: Principal, f: NoticeFilter) => {
    let q = db.selectFrom('notices as n').selectAll('n').where(noticeVisibleTo(p, 'n')).orderBy('n.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('n.id', '<', f.afterId);
    if (f.kind) q = q.where('n.kind', '=', f.kind);
    if (f.status) q = q.where('n.status', '=', f.status);
    if (f.channel) q = q.where('n.channel', '=', f.channel);
    if (f.victimId) q = q.where('n.victim_id', '=', f.victimId);
    if (f.offenderId) q = q.where('n.offender_id', '=', f.offenderId);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      q = q.where(sql<SqlBool>`(n.subject->>'name' ILIKE ${like} OR n.subject->>'forename' ILIKE ${like} OR n.entity_id = ${f.q})`);
    }
    return q.execute();
  },
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('notices as n').selectAll('n').where('n.id', '=', id).where(noticeVisibleTo(p, 'n')).executeTakeFirst(),
  /** Row lock for a state change. */
  lock: (db: Executor, id: number) => db.selectFrom('notices').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst(),
  insert: (db: Executor, row: NewNotice) =>
    db
      .insertInto('notices')
      .values({ ...row, subject: JSON.stringify(row.subject) })
      .returningAll()
      .executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, { subject, ...patch }: NoticePatch) =>
    db
      .updateTable('notices')
      .set({ ...patch, ...(subject ? { subject: JSON.stringify(subject) } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  /** Next publication number of the year, atomically. */
  nextNumber: async (db: Executor, year: number) => {
    const row = await db
      .insertInto('notice_numbers')
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`notice_numbers.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return row.last;
  },
  memberCountries: (db: Executor, codes: string[]) =>
    db.selectFrom('countries').select(['code', 'is_hub']).where('code', 'in', codes).where('active', '=', true).execute(),
  hubCountries: (db: Executor) => db.selectFrom('countries').select('code').where('is_hub', '=', true).execute(),
};
