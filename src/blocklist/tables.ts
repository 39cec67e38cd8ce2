// Table types of the domain block list (migrations/012_blocklist.sql).
import type { ColumnType, Generated, Selectable } from 'kysely';

export const BLOCKLIST_STATUSES = ['pending', 'active', 'removed'] as const;
export type BlocklistStatus = (typeof BLOCKLIST_STATUSES)[number];
export const VERIFICATION_KINDS = ['proposal', 'confirmation', 'review'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

export interface BlocklistEntryTable {
  id: Generated<number>;
  domain: string;
  status: Generated<BlocklistStatus>;
  proposer_country: string;
  proposer_agency_id: number;
  proposed_by: number;
  note: Generated<string>;
  activated_at: Date | null;
  /** A calendar date; the repository always reads it as 'YYYY-MM-DD' text (no driver date parsing). */
  review_due: ColumnType<string | null, string | null | undefined, string | null>;
  last_verified_at: Date | null;
  removed_at: Date | null;
  removed_by: number | null;
  removal_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type BlocklistEntryRow = Selectable<BlocklistEntryTable>;

export interface BlocklistVerificationTable {
  id: Generated<number>;
  entry_id: number;
  kind: VerificationKind;
  user_id: number;
  country_code: string;
  agency_id: number;
  children_under_13: boolean;
  severe_abuse: boolean;
  note: Generated<string>;
  created_at: Generated<Date>;
}
export type BlocklistVerificationRow = Selectable<BlocklistVerificationTable>;

declare module '../db/types.js' {
  interface DB {
    blocklist_entries: BlocklistEntryTable;
    blocklist_verifications: BlocklistVerificationTable;
  }
}
