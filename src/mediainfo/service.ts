// A medium's metadata as an investigator reads it: hashes, dimensions, EXIF, series, links, votes, comments.
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { NotFoundError } from '../shared/errors.js';
import { loadVotes, presentVotes } from '../series/categorisation.js';
import { mediaRepo, presentMediaDetail } from './repository.js';

export class MediaInfoService {
  constructor(private readonly db: Db) {}

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const m = await mediaRepo.findVisible(trx, p, id);
      if (!m) throw new NotFoundError('media');
      const series =
        m.series_id == null
          ? undefined
          : (
              await sql<{ id: number; number: string; name: string; status: string }>`SELECT s.id, s.number, s.name, s.status FROM series s
            WHERE s.id = ${m.series_id} AND ${visibleTo(p, 's')}`.execute(trx)
            ).rows[0];
      // Only links to records the reader may see are shown.
      const links = (
        await sql<{ entity_type: string; entity_id: number; title: string }>`
        SELECT l.entity_type, l.entity_id, coalesce(v.label, o.label, pl.description) AS title FROM media_links l
        LEFT JOIN victims v ON l.entity_type = 'victim' AND v.id = l.entity_id
        LEFT JOIN offenders o ON l.entity_type = 'offender' AND o.id = l.entity_id
        LEFT JOIN places pl ON l.entity_type = 'place' AND pl.id = l.entity_id
        WHERE l.media_id = ${id} AND (
          (v.id IS NOT NULL AND ${visibleTo(p, 'v')}) OR (o.id IS NOT NULL AND ${visibleTo(p, 'o')}) OR (pl.id IS NOT NULL AND ${visibleTo(p, 'pl')}))
        ORDER BY l.entity_type, l.entity_id`.execute(trx)
      ).rows;
      const votes = await loadVotes(trx, id);
      const comments = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM comments WHERE target_type = 'media' AND target_id = ${id}`.execute(trx))
        .rows[0]!.n;
      await recordAudit(trx, p, { action: 'media.read', objectType: 'media', objectId: id });
      return {
        ...presentMediaDetail(m),
        seriesId: series ? series.id : null, // a restricted series is not even named by its id
        series: series ? { id: series.id, number: series.number, name: series.name, status: series.status } : null,
        links: links.map((l) => ({ entityType: l.entity_type, entityId: l.entity_id, title: l.title })),
        categorisation: presentVotes(p, votes, m.category),
        commentsCount: comments,
      };
    });
  }
}
