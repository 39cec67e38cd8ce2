// Places as records and the links the place index suggests: a place's overview (its linked images, the
// series and victims seen there, clues and a location estimate), link decisions (confirm / reject — a
// rejected pair stays rejected and is never suggested again), and scene search (a known medium or an
// uploaded picture → the media and places sharing its scene, ranked). Every read and write is audited;
// media and places the caller may not see are answered as "known to X, contact its NCB" or left out.
import sharp from 'sharp';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { allowedIds, canSee, visibleTo, type Distributed } from '../access/visibility.js';
import { owns } from '../policy/case-data.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { PlaceEvidence } from './triage.js';
import { storedAndQueryFeatures, type Features } from './features.js';
import { explain } from './verify.js';
import { placeMatcher } from './matcher.js';
import { PLACE_CANDIDATES } from './index.js';
import { evidenceOf } from './triage.js';

export interface ClueItem {
  kind: 'object' | 'text' | 'language' | 'socket' | 'landscape' | 'product' | 'other';
  value: string;
}
export interface PlaceUpdate {
  clueItems?: ClueItem[];
  latitude?: number | null;
  longitude?: number | null;
  confidence?: number | null;
  locationNote?: string;
}

type MediaRow = Distributed & { id: number; series_id: number | null; ncb_name: string | null };

async function mediaRows(trx: Executor, ids: number[]): Promise<Map<number, MediaRow>> {
  if (!ids.length) return new Map();
  const r = await sql<MediaRow>`SELECT m.id, m.series_id, m.owner_country, m.owner_agency_id, m.distribution, m.shared_with, c.ncb_name
    FROM media m LEFT JOIN countries c ON c.code = m.owner_country WHERE m.id = ANY(${ids}::int[])`.execute(trx);
  return new Map(r.rows.map((m) => [m.id, m]));
}

const restricted = (m: MediaRow) => ({
  restricted: true as const,
  ownerCountry: m.owner_country,
  message: `known to ${m.owner_country}, contact its NCB (${m.ncb_name ?? 'national central bureau'})`,
});

export class PlaceService {
  constructor(private readonly ctx: AppContext) {}
  private get db() {
    return this.ctx.db;
  }

  private async requirePlace(trx: Executor, p: Principal, id: number) {
    const r = await sql<
      Distributed & {
        id: number;
        series_id: number;
        description: string;
        clues: string;
        country_guess: string | null;
        clue_items: ClueItem[];
        latitude: number | null;
        longitude: number | null;
        location_confidence: number | null;
        location_note: string;
      }
    >`
      SELECT t.* FROM places t WHERE t.id = ${id} AND ${visibleTo(p, 't')}`.execute(trx);
    if (!r.rows[0]) throw new NotFoundError('place');
    return r.rows[0];
  }

  /** The place page: linked images (visible ones; the web app veils them), series and victims, clues, location, suggested links. */
  overview(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const pl = await this.requirePlace(trx, p, id);
      const linked = (await trx.selectFrom('media_links').select('media_id').where('entity_type', '=', 'place').where('entity_id', '=', id).execute()).map(
        (r) => r.media_id,
      );
      // Media sharing the scene with the place's images through links not rejected.
      const links = linked.length
        ? await trx
            .selectFrom('place_links')
            .select(['id', 'media_id', 'linked_media_id', 'inliers', 'status', 'evidence'])
            .where((eb) => eb.or([eb('media_id', 'in', linked), eb('linked_media_id', 'in', linked)]))
            .where('status', '!=', 'rejected')
            .orderBy('inliers', 'desc')
            .execute()
        : [];
      const ids = [...new Set([...linked, ...links.flatMap((l) => [l.media_id, l.linked_media_id])])];
      const rows = await mediaRows(trx, ids);
      const visible = (mid: number) => {
        const m = rows.get(mid);
        return m ? canSee(p, m) : false;
      };
      const seriesIds = [
        ...new Set([
          pl.series_id,
          ...[...rows.values()]
            .filter((m) => canSee(p, m))
            .map((m) => m.series_id)
            .filter((s): s is number => s !== null),
        ]),
      ];
      const series = seriesIds.length
        ? (
            await sql<{
              id: number;
              number: string;
              name: string;
              owner_country: string;
            }>`SELECT t.id, t.number, t.name, t.owner_country FROM series t WHERE t.id = ANY(${seriesIds}::int[]) AND ${visibleTo(p, 't')} ORDER BY t.id`.execute(
              trx,
            )
          ).rows
        : [];
      const victims = series.length
        ? (
            await sql<{
              id: number;
              label: string;
              series_id: number;
              identified: boolean;
            }>`SELECT t.id, t.label, t.series_id, t.identified FROM victims t WHERE t.series_id = ANY(${series.map((s) => s.id)}::int[]) AND ${visibleTo(p, 't')} ORDER BY t.id`.execute(
              trx,
            )
          ).rows
        : [];
      await recordAudit(trx, p, { action: 'place.read', objectType: 'place', objectId: id, details: { media: ids.filter(visible).length } });
      return {
        id: pl.id,
        seriesId: pl.series_id,
        description: pl.description,
        clues: pl.clues,
        countryGuess: pl.country_guess?.trim() ?? null,
        clueItems: pl.clue_items,
        location:
          pl.latitude !== null && pl.longitude !== null
            ? { latitude: pl.latitude, longitude: pl.longitude, confidence: pl.location_confidence, note: pl.location_note }
            : null,
        ownerCountry: pl.owner_country,
        canEdit: owns(p, pl),
        media: linked.filter(visible).map((mid) => ({ mediaId: mid, thumbnail: `/api/v1/media/${mid}/thumbnail` })),
        links: links
          .filter((l) => visible(l.media_id) && visible(l.linked_media_id))
          .map((l) => ({
            id: l.id,
            mediaId: l.media_id,
            linkedMediaId: l.linked_media_id,
            inliers: l.inliers,
            status: l.status,
            evidence: l.evidence as PlaceEvidence, // written by evidenceOf (triage.ts)
          })),
        restrictedLinks: [
          ...new Set(
            links
              .flatMap((l) => [l.media_id, l.linked_media_id])
              .filter((mid) => !visible(mid))
              .map((mid) => rows.get(mid)!.owner_country),
          ),
        ].map((c) => ({ ownerCountry: c, message: `more pictures of this scene are known to ${c}, contact its NCB` })),
        series: series.map((s) => ({ id: s.id, number: s.number, name: s.name, ownerCountry: s.owner_country })),
        victims: victims.map((v) => ({ id: v.id, label: v.label, seriesId: v.series_id, identified: v.identified })),
      };
    });
  }

  /** Clues and the location estimate: the place's owner writes. */
  update(p: Principal, id: number, u: PlaceUpdate) {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const pl = await this.requirePlace(trx, p, id);
        if (!owns(p, pl)) throw new ForbiddenError('only the owning agency (or its NCB) edits a place');
        if ((u.latitude == null) !== (u.longitude == null) && (u.latitude !== undefined || u.longitude !== undefined))
          throw new BadRequestError('a location needs both latitude and longitude');
        await sql`UPDATE places SET
        clue_items = ${u.clueItems ? JSON.stringify(u.clueItems) : sql`clue_items`}::jsonb,
        latitude = ${u.latitude !== undefined ? u.latitude : sql`latitude`}, longitude = ${u.longitude !== undefined ? u.longitude : sql`longitude`},
        location_confidence = ${u.confidence !== undefined ? u.confidence : sql`location_confidence`},
        location_note = ${u.locationNote ?? sql`location_note`} WHERE id = ${id}`.execute(trx);
        await recordAudit(trx, p, { action: 'place.update', objectType: 'place', objectId: id, details: { fields: Object.keys(u) } });
      })
      .then(() => this.overview(p, id));
  }

  /** Suggested and decided links of a medium (rejected ones included, marked), the other side redacted when hidden. */
  linksOf(p: Principal, mediaId: number) {
    return this.db.transaction().execute(async (trx) => {
      const own = (await mediaRows(trx, [mediaId])).get(mediaId);
      if (!own || !canSee(p, own)) throw new NotFoundError('media');
      const links = await trx
        .selectFrom('place_links')
        .selectAll()
        .where((eb) => eb.or([eb('media_id', '=', mediaId), eb('linked_media_id', '=', mediaId)]))
        .orderBy('inliers', 'desc')
        .execute();
      const rows = await mediaRows(
        trx,
        links.map((l) => (l.media_id === mediaId ? l.linked_media_id : l.media_id)),
      );
      await recordAudit(trx, p, { action: 'place.links.read', objectType: 'media', objectId: mediaId, details: { links: links.length } });
      return links.map((l) => {
        const other = rows.get(l.media_id === mediaId ? l.linked_media_id : l.media_id)!;
        if (!canSee(p, other)) return { id: l.id, status: l.status, ...restricted(other) };
        return {
          id: l.id,
          status: l.status,
          restricted: false as const,
          mediaId: l.media_id,
          linkedMediaId: l.linked_media_id,
          inliers: l.inliers,
          evidence: l.evidence,
          decidedAt: l.decided_at?.toISOString() ?? null,
        };
      });
    });
  }

  /** Confirms or rejects a suggested link: a caller who sees both media and owns one of them. */
  decide(p: Principal, linkId: number, decision: 'confirmed' | 'rejected', reason?: string) {
    return this.db.transaction().execute(async (trx) => {
      const l = await trx.selectFrom('place_links').selectAll().where('id', '=', linkId).forUpdate().executeTakeFirst();
      if (!l) throw new NotFoundError('place link');
      const rows = await mediaRows(trx, [l.media_id, l.linked_media_id]);
      const a = rows.get(l.media_id)!,
        b = rows.get(l.linked_media_id)!;
      if (!canSee(p, a) || !canSee(p, b)) throw new NotFoundError('place link');
      if (!owns(p, a) && !owns(p, b)) throw new ForbiddenError('only an owner of one of the two media decides on their link');
      await trx
        .updateTable('place_links')
        .set({ status: decision, decided_by: p.userId, decided_at: new Date(), reason: reason ?? null })
        .where('id', '=', linkId)
        .execute();
      await recordAudit(trx, p, {
        action: decision === 'confirmed' ? 'place.link.confirm' : 'place.link.reject',
        objectType: 'place_link',
        objectId: linkId,
        details: { mediaId: l.media_id, linkedMediaId: l.linked_media_id, reason: reason ?? null },
      });
      return { id: linkId, status: decision };
    });
  }

  /** Media and places sharing the scene of a known medium or an uploaded picture, most matching points first. */
  similar(p: Principal, q: { mediaId?: number; image?: Buffer }) {
    return this.db.transaction().execute(async (trx) => {
      let f: Features;
      const exclude = new Set<number>();
      if (q.mediaId !== undefined) {
        const own = (await mediaRows(trx, [q.mediaId])).get(q.mediaId);
        if (!own || !canSee(p, own)) throw new NotFoundError('media');
        const stored = await placeMatcher(this.ctx).features(trx, q.mediaId);
        if (!stored) throw new BadRequestError('this medium has no local features (a video, a hash-only entry, or stored before places existed)');
        f = stored.f;
        exclude.add(q.mediaId);
        // A pair an investigator rejected is never suggested again.
        const rejected = await trx
          .selectFrom('place_links')
          .select(['media_id', 'linked_media_id'])
          .where('status', '=', 'rejected')
          .where((eb) => eb.or([eb('media_id', '=', q.mediaId!), eb('linked_media_id', '=', q.mediaId!)]))
          .execute();
        for (const r of rejected) exclude.add(r.media_id === q.mediaId ? r.linked_media_id : r.media_id);
      } else if (q.image) {
        try {
          const { data, info } = await sharp(q.image, { limitInputPixels: this.ctx.config.maxImagePixels }).raw().toBuffer({ resolveWithObject: true });
          f = storedAndQueryFeatures(data, info.width, info.height, info.channels).query;
        } catch (e) {
          throw new BadRequestError(`the picture cannot be decoded: ${(e as Error).message}`);
        }
      } else throw new BadRequestError('give a mediaId or an image');
      const hits = await placeMatcher(this.ctx).query(trx, f, { exclude: (id) => exclude.has(id), candidates: PLACE_CANDIDATES });
      const rows = await mediaRows(
        trx,
        hits.map((h) => h.id),
      );
      const places = hits.length
        ? await trx
            .selectFrom('media_links')
            .select(['media_id', 'entity_id'])
            .where('entity_type', '=', 'place')
            .where(
              'media_id',
              'in',
              hits.map((h) => h.id),
            )
            .execute()
        : [];
      const visiblePlaces = await allowedIds(
        trx,
        'places',
        p,
        places.map((x) => x.entity_id),
      );
      const seen = new Set<string>();
      const results = [];
      for (const h of hits) {
        const m = rows.get(h.id);
        if (!m) continue;
        if (!canSee(p, m)) {
          if (!seen.has(m.owner_country)) results.push({ inliers: h.verification.inliers, ...restricted(m) });
          seen.add(m.owner_country);
          continue;
        }
        const other = (await placeMatcher(this.ctx).features(trx, h.id))!.f;
        results.push({
          restricted: false as const,
          mediaId: h.id,
          inliers: h.verification.inliers,
          why: explain(h.verification),
          seriesId: m.series_id,
          placeIds: places.filter((x) => x.media_id === h.id && visiblePlaces.has(x.entity_id)).map((x) => x.entity_id),
          evidence: evidenceOf(h.verification, f, other),
        });
      }
      await recordAudit(trx, p, {
        action: 'place.search',
        objectType: q.mediaId !== undefined ? 'media' : 'upload',
        objectId: q.mediaId ?? null,
        details: { results: results.length },
      });
      return { keypoints: f.count, results };
    });
  }
}

export type { Trx };
