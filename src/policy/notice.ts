// Notices and diffusions. The requesting country sees its own in every state; the General Secretariat's
// staff see a notice once it was submitted (never a draft that did not reach them); every other member
// country sees only what was published — a notice, or a diffusion naming it — and keeps seeing it once
// cancelled. A request that never went out stays the requester's, whatever its status (issue 14, item 1).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Principal, Role } from '../access/principal.js';
import type { NoticeRow } from '../notices/tables.js';
import { definePolicy } from './define.js';
import { isHubStaff, isNcbOfficer, HUB_STAFF_ROLES } from './who.js';

const readers: Role[] = ['investigator', 'analyst', 'ncb_officer', 'admin'];
const ncb: Role[] = ['ncb_officer'];
export const NOTICE_VERBS = ['update', 'submit', 'review', 'cancel', 'extract'] as const;

export function noticeScope(p: Principal, alias: string): Expression<SqlBool> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<SqlBool>`(${c('requesting_country')} = ${p.countryCode}
    OR (${isHubStaff(p)} AND ${c('status')} <> 'draft' AND ${c('submitted_at')} IS NOT NULL)
    OR (${c('published_at')} IS NOT NULL AND ${c('status')} IN ('published', 'cancelled') AND (${c('channel')} = 'notice' OR ${p.countryCode} = ANY(${c('recipients')}))))`;
}

type NoticeFacts = Pick<
  NoticeRow,
  'requesting_country' | 'status' | 'submitted_at' | 'published_at' | 'channel' | 'recipients' | 'kind' | 'public_extract' | 'requester_consent'
>;

function sees(p: Principal, n: NoticeFacts): boolean {
  if (n.requesting_country.trim() === p.countryCode) return true;
  if (isHubStaff(p) && n.status !== 'draft' && n.submitted_at) return true;
  return !!n.published_at && (n.status === 'published' || n.status === 'cancelled') && (n.channel === 'notice' || n.recipients.includes(p.countryCode));
}

/** The requesting country's NCB changes its own request. */
export const ownNcb = (p: Principal, n: Pick<NoticeRow, 'requesting_country'>) => isNcbOfficer(p) && n.requesting_country.trim() === p.countryCode;

export const noticePolicy = definePolicy<NoticeFacts, 'list' | 'read' | 'create' | 'update' | 'submit' | 'review' | 'cancel' | 'extract'>({
  resource: 'notice',
  gates: { list: readers, read: readers, extract: readers, create: ncb, update: ncb, submit: ncb, cancel: ncb, review: HUB_STAFF_ROLES },
  scope: noticeScope,
  can: (p, verb, n) => {
    if (!sees(p, n)) return false;
    switch (verb) {
      case 'list':
      case 'read':
        return true;
      case 'create':
        return isNcbOfficer(p);
      case 'update':
        return ownNcb(p, n) && (n.status === 'draft' || n.status === 'refused');
      case 'submit':
        return ownNcb(p, n) && n.status === 'draft';
      case 'cancel':
        return ownNcb(p, n) && n.status !== 'cancelled';
      case 'review':
        return isHubStaff(p) && n.status === 'submitted';
      case 'extract':
        return n.kind === 'yellow' && n.channel === 'notice' && n.status === 'published' && n.public_extract && n.requester_consent;
    }
  },
});
