// Table types of migrations/021_places.sql.
import type { Generated } from 'kysely';
import '../series/tables.js';

export interface MediaFeaturesTable {
  media_id: number;
  features: Uint8Array;
  words: Uint8Array;
  keypoints: number;
  vocabulary: Generated<number>;
  created_at: Generated<Date>;
}
export type PlaceLinkStatus = 'suggested' | 'confirmed' | 'rejected';
export interface PlaceLinkTable {
  id: Generated<number>;
  media_id: number;
  linked_media_id: number;
  media_a: Generated<number>;
  media_b: Generated<number>;
  seizure_item_id: number | null;
  inliers: number;
  evidence: unknown;
  status: Generated<PlaceLinkStatus>;
  decided_by: number | null;
  decided_at: Date | null;
  reason: string | null;
  created_at: Generated<Date>;
}
/** Columns 021 adds to places (read and written with sql, the places table type belongs to src/series). */
export interface PlaceExtraColumns {
  clue_items: Generated<unknown>;
  latitude: number | null;
  longitude: number | null;
  location_confidence: number | null;
  location_note: Generated<string>;
}

declare module '../db/types.js' {
  interface DB {
    media_features: MediaFeaturesTable;
    place_links: PlaceLinkTable;
  }
}
