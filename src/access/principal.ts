// Who is acting: resolved once per request by the auth hook, passed to every service call.
export const ROLES = ['investigator', 'analyst', 'ncb_officer', 'dpo', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  countryCode: string;
  agencyId: number;
  isHub: boolean;
  /** Client address, for the audit log. */
  ip: string;
  via: 'session' | 'token' | 'system';
}

/** The actor used by CLI jobs and background processing. */
export function systemPrincipal(what = 'system'): Principal {
  return { userId: 0, email: what, displayName: what, role: 'admin', countryCode: 'XX', agencyId: 0, isHub: false, ip: 'local', via: 'system' };
}

/** Route access rule: every route must declare one (checked by a test over all routes). */
export type AccessRule = { public: true } | { roles: readonly Role[] | 'any' };
export const PUBLIC: AccessRule = { public: true };
export const ANY_USER: AccessRule = { roles: 'any' };
export const CASE_ROLES: readonly Role[] = ['investigator', 'analyst', 'ncb_officer'];
export const allow = (...roles: Role[]): AccessRule => ({ roles });
