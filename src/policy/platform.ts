// The platform's own resources: the signed-in user, user administration, audit, notifications, search,
// statistics, retention, exchange formats (VICS, hash lists, banks, the HMA API).
import type { Principal, Role } from '../access/principal.js';
import { definePolicy } from './define.js';
import { CASE_ROLES, adminCountry, isHubAdmin, oversightCountry } from './who.js';

export const selfPolicy = definePolicy({
  resource: 'self',
  gates: { read: 'any', settings: 'any', 'token.list': 'any', 'token.create': 'any', 'token.revoke': 'any' },
});
export const directoryPolicy = definePolicy({
  resource: 'directory',
  gates: { countries: 'any', agencies: 'any', 'country.upsert': ['admin'], 'agency.create': ['admin', 'ncb_officer'] },
});

/** Roles reaching beyond one country: only a hub administrator grants them (issue 14, item 2). */
export const HUB_GRANTED_ROLES: readonly Role[] = ['dpo', 'admin'];
export const userPolicy = definePolicy<{ country_code: string }, 'list' | 'create' | 'update'>({
  resource: 'user',
  gates: { list: ['admin', 'ncb_officer'], create: ['admin', 'ncb_officer'], update: ['admin', 'ncb_officer'] },
  // Administrators everywhere; an NCB officer the users of its own country (it authorises national users).
  can: (p, _verb, u) => {
    const scope = adminCountry(p);
    return scope === null || (scope !== undefined && u.country_code.trim() === scope);
  },
});
/** Nobody extends their own certification or changes their own role (issue 14, item 8). */
export const maySelfAdminister = (p: Principal, userId: number, patch: { role?: unknown; certifiedUntil?: unknown }) =>
  p.via === 'system' || userId !== p.userId || (patch.role === undefined && patch.certifiedUntil === undefined);
/** May `p` give a user the role `role`? */
export const mayGrantRole = (p: Principal, role: Role) => (HUB_GRANTED_ROLES.includes(role) ? isHubAdmin(p) : true);

export const auditPolicy = definePolicy<{ actor_country: string | null }, 'read' | 'verify'>({
  resource: 'audit',
  gates: { read: ['dpo'], verify: ['dpo'] },
  // A national DPO reads the rows of its own country's users; the hub DPO reads everything.
  can: (p, _verb, row) => {
    const c = oversightCountry(p);
    return c === null || row.actor_country?.trim() === c;
  },
});

export const notificationPolicy = definePolicy({ resource: 'notification', gates: { list: 'any', count: 'any', read: 'any' } });
export const searchPolicy = definePolicy({ resource: 'search', gates: { run: CASE_ROLES } });
export const statsPolicy = definePolicy({ resource: 'stats', gates: { read: 'any' } });
export const retentionPolicy = definePolicy({
  resource: 'retention',
  gates: { due: ['dpo', 'ncb_officer'], read: ['investigator', 'analyst', 'ncb_officer', 'dpo'], set: CASE_ROLES },
});
export const interchangePolicy = definePolicy({
  resource: 'interchange',
  gates: {
    'vics.import': CASE_ROLES,
    'vics.export': CASE_ROLES,
    'hashes.export': CASE_ROLES,
    'bank.import': ['analyst', 'ncb_officer', 'admin'],
    'bank.lookup': CASE_ROLES,
  },
});
export const hmaPolicy = definePolicy({
  resource: 'hma',
  gates: {
    hash: CASE_ROLES,
    lookup: CASE_ROLES,
    compare: CASE_ROLES,
    status: CASE_ROLES,
    'bank.read': [...CASE_ROLES, 'admin'],
    'bank.curate': ['analyst', 'ncb_officer', 'admin'],
  },
});
