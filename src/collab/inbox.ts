// The notification inbox: what is addressed to me, to my agency, or to my country; read state per user.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { NotFoundError } from '../shared/errors.js';

const mine = (p: Principal): Expression<SqlBool> =>
  sql<SqlBool>`(n.recipient_user_id = ${p.userId} OR n.recipient_agency_id = ${p.agencyId} OR n.recipient_country = ${p.countryCode})`;
const unreadSql = (p: Principal) => sql<SqlBool>`NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ${p.userId})`;

async function countUnread(db: Executor, p: Principal): Promise<number> {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n WHERE ${mine(p)} AND ${unreadSql(p)}`.execute(db)).rows[0]!.n;
}

export class InboxService {
  constructor(private readonly db: Db) {}

  /** Polled by the UI: a bare count, not audited (it reveals no case data). */
  async unreadCount(p: Principal) {
    return { unread: await countUnread(this.db, p) };
  }

  list(p: Principal, opts: { unreadOnly?: boolean; afterId?: number; limit?: number; kind?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const limit = opts.limit ?? 50;
      const rows = (
        await sql<{
          id: number;
          kind: string;
          title: string;
          body: string;
          link: string | null;
          data: unknown;
          created_at: Date;
          read_at: Date | null;
          recipient_user_id: number | null;
          recipient_agency_id: number | null;
        }>`
        SELECT n.id, n.kind, n.title, n.body, n.link, n.data, n.created_at, n.recipient_user_id, n.recipient_agency_id,
          (SELECT r.read_at FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ${p.userId}) AS read_at
        FROM notifications n WHERE ${mine(p)} ${opts.unreadOnly ? sql`AND ${unreadSql(p)}` : sql``}
        ${opts.kind ? sql`AND n.kind = ${opts.kind}` : sql``} ${opts.afterId ? sql`AND n.id < ${opts.afterId}` : sql``}
        ORDER BY n.id DESC LIMIT ${limit}`.execute(trx)
      ).rows;
      const unread = await countUnread(trx, p);
      await recordAudit(trx, p, { action: 'notification.list', objectType: 'notification', details: { count: rows.length } });
      return {
        unread,
        notifications: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          data: n.data ?? {},
          createdAt: new Date(n.created_at).toISOString(),
          read: n.read_at != null,
          readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
          addressedTo: (n.recipient_user_id === p.userId ? 'me' : n.recipient_agency_id === p.agencyId ? 'agency' : 'country') as 'me' | 'agency' | 'country',
        })),
        nextAfterId: rows.length === limit ? rows.at(-1)!.id : null,
      };
    });
  }

  /** Marks the given notifications (or all of mine when `ids` is undefined) read for me. */
  markRead(p: Principal, ids?: number[]) {
    return this.db.transaction().execute(async (trx) => {
      const target = (
        await sql<{ id: number }>`SELECT n.id FROM notifications n WHERE ${mine(p)} AND ${unreadSql(p)}
        ${ids ? sql`AND n.id = ANY(${ids}::int[])` : sql``}`.execute(trx)
      ).rows.map((r) => r.id);
      if (ids?.length === 1 && !target.length) {
        const exists = (await sql<{ id: number }>`SELECT n.id FROM notifications n WHERE n.id = ${ids[0]} AND ${mine(p)}`.execute(trx)).rows.length;
        if (!exists) throw new NotFoundError('notification');
      }
      if (target.length) {
        await trx
          .insertInto('notification_reads')
          .values(target.map((id) => ({ notification_id: id, user_id: p.userId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await recordAudit(trx, p, { action: 'notification.read', objectType: 'notification', details: { ids: target } });
      const unread = await countUnread(trx, p);
      return { marked: target.length, unread };
    });
  }
}
