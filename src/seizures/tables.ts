// Table types of seizures, their items and deconfliction alerts (003_core.sql + 004_ingest.sql + 007_robust_regions.sql).
import type { Generated, Selectable } from 'kysely';
import type { Distribution } from '../access/visibility.js';

export type SeizureStatus = 'receiving' | 'processing' | 'complete';
export type ItemStatus = 'pending' | 'processing' | 'done' | 'error';
export type ItemResult = 'known_exact' | 'known_near' | 'new';

export interface SeizureTable {
  id: Generated<number>;
  case_id: number;
  label: string;
  description: Generated<string>;
  status: Generated<SeizureStatus>;
  hash_only: Generated<boolean>;
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
  created_by: number;
  created_at: Generated<Date>;
  completed_at: Date | null;
  processing_started_at: Date | null;
}
export interface SeizureItemTable {
  id: Generated<number>;
  seizure_id: number;
  path: string;
  kind: Generated<'file' | 'hash'>;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
  size_bytes: number | null;
  status: Generated<ItemStatus>;
  error_reason: string | null;
  error_message: string | null;
  note: string | null;
  /** Images: the lowest-numbered item of the same seizure within PDQ distance 31 (see near.ts). */
  near_item_id: Generated<number | null>;
  media_id: number | null;
  result: ItemResult | null;
  match: unknown;
  attempts: Generated<number>;
  claimed_at: Date | null;
  created_at: Generated<Date>;
  processed_at: Date | null;
  match_stage: Generated<string | null>;
  match_rule: Generated<string | null>;
  match_votes: Generated<number | null>;
  match_min_distance: Generated<number | null>;
}
export interface DeconflictionAlertTable {
  id: Generated<number>;
  series_id: number;
  seizure_id: number;
  uploader_agency_id: number;
  uploader_country: string;
  owner_agency_id: number;
  owner_country: string;
  matched_items: Generated<number>;
  created_at: Generated<Date>;
}
declare module '../db/types.js' {
  interface DB {
    seizures: SeizureTable;
    seizure_items: SeizureItemTable;
    deconfliction_alerts: DeconflictionAlertTable;
  }
}
export type SeizureRow = Selectable<SeizureTable>;
export type ItemRow = Selectable<SeizureItemTable>;
