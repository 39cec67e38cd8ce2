// Read-side SQL over `media` (owned by the ingest module): raw SQL, so this module does not redeclare its table type.
import { sql, type RawBuilder, type SqlBool, type Expression } from 'kysely';
import type { Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo, type Distribution } from '../access/visibility.js';
import { isoTime as iso } from '../shared/dates.js';

export interface MediaRow {
  id: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  size_bytes: string | number | null;
  media_type: 'image' | 'video';
  format: string | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdq_quality: number | null;
  exif: unknown;
  camera_make: string | null;
  camera_model: string | null;
  camera_serial: string | null;
  captured_at: Date | string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  duration_s: number | null;
  stored: boolean;
  thumb_stored: boolean;
  hash_only: boolean;
  series_id: number | null;
  category: number | null;
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
  created_at: Date | string;
}

const COLUMNS = sql.raw(`m.id, m.sha256, m.md5, m.sha1, m.size_bytes, m.media_type, m.format, m.width, m.height, m.pdq, m.pdq_quality,
  m.exif, m.camera_make, m.camera_model, m.camera_serial, m.captured_at, m.gps_lat, m.gps_lon, m.duration_s, m.stored,
  m.thumb_stored, m.hash_only, m.series_id, m.category, m.owner_country, m.owner_agency_id, m.distribution, m.shared_with, m.created_at`);

/** What a list or search shows of a medium (no EXIF dump). */
export function presentMediaSummary(m: MediaRow) {
  return {
    id: m.id,
    sha256: m.sha256,
    md5: m.md5,
    sha1: m.sha1,
    pdq: m.pdq,
    mediaType: m.media_type,
    format: m.format,
    width: m.width,
    height: m.height,
    seriesId: m.series_id,
    category: m.category,
    hashOnly: m.hash_only,
    cameraMake: m.camera_make,
    cameraModel: m.camera_model,
    capturedAt: iso(m.captured_at),
    ownerCountry: m.owner_country,
    thumbnail: m.thumb_stored ? `/api/v1/media/${m.id}/thumbnail` : null,
  };
}
export function presentMediaDetail(m: MediaRow) {
  return {
    ...presentMediaSummary(m),
    sizeBytes: m.size_bytes == null ? null : Number(m.size_bytes),
    pdqQuality: m.pdq_quality,
    durationSeconds: m.duration_s,
    camera: { make: m.camera_make, model: m.camera_model, serial: m.camera_serial },
    gps: m.gps_lat == null || m.gps_lon == null ? null : { lat: m.gps_lat, lon: m.gps_lon },
    exif: m.exif ?? {},
    stored: m.stored,
    ownerAgencyId: m.owner_agency_id,
    distribution: m.distribution,
    sharedWith: m.shared_with,
    content: m.stored ? `/api/v1/media/${m.id}/content` : null,
    createdAt: iso(m.created_at),
  };
}

export const mediaRepo = {
  findVisible: async (db: Executor, p: Principal, id: number) =>
    (await sql<MediaRow>`SELECT ${COLUMNS} FROM media m WHERE m.id = ${id} AND ${visibleTo(p, 'm')}`.execute(db)).rows[0],

  /** Visible media matching `where`, newest first, keyset-paged on id. */
  listVisible: async (db: Executor, p: Principal, where: Expression<SqlBool> | RawBuilder<unknown>, opts: { afterId?: number; limit: number }) =>
    (
      await sql<MediaRow>`SELECT ${COLUMNS} FROM media m WHERE ${where} AND ${visibleTo(p, 'm')}
      ${opts.afterId ? sql`AND m.id < ${opts.afterId}` : sql``} ORDER BY m.id DESC LIMIT ${opts.limit}`.execute(db)
    ).rows,

  byIdsVisible: async (db: Executor, p: Principal, ids: number[]) =>
    ids.length ? (await sql<MediaRow>`SELECT ${COLUMNS} FROM media m WHERE m.id = ANY(${ids}::int[]) AND ${visibleTo(p, 'm')}`.execute(db)).rows : [],

  setSeries: (db: Executor, ids: number[], seriesId: number | null) => sql`UPDATE media SET series_id = ${seriesId} WHERE id = ANY(${ids}::int[])`.execute(db),

  setCategory: (db: Executor, id: number, category: number | null) => sql`UPDATE media SET category = ${category} WHERE id = ${id}`.execute(db),
};
