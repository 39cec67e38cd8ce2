// Table types of media (migrations/003_core.sql + 004_ingest.sql), declared once for every module that reads them.
import type { Generated, Selectable } from 'kysely';
import type { Distribution } from '../access/visibility.js';

export interface MediaTable {
  id: Generated<number>;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  size_bytes: number | null;
  media_type: Generated<'image' | 'video'>;
  format: string | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdq_quality: number | null;
  pdq_dihedral: string[] | null;
  /** migrations/020: pdq is of the pixels as stored; pdq_upright of the image as displayed (EXIF orientation 2..8). */
  pdq_upright: Generated<string | null>;
  pdq_basis: Generated<'stored' | 'derived' | 'given' | null>;
  exif: Generated<unknown>;
  camera_make: string | null;
  camera_model: string | null;
  camera_serial: string | null;
  captured_at: Date | null;
  gps_lat: number | null;
  gps_lon: number | null;
  duration_s: number | null;
  stored: Generated<boolean>;
  thumb_stored: Generated<boolean>;
  hash_only: Generated<boolean>;
  series_id: number | null;
  category: number | null;
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
  first_seizure_id: number | null;
  first_item_id: number | null;
  created_at: Generated<Date>;
}
/** Video frames (vPDQ): one row per kept frame; indexed for matching under frameIndexId(id). */
export interface MediaFrameTable {
  id: Generated<number>;
  media_id: number;
  frame: number;
  quality: number;
  pdq: string;
  timestamp_s: number;
  /** PDQ of centre crops (migrations/008); null for frames stored before. */
  crop_pdq: string[] | null;
}
declare module '../db/types.js' {
  interface DB {
    media: MediaTable;
    media_frames: MediaFrameTable;
  }
}
export type MediaRow = Selectable<MediaTable>;
