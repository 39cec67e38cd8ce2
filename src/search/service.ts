// Search across the knowledge base: media by hash (exact, or PDQ within a distance), camera and capture
// date; series by number or name; victims by label; all optionally by owner country. Every result set
// is filtered by visibility in SQL, and the search itself is audited with its criteria.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { allowedIds, visibleTo } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError } from '../shared/errors.js';
import { mediaRepo, presentMediaSummary } from '../mediainfo/repository.js';
import { presentSeries } from '../series/service.js';
import { presentEntity } from '../series/entities.js';
import type { SeriesRow } from '../series/tables.js';
import { nearPdq, type NearResult, type NearSource } from './pdq-near.js';

export interface SearchQuery {
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: string;
  maxDistance?: number;
  series?: string;
  victim?: string;
  cameraMake?: string;
  cameraModel?: string;
  cameraSerial?: string;
  capturedFrom?: string;
  capturedTo?: string;
  country?: string;
  afterId?: number;
  limit?: number;
}

/** What presentEntity gives for a victim (its other branches are offenders and places). */
type PresentedVictim = Extract<ReturnType<typeof presentEntity>, { rescued: boolean }>;

const like = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
function instant(v: string | undefined, what: string, endOfDay = false): Date | undefined {
  if (v === undefined) return undefined;
  const s = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : v;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new BadRequestError(`${what} must be a date (YYYY-MM-DD) or an ISO timestamp`);
  return d;
}

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly near?: NearSource,
  ) {}

  search(p: Principal, q: SearchQuery) {
    const limit = q.limit ?? 50;
    const from = instant(q.capturedFrom, 'capturedFrom'),
      to = instant(q.capturedTo, 'capturedTo', true);
    if (from && to && from > to) throw new BadRequestError('capturedFrom is after capturedTo');
    const country = q.country?.toUpperCase();
    const mediaCriteria = q.md5 || q.sha1 || q.sha256 || q.pdq || q.cameraMake || q.cameraModel || q.cameraSerial || from || to;
    if (!mediaCriteria && !q.series && !q.victim && !country) throw new BadRequestError('give at least one search criterion');
    const distance = q.maxDistance ?? 0;

    return this.db.transaction().execute(async (trx) => {
      const out: {
        media?: Array<ReturnType<typeof presentMediaSummary> & { distance?: number }>;
        series?: Array<ReturnType<typeof presentSeries>>;
        victims?: Array<PresentedVictim & { seriesNumber: string }>;
        pdq?: Omit<NearResult, 'hits'>;
        nextAfterId?: number | null;
      } = {};
      if (mediaCriteria || (country && !q.series && !q.victim)) {
        const where: RawBuilder<unknown>[] = [];
        let near: NearResult | undefined;
        if (q.md5) where.push(sql`m.md5 = ${q.md5.toLowerCase()}`);
        if (q.sha1) where.push(sql`m.sha1 = ${q.sha1.toLowerCase()}`);
        if (q.sha256) where.push(sql`m.sha256 = ${q.sha256.toLowerCase()}`);
        if (q.pdq && distance === 0) where.push(sql`m.pdq = ${q.pdq.toLowerCase()}`);
        if (q.pdq && distance > 0) {
          near = await nearPdq(trx, this.near, q.pdq, distance, visibleTo(p, 'm'));
          where.push(sql`m.id = ANY(${near.hits.map((h) => h.mediaId)}::int[])`);
        }
        if (q.cameraMake) where.push(sql`lower(m.camera_make) LIKE ${like(q.cameraMake)}`);
        if (q.cameraModel) where.push(sql`lower(m.camera_model) LIKE ${like(q.cameraModel)}`);
        if (q.cameraSerial) where.push(sql`lower(m.camera_serial) = ${q.cameraSerial.toLowerCase()}`);
        if (from) where.push(sql`m.captured_at >= ${from}`);
        if (to) where.push(sql`m.captured_at <= ${to}`);
        if (country) where.push(sql`m.owner_country = ${country}`);
        const cond = sql.join(where, sql` AND `);
        if (near) {
          // Near results are ranked by distance and bounded by the threshold: one page.
          const rows = await mediaRepo.listVisible(trx, p, cond, { limit: 1000 });
          // Counts only what the caller may see: the index's hits include other owners' restricted media.
          out.pdq = { method: near.method, complete: near.complete, candidates: near.method === 'index' ? rows.length : near.candidates };
          const dist = new Map(near.hits.map((h) => [h.mediaId, h.distance]));
          out.media = rows
            .map((m) => ({ ...presentMediaSummary(m), distance: dist.get(m.id)! }))
            .sort((a, b) => a.distance - b.distance || a.id - b.id)
            .slice(0, limit);
          out.nextAfterId = null;
        } else {
          const rows = await mediaRepo.listVisible(trx, p, cond, { afterId: q.afterId, limit });
          out.media = rows.map((m) => ({ ...presentMediaSummary(m), ...(q.pdq ? { distance: 0 } : {}) }));
          out.nextAfterId = rows.length === limit ? rows.at(-1)!.id : null;
        }
      }
      if (q.series || (country && !mediaCriteria)) {
        const rows = (
          await sql<SeriesRow>`SELECT s.* FROM series s WHERE ${visibleTo(p, 's')}
          ${q.series ? sql`AND (lower(s.number) = ${q.series.toLowerCase()} OR lower(s.name) LIKE ${like(q.series)})` : sql``}
          ${country ? sql`AND s.owner_country = ${country}` : sql``} ORDER BY s.id DESC LIMIT ${limit}`.execute(trx)
        ).rows;
        out.series = rows.map(presentSeries);
      }
      if (q.victim || (country && !mediaCriteria)) {
        const rows = (
          await sql<
            Record<string, unknown> & {
              id: number;
              series_id: number;
              owner_country: string;
              owner_agency_id: number;
              distribution: 'all';
              shared_with: string[];
              series_number: string;
            }
          >`
          SELECT v.*, to_char(v.identified_at, 'YYYY-MM-DD') AS identified_on, to_char(v.rescued_at, 'YYYY-MM-DD') AS rescued_on, s.number AS series_number
          FROM victims v JOIN series s ON s.id = v.series_id WHERE ${visibleTo(p, 'v')} AND ${visibleTo(p, 's')}
          ${q.victim ? sql`AND lower(v.label) LIKE ${like(q.victim)}` : sql``} ${country ? sql`AND v.owner_country = ${country}` : sql``}
          ORDER BY v.id DESC LIMIT ${limit}`.execute(trx)
        ).rows;
        out.victims = rows.map((v) => ({ ...(presentEntity('victim', v) as PresentedVictim), seriesNumber: v.series_number }));
      }
      if (out.media?.length) {
        // A medium may sit in a series the reader may not see: do not name it, not even by id.
        const media = out.media as Array<{ seriesId: number | null }>;
        const seen = await allowedIds(trx, 'series', p, [...new Set(media.flatMap((m) => (m.seriesId == null ? [] : [m.seriesId])))]);
        for (const m of media) if (m.seriesId != null && !seen.has(m.seriesId)) m.seriesId = null;
      }
      const criteria = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      await recordAudit(trx, p, {
        action: 'search',
        objectType: 'search',
        details: {
          criteria,
          media: (out.media as Array<{ id: number }> | undefined)?.map((m) => m.id),
          series: out.series?.length,
          victims: out.victims?.length,
          pdqMethod: out.pdq?.method,
        },
      });
      return out;
    });
  }
}
