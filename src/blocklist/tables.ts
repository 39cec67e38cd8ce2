// Vocabularies and row types of the domain block list (migrations/012_blocklist.sql; columns in src/db/schema.gen.ts).
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export const BLOCKLIST_STATUSES = ['pending', 'active', 'removed'] as const;
export type BlocklistStatus = (typeof BLOCKLIST_STATUSES)[number];
export const VERIFICATION_KINDS = ['proposal', 'confirmation', 'review'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/** An entry as the repository reads it: review_due (a calendar date) as 'YYYY-MM-DD' text, no driver date parsing. */
export type BlocklistEntryRow = Omit<Selectable<DB['blocklist_entries']>, 'review_due'> & { review_due: string | null };
export type BlocklistVerificationRow = Selectable<DB['blocklist_verifications']>;
