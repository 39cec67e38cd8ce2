// Who is who, defined once for every resource. The General Secretariat (the hub country, is_hub) and the
// national central bureaus of member countries are the two sides of every exchange (domain.md: notices are
// reviewed by the General Secretariat; only NCBs authorise national users; DPOs sit at the GS and at NCBs).
//   - hub staff: analysts and administrators of the hub. They review notices, keep the firearms reference
//     table, upload provider reports, review and distribute the block list. The hub has no national central
//     bureau, so an `ncb_officer` account at the hub is not staff (referrals used to count it; notices,
//     firearms and the block list did not; the General Secretariat's reviewing role is its analysts').
//   - national DPO: a `dpo` of a member country, scoped to that country; the hub DPO sees every country.
//   - NCB officer: an `ncb_officer` of a member country; acts for that country only (national scope).
import type { Principal, Role } from '../access/principal.js';

export const HUB_STAFF_ROLES: readonly Role[] = ['analyst', 'admin'];
/** Roles that work case data (investigations). */
export const CASE_ROLES: readonly Role[] = ['investigator', 'analyst', 'ncb_officer'];

export const isHubStaff = (p: Principal): boolean => p.isHub && HUB_STAFF_ROLES.includes(p.role);
export const isHubDpo = (p: Principal): boolean => p.isHub && p.role === 'dpo';
export const isNationalDpo = (p: Principal): boolean => !p.isHub && p.role === 'dpo';
/** An NCB officer of a member country (the hub has none). */
export const isNcbOfficer = (p: Principal): boolean => !p.isHub && p.role === 'ncb_officer';
/** A hub administrator: grants the roles that reach beyond one country (dpo, admin). */
export const isHubAdmin = (p: Principal): boolean => p.via === 'system' || (p.isHub && p.role === 'admin');

/**
 * The countries whose data-protection records (audit, retention) the principal oversees:
 * null = every country (hub DPO, administrators); otherwise one country (national DPO, NCB officer).
 */
export function oversightCountry(p: Principal): string | null {
  if (p.via === 'system' || isHubDpo(p) || (p.role === 'admin' && p.isHub)) return null;
  return p.countryCode;
}

/** The country whose users and agencies the principal administers: null = all (hub admin). */
export function adminCountry(p: Principal): string | null | undefined {
  if (isHubAdmin(p)) return null;
  if (p.role === 'admin') return null; // an admin account outside the hub still administers (legacy single-country installs)
  if (isNcbOfficer(p)) return p.countryCode;
  return undefined; // administers nothing
}
