// The sibling services' policies: iARMS firearms, I-GRIP payments, the domain block list, referrals.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Principal, Role } from '../access/principal.js';
import { definePolicy } from './define.js';
import { CASE_ROLES, HUB_STAFF_ROLES, isHubStaff, isNcbOfficer } from './who.js';

const ref = (alias: string, col: string) => sql.ref(`${alias}.${col}`);
const withAdmin: Role[] = [...CASE_ROLES, 'admin'];

// --- iARMS. A firearm record is seen by its recording country and the hub; others learn of it only through a
// search hit. The reference table is kept by hub staff and read by everyone.
export const firearmReferencePolicy = definePolicy({ resource: 'firearm.reference', gates: { read: 'any', write: HUB_STAFF_ROLES } });
export const firearmRecordPolicy = definePolicy<{ recording_country: string; status?: string }, 'list' | 'create' | 'read' | 'update' | 'recover'>({
  resource: 'firearm.record',
  gates: { list: CASE_ROLES, create: CASE_ROLES, read: CASE_ROLES, update: CASE_ROLES, recover: CASE_ROLES },
  scope: (p, a): Expression<SqlBool> => sql<SqlBool>`(${ref(a, 'recording_country')} = ${p.countryCode} OR ${p.isHub})`,
  can: (p, verb, r) => {
    if (verb === 'read' || verb === 'list') return r.recording_country.trim() === p.countryCode || p.isHub;
    // The recording country changes its records; one recovered is not recovered again.
    return r.recording_country.trim() === p.countryCode && !p.isHub && (verb !== 'recover' || r.status !== 'recovered');
  },
});
export const firearmSearchPolicy = definePolicy({ resource: 'firearm.search', gates: { create: CASE_ROLES, list: CASE_ROLES, read: CASE_ROLES } });
export const firearmTracePolicy = definePolicy({
  resource: 'firearm.trace',
  gates: { create: CASE_ROLES, list: CASE_ROLES, read: CASE_ROLES, answer: ['ncb_officer'] },
});

// --- I-GRIP stop-payment requests: the requesting country in every state; once sent, the hub and the
// receiving countries (each sees only its own transfers).
export const paymentPolicy = definePolicy<
  { requesting_country: string; sent_at: Date | null; receivers: string[]; status?: string },
  'list' | 'overdue' | 'read' | 'create' | 'update' | 'transfers' | 'send' | 'answer' | 'close'
>({
  resource: 'payment',
  gates: {
    list: withAdmin,
    overdue: withAdmin,
    read: withAdmin,
    create: CASE_ROLES,
    update: CASE_ROLES,
    transfers: CASE_ROLES,
    send: ['ncb_officer'],
    answer: ['ncb_officer'],
    close: ['ncb_officer'],
  },
  scope: (p, alias): Expression<SqlBool> => {
    const c = (col: string) => ref(alias, col);
    return sql<SqlBool>`((${c('requesting_country')} = ${p.countryCode} AND NOT ${p.isHub})
      OR (${c('sent_at')} IS NOT NULL AND (${p.isHub}
        OR EXISTS (SELECT 1 FROM payment_transfers vt WHERE vt.request_id = ${c('id')} AND vt.receiving_country = ${p.countryCode}))))`;
  },
  can: (p, verb, r) => {
    const own = r.requesting_country.trim() === p.countryCode && !p.isHub;
    const sees = own || (!!r.sent_at && (p.isHub || r.receivers.includes(p.countryCode)));
    if (verb === 'list' || verb === 'read' || verb === 'overdue') return sees;
    // State rules too when the row carries its status (answers' `actions`): drafts change, sent requests are answered.
    const is = (...st: string[]) => r.status === undefined || st.includes(r.status);
    if (verb === 'answer') return !!r.sent_at && isNcbOfficer(p) && r.receivers.includes(p.countryCode) && is('sent');
    if (verb === 'send') return own && isNcbOfficer(p) && is('draft');
    if (verb === 'close') return own && isNcbOfficer(p) && is('draft', 'sent');
    return own && is('draft');
  },
});

// --- The block list: proposed and verified by agencies of member countries; reviewed and distributed by the
// hub's staff; downloaded by NCB officers and hub staff for access providers.
/** Facts of a block-list entry: its status, the agencies that verified it (any kind) and that confirmed it. */
export interface BlocklistFacts {
  status?: string;
  verifier_agencies: number[];
  confirming_agencies?: number[];
}
export const blocklistPolicy = definePolicy<BlocklistFacts, 'list' | 'read' | 'propose' | 'verify' | 'review' | 'download' | 'remove'>({
  resource: 'blocklist',
  gates: {
    list: withAdmin,
    read: withAdmin,
    propose: ['investigator', 'analyst'],
    verify: ['investigator', 'analyst'],
    review: HUB_STAFF_ROLES,
    download: ['ncb_officer', ...HUB_STAFF_ROLES],
    remove: ['investigator', 'analyst', 'admin'],
  },
  can: (p, verb, e) => {
    switch (verb) {
      case 'list':
      case 'read':
        return true;
      case 'propose':
        return !p.isHub;
      // An active entry is re-verified by any verifier; a pending one is confirmed by another agency of a member country.
      case 'verify':
        return e.status === 'active' || (!p.isHub && e.status !== 'removed' && !(e.confirming_agencies ?? []).includes(p.agencyId));
      case 'review':
        return isHubStaff(p);
      case 'download':
        return isNcbOfficer(p) || isHubStaff(p);
      case 'remove':
        return e.status !== 'removed' && (isHubStaff(p) || ((p.role === 'investigator' || p.role === 'analyst') && e.verifier_agencies.includes(p.agencyId)));
    }
  },
});

// --- Referrals: the hub's staff upload provider reports and see every package; a member country's NCB
// officers and analysts see their own country's packages.
const referralReaders: Role[] = ['analyst', 'ncb_officer', 'admin'];
export const REFERRAL_MEMBER_ROLES: readonly Role[] = ['ncb_officer', 'analyst'];
export const referralPolicy = definePolicy<
  { country: string | null },
  'upload' | 'reports' | 'summary' | 'list' | 'read' | 'acknowledge' | 'unassigned' | 'action' | 'assign'
>({
  resource: 'referral',
  gates: {
    upload: referralReaders,
    reports: referralReaders,
    summary: referralReaders,
    list: referralReaders,
    read: referralReaders,
    acknowledge: ['ncb_officer'],
    unassigned: referralReaders,
    action: ['ncb_officer', 'analyst'],
    assign: referralReaders,
  },
  can: (p, verb, pk) => {
    const member = !p.isHub && REFERRAL_MEMBER_ROLES.includes(p.role) && pk.country === p.countryCode;
    switch (verb) {
      case 'list':
      case 'read':
      case 'summary':
        return isHubStaff(p) || member;
      case 'acknowledge':
      case 'action':
        return member;
      default:
        return isHubStaff(p);
    }
  },
});
