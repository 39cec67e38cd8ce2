// Comments on media, series and victims: readable and writable by whoever may see the target; a new
// comment notifies the target's owning agency in the same transaction.
import { sql } from 'kysely';
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { NotFoundError } from '../shared/errors.js';
import { mediaRepo } from '../mediainfo/repository.js';
import { entityRepo, seriesRepo } from '../series/repository.js';
import { notify } from './notify.js';
import type { CommentTarget } from './tables.js';

interface Target {
  ownerAgencyId: number;
  title: string;
  link: string;
}

/** The target as the caller may see it, or 404. */
export async function requireTarget(trx: Executor, p: Principal, type: CommentTarget, id: number): Promise<Target> {
  if (type === 'media') {
    const m = await mediaRepo.findVisible(trx, p, id);
    if (m) return { ownerAgencyId: m.owner_agency_id, title: `medium #${id}`, link: `/media/${id}` };
  } else if (type === 'series') {
    const s = await seriesRepo.findVisible(trx, p, id);
    if (s) return { ownerAgencyId: s.owner_agency_id, title: `series ${s.number}`, link: `/series/${id}` };
  } else {
    const v = await entityRepo.findVisible(trx, p, 'victim', id);
    if (v) return { ownerAgencyId: v.owner_agency_id as number, title: `victim "${v.label as string}"`, link: `/victims/${id}` };
  }
  throw new NotFoundError(type);
}

export class CommentService {
  constructor(private readonly db: Db) {}

  list(p: Principal, type: CommentTarget, id: number, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      await requireTarget(trx, p, type, id);
      const limit = opts.limit ?? 100;
      const rows = (
        await sql<{ id: number; body: string; author_country: string; display_name: string; author_id: number; created_at: Date }>`
        SELECT c.id, c.body, c.author_country, c.author_id, u.display_name, c.created_at FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.target_type = ${type} AND c.target_id = ${id} ${opts.afterId ? sql`AND c.id > ${opts.afterId}` : sql``}
        ORDER BY c.id LIMIT ${limit}`.execute(trx)
      ).rows;
      await recordAudit(trx, p, { action: 'comment.list', objectType: type, objectId: id, details: { count: rows.length } });
      return {
        comments: rows.map((c) => ({
          id: c.id,
          body: c.body,
          author: c.display_name,
          authorCountry: c.author_country.trim(),
          mine: c.author_id === p.userId,
          createdAt: new Date(c.created_at).toISOString(),
        })),
        nextAfterId: rows.length === limit ? rows.at(-1)!.id : null,
      };
    });
  }

  create(p: Principal, type: CommentTarget, id: number, body: string) {
    return this.db.transaction().execute(async (trx) => {
      const target = await requireTarget(trx, p, type, id);
      const row = await trx
        .insertInto('comments')
        .values({ target_type: type, target_id: id, author_id: p.userId, author_country: p.countryCode, body })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, p, { action: 'comment.create', objectType: type, objectId: id, details: { commentId: row.id } });
      if (target.ownerAgencyId !== p.agencyId) {
        await notify(trx, {
          to: { agencyId: target.ownerAgencyId },
          kind: 'comment',
          title: `New comment on ${target.title} (${p.countryCode})`,
          body: body.length > 280 ? `${body.slice(0, 277)}…` : body,
          link: target.link,
          data: { targetType: type, targetId: id, commentId: row.id },
        });
      }
      return {
        id: row.id,
        targetType: type,
        targetId: id,
        body,
        author: p.displayName,
        authorCountry: p.countryCode,
        mine: true,
        createdAt: new Date(row.created_at).toISOString(),
      };
    });
  }
}
