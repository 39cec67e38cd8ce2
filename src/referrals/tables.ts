// Table types of referrals (migrations/013_referrals.sql).
import type { Generated, Selectable } from 'kysely';

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

export interface ReferralReportTable {
  id: Generated<number>;
  provider: string;
  reference: string;
  format: 'json' | 'csv';
  digest: string;
  rows_total: number;
  incidents_accepted: number;
  rows_rejected: number;
  rejections: Generated<Rejection[]>;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
}
export interface ReferralPackageTable {
  id: Generated<number>;
  report_id: number;
  country: string;
  status: Generated<PackageStatus>;
  acknowledged_by: number | null;
  acknowledged_at: Date | null;
  created_at: Generated<Date>;
}
export interface ReferralIncidentTable {
  id: Generated<number>;
  report_id: number;
  package_id: number | null;
  provider_key: string;
  provider_incident_id: string;
  incident_at: Date | null;
  provider_country: string | null;
  country: string | null;
  unassigned_reason: string | null;
  offender_account: string | null;
  offender_username: string | null;
  ip_address: string | null;
  priority: number;
  files_total: number;
  files_new: number;
  files_near: number;
  files_exact: number;
  status: Generated<IncidentStatus>;
  outcome: Outcome | null;
  case_reference: string | null;
  action_note: string | null;
  actioned_by: number | null;
  actioned_at: Date | null;
  assigned_by: number | null;
  assigned_at: Date | null;
  created_at: Generated<Date>;
}
export interface ReferralFileTable {
  id: Generated<number>;
  incident_id: number;
  name: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  result: FileResult;
  media_id: number | null;
  distance: number | null;
  stage: string | null;
  match: unknown;
}
export type ReportRow = Selectable<ReferralReportTable>;
export type PackageRow = Selectable<ReferralPackageTable>;
export type IncidentRow = Selectable<ReferralIncidentTable>;
export type FileRow = Selectable<ReferralFileTable>;

declare module '../db/types.js' {
  interface DB {
    referral_reports: ReferralReportTable;
    referral_packages: ReferralPackageTable;
    referral_incidents: ReferralIncidentTable;
    referral_files: ReferralFileTable;
  }
}
