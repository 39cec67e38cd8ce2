// Vocabularies and row types of referrals (migrations/013_referrals.sql; columns in src/db/schema.gen.ts).
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export const OUTCOMES = ['case_opened', 'added_to_case', 'referred', 'no_further_action'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that name the national case they led to. */
export const OUTCOMES_WITH_CASE: readonly Outcome[] = ['case_opened', 'added_to_case'];
export type FileResult = 'known_exact' | 'known_near' | 'new';
export type PackageStatus = 'delivered' | 'acknowledged';
export type IncidentStatus = 'open' | 'actioned';
/** Incident priority: new material first (it may show a child not yet identified). */
export const PRIORITY_LABEL = ['new', 'known_near', 'known_exact'] as const;

export interface Rejection {
  row: number;
  incidentId: string | null;
  reason: string;
  message: string;
}

export type ReportRow = Selectable<DB['referral_reports']>;
export type PackageRow = Selectable<DB['referral_packages']>;
export type IncidentRow = Selectable<DB['referral_incidents']>;
export type FileRow = Selectable<DB['referral_files']>;
