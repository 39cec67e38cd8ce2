// Who may do what with referrals, and how reports, packages and incidents are shown.
//  - The hub (General Secretariat: its staff, analysts and admins of the hub country — src/policy/who.ts) uploads reports,
//    sees every package with its counts and acknowledgement, and assigns the unassigned queue.
//  - A member country's NCB officers and analysts see their own country's packages only (others: 404);
//    NCB officers acknowledge receipt; NCB officers and analysts mark incidents actioned.
import type { Principal } from '../access/principal.js';
import { ForbiddenError } from '../shared/errors.js';
import { isHubStaff } from '../policy/who.js';
import { REFERRAL_MEMBER_ROLES } from '../policy/services.js';
import type { PresentedFile } from './enrich.js';
import type { PackageCounts, PackageListRow, Scope } from './repository.js';
import { PRIORITY_LABEL, type IncidentRow, type ReportRow } from './tables.js';
import { isoTime as iso } from '../shared/dates.js';

export function scopeOf(p: Principal): Scope {
  if (isHubStaff(p)) return { hub: true };
  if (!p.isHub && REFERRAL_MEMBER_ROLES.includes(p.role)) return { hub: false, country: p.countryCode };
  throw new ForbiddenError('referrals are for the General Secretariat and for national central bureaus and analysts of member countries');
}

export function requireHub(p: Principal, what: string): void {
  if (!scopeOf(p).hub) throw new ForbiddenError(`${what} is done by the General Secretariat`);
}

export function presentReport(r: ReportRow) {
  return {
    id: r.id,
    provider: r.provider,
    reference: r.reference,
    format: r.format,
    rowsTotal: r.rows_total,
    incidentsAccepted: r.incidents_accepted,
    rowsRejected: r.rows_rejected,
    uploadedBy: r.uploaded_by,
    uploadedAt: iso(r.uploaded_at),
  };
}

const NO_COUNTS: PackageCounts = { incidents: 0, open: 0, actioned: 0, withNew: 0, filesNew: 0, filesNear: 0, filesExact: 0 };

export function presentPackage(pk: PackageListRow, counts?: PackageCounts) {
  return {
    id: pk.id,
    reportId: pk.report_id,
    provider: pk.provider,
    reference: pk.reference,
    country: pk.country,
    status: pk.status,
    acknowledgedAt: iso(pk.acknowledged_at),
    acknowledgedBy: pk.acknowledged_by ? { userId: pk.acknowledged_by, name: pk.acknowledged_by_name } : null,
    createdAt: iso(pk.created_at),
    counts: counts ?? NO_COUNTS,
  };
}

export function presentIncident(i: IncidentRow & { provider: string; reference: string }, files: PresentedFile[]) {
  return {
    id: i.id,
    reportId: i.report_id,
    packageId: i.package_id,
    provider: i.provider,
    reportReference: i.reference,
    providerIncidentId: i.provider_incident_id,
    incidentAt: iso(i.incident_at),
    providerCountry: i.provider_country,
    country: i.country,
    unassignedReason: i.unassigned_reason,
    offender: { account: i.offender_account, username: i.offender_username, ipAddress: i.ip_address },
    priority: PRIORITY_LABEL[i.priority] ?? 'new',
    counts: { files: i.files_total, new: i.files_new, knownNear: i.files_near, knownExact: i.files_exact },
    status: i.status,
    action:
      i.status === 'actioned' ? { outcome: i.outcome, caseReference: i.case_reference, note: i.action_note, by: i.actioned_by, at: iso(i.actioned_at) } : null,
    assignedAt: iso(i.assigned_at),
    files,
  };
}

/** Keyset cursor of incident pages: "<priority>.<id>" (new material first, then by id). */
export const cursorOf = (i: { priority: number; id: number }) => `${i.priority}.${i.id}`;
export function parseCursor(s: string | undefined) {
  if (!s) return undefined;
  const [priority, id] = s.split('.').map(Number);
  return { priority: priority!, id: id! };
}
