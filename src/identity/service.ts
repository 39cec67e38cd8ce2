// Identity rules: login with argon2id + TOTP, throttling, certification, sessions, API tokens, user admin.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db, Trx } from '../db/types.js';
import { ROLES, type Principal, type Role } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { mayGrantRole, maySelfAdminister } from '../policy/platform.js';
import { adminCountry } from '../policy/who.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../shared/errors.js';
import { identityRepo as repo, type UserRow } from './repository.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export function toPrincipal(u: UserRow, ip: string, via: Principal['via']): Principal {
  return {
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    countryCode: u.country_code,
    agencyId: u.agency_id,
    isHub: u.is_hub,
    ip,
    via,
  };
}

export function certificationExpired(u: Pick<UserRow, 'certified_until'>, now = new Date()): boolean {
  if (!u.certified_until) return false;
  const until = new Date(u.certified_until);
  until.setUTCHours(23, 59, 59, 999);
  return until < now;
}

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    countryCode: u.country_code,
    agencyId: u.agency_id,
    isHub: u.is_hub,
    certifiedUntil: u.certified_until ? new Date(u.certified_until).toISOString().slice(0, 10) : null,
    certificationExpired: certificationExpired(u),
    disabled: u.disabled,
    totpEnabled: !!u.totp_secret,
    settings: (u.settings ?? {}) as Record<string, unknown>, // a JSON object column (wellness settings)
  };
}

/** API tokens expire: 90 days unless asked otherwise (at most 730). */
export const DEFAULT_TOKEN_DAYS = 90;

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  agencyId: number;
  certifiedUntil?: string | null;
  withTotp?: boolean;
  isDemo?: boolean;
}

export class IdentityService {
  // A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  async login(email: string, password: string, totp: string | undefined, ip: string) {
    const windowStart = new Date(Date.now() - this.config.loginWindowMinutes * 60_000);
    // Count and record the attempt (as a failure until it succeeds) in one transaction serialised per email
    // and address: parallel attempts are counted one after the other, so at most the limit are ever verified
    // per window (counting, then verifying, then recording let 40 parallel guesses all through).
    const claim = await this.db.transaction().execute(async (trx) => {
      await repo.lockLoginKeys(trx, email, ip);
      const failures = await repo.recentFailures(trx, email, ip, windowStart);
      if (failures.byEmail >= this.config.loginMaxFailures || failures.byIp >= this.config.loginMaxFailures * 4) return { refused: failures };
      return { attemptId: await repo.claimLoginAttempt(trx, { email, ip }) };
    });
    if (claim.refused) {
      const failures = claim.refused;
      const retry = failures.oldest
        ? Math.max(1, Math.ceil((failures.oldest.getTime() + this.config.loginWindowMinutes * 60_000 - Date.now()) / 1000))
        : this.config.loginWindowMinutes * 60;
      throw new TooManyRequestsError(`too many failed sign-in attempts; try again in ${retry} s`, retry);
    }
    const user = await repo.findUserByEmail(this.db, email);
    this.dummyHash ??= hashPassword('not-a-real-password-0000', this.config.passwordHashing);
    const ok = await verifyPassword(user?.password_hash ?? (await this.dummyHash), password);
    const attemptId = claim.attemptId!;
    // The claimed attempt stays a failure; an answer that is no guess (a second factor still to come, an
    // expired certification) does not count.
    const fail = async (message: string, code = 'invalid_credentials'): Promise<never> => {
      throw new UnauthorizedError(message, code);
    };
    const notAGuess = async (message: string, code: string): Promise<never> => {
      await repo.deleteLoginAttempt(this.db, attemptId);
      throw new UnauthorizedError(message, code);
    };
    if (!user || !ok) return fail('wrong email or password');
    if (user.disabled) return fail('this account is disabled', 'account_disabled');
    if (certificationExpired(user)) {
      await repo.deleteLoginAttempt(this.db, attemptId);
      throw new UnauthorizedError(
        `certification expired on ${new Date(user.certified_until!).toISOString().slice(0, 10)}; ask your NCB to renew it`,
        'certification_expired',
      );
    }
    if (user.totp_secret) {
      if (!totp) return notAGuess('enter the 6-digit code from your authenticator app', 'totp_required');
      const step = verifyTotp(user.totp_secret, totp);
      // A code is single-use: a replayed (or older) step is refused.
      if (step === null || (user.totp_last_step != null && step <= Number(user.totp_last_step)))
        return fail('wrong or already used authenticator code', 'totp_invalid');
      await repo.updateUser(this.db, user.id, { totp_last_step: step });
    } else if (!this.config.demo) {
      return notAGuess('a second factor is required: ask an administrator to enrol your authenticator', 'totp_not_enrolled');
    }
    const token = newToken('icse_s');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    const principal = toPrincipal(user, ip, 'session');
    await this.db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, { token_hash: sha256Hex(token), user_id: user.id, expires_at: expiresAt, ip });
      await repo.markLoginSucceeded(trx, attemptId);
      await repo.updateUser(trx, user.id, { last_login_at: new Date() });
      await recordAudit(trx, principal, { action: 'auth.login', objectType: 'user', objectId: user.id });
    });
    return { token, expiresAt, user: publicUser(user) };
  }

  /** Resolves a session cookie or bearer token to a principal; null when absent or invalid. */
  async authenticate(credential: { session?: string; bearer?: string }, ip: string): Promise<Principal | null> {
    let userId: number | undefined;
    let via: Principal['via'] = 'session';
    if (credential.bearer) {
      const t = await repo.findToken(this.db, sha256Hex(credential.bearer));
      if (!t) throw new UnauthorizedError('the API token is unknown, expired or revoked', 'invalid_token');
      userId = t.user_id;
      via = 'token';
      await repo.touchToken(this.db, t.id);
    } else if (credential.session) {
      const s = await repo.findSession(this.db, sha256Hex(credential.session));
      if (!s) return null;
      userId = s.user_id;
    }
    if (userId === undefined) return null;
    const user = await repo.findUserById(this.db, userId);
    if (!user || user.disabled) throw new UnauthorizedError('this account is disabled', 'account_disabled');
    if (certificationExpired(user)) throw new UnauthorizedError('your certification has expired; ask your NCB to renew it', 'certification_expired');
    return toPrincipal(user, ip, via);
  }

  async logout(p: Principal, sessionToken: string | undefined) {
    if (!sessionToken) return;
    await this.db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, sha256Hex(sessionToken));
      await recordAudit(trx, p, { action: 'auth.logout', objectType: 'user', objectId: p.userId });
    });
  }

  async me(p: Principal) {
    const u = await repo.findUserById(this.db, p.userId);
    if (!u) throw new NotFoundError('user');
    const agency = await repo.findAgency(this.db, u.agency_id);
    const country = await repo.findCountry(this.db, u.country_code);
    return { ...publicUser(u), agencyName: agency?.name ?? null, countryName: country?.name ?? null, ncbName: country?.ncb_name ?? null };
  }

  async updateSettings(p: Principal, settings: Record<string, unknown>) {
    const u = await repo.findUserById(this.db, p.userId);
    if (!u) throw new NotFoundError('user');
    const merged = { ...((u.settings as object) ?? {}), ...settings };
    await repo.updateUser(this.db, p.userId, { settings: JSON.stringify(merged) });
    return merged;
  }

  async createApiToken(p: Principal, name: string, expiresInDays = DEFAULT_TOKEN_DAYS) {
    // A token cannot mint tokens: a leaked token must not outlive its own expiry or revocation (issue 14, item 8).
    if (p.via === 'token') throw new ForbiddenError('API tokens are created from a signed-in session, not with another token');
    const token = newToken('icse_t');
    const expiresAt = new Date(Date.now() + expiresInDays * 86400_000);
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.insertToken(trx, { user_id: p.userId, name, token_hash: sha256Hex(token), expires_at: expiresAt });
      await recordAudit(trx, p, { action: 'token.create', objectType: 'api_token', objectId: row.id, details: { name } });
      return { id: row.id, name, token, expiresAt };
    });
  }

  listApiTokens(p: Principal) {
    return repo.listTokens(this.db, p.userId);
  }

  async revokeApiToken(p: Principal, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const r = await repo.revokeToken(trx, p.userId, id);
      if (!r || Number(r.numUpdatedRows) === 0) throw new NotFoundError('API token');
      await recordAudit(trx, p, { action: 'token.revoke', objectType: 'api_token', objectId: id });
    });
  }

  // --- administration: admins everywhere, NCB officers inside their own country (they authorise national users).
  private scopeCountry(p: Principal): string | undefined {
    const scope = adminCountry(p); // src/policy/who.ts: administrators all, a member country's NCB officer its own
    if (scope === undefined) throw new ForbiddenError();
    return scope ?? undefined;
  }

  async listUsers(p: Principal) {
    return (await repo.listUsers(this.db, this.scopeCountry(p))).map(publicUser);
  }

  async createUser(actor: Principal | null, input: NewUser, trx?: Trx) {
    const problem = checkPasswordStrength(input.password);
    if (problem && !input.isDemo) throw new BadRequestError(problem);
    if (!ROLES.includes(input.role)) throw new BadRequestError(`role must be one of ${ROLES.join(', ')}`);
    const run = async (t: Trx) => {
      const agency = await repo.findAgency(t, input.agencyId);
      if (!agency) throw new BadRequestError(`agency ${input.agencyId} does not exist`);
      if (actor && actor.via !== 'system') {
        const scope = this.scopeCountry(actor);
        if (scope && agency.country_code !== scope) throw new ForbiddenError('NCB officers manage users of their own country only');
        if (actor.role !== 'admin' && input.role === 'admin') throw new ForbiddenError('only administrators create administrators');
        if (!mayGrantRole(actor, input.role)) throw new ForbiddenError(`only the General Secretariat's administrators grant the ${input.role} role`);
      }
      if (await repo.findUserByEmail(t, input.email)) throw new ConflictError(`a user with email ${input.email} already exists`);
      const totpSecret = input.withTotp === false ? null : generateTotpSecret();
      const { id } = await repo.insertUser(t, {
        email: input.email,
        display_name: input.displayName,
        agency_id: agency.id,
        country_code: agency.country_code,
        role: input.role,
        password_hash: await hashPassword(input.password, this.config.passwordHashing),
        totp_secret: totpSecret,
        certified_until: input.certifiedUntil ?? null,
        is_demo: input.isDemo ?? false,
      });
      await recordAudit(t, actor, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        details: { email: input.email, role: input.role, agencyId: agency.id },
      });
      const user = (await repo.findUserById(t, id))!;
      return { user: publicUser(user), totpSecret, otpauthUri: totpSecret ? otpauthUri(totpSecret, input.email) : null };
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  async updateUser(actor: Principal, id: number, patch: { role?: Role; certifiedUntil?: string | null; disabled?: boolean; displayName?: string }) {
    const scope = this.scopeCountry(actor);
    return this.db.transaction().execute(async (trx) => {
      const u = await repo.findUserById(trx, id);
      if (!u || (scope && u.country_code !== scope)) throw new NotFoundError('user');
      if (patch.role === 'admin' && actor.role !== 'admin') throw new ForbiddenError('only administrators grant the admin role');
      if (patch.role && patch.role !== u.role && !mayGrantRole(actor, patch.role))
        throw new ForbiddenError(`only the General Secretariat's administrators grant the ${patch.role} role`);
      // Nobody extends their own certification or changes their own role (issue 14, item 8).
      if (!maySelfAdminister(actor, u.id, patch)) throw new ForbiddenError('your own role and certification are changed by another administrator');
      await repo.updateUser(trx, id, {
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.certifiedUntil !== undefined ? { certified_until: patch.certifiedUntil } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.displayName ? { display_name: patch.displayName } : {}),
      });
      if (patch.disabled) await repo.revokeUserSessions(trx, id);
      await recordAudit(trx, actor, { action: 'user.update', objectType: 'user', objectId: id, details: patch });
      return publicUser((await repo.findUserById(trx, id))!);
    });
  }

  listCountries() {
    return repo.listCountries(this.db);
  }
  listAgencies(countryCode?: string) {
    return repo.listAgencies(this.db, countryCode);
  }

  async upsertCountry(actor: Principal | null, c: { code: string; name: string; ncbName: string; isHub?: boolean }, trx?: Trx) {
    const run = async (t: Trx) => {
      await repo.upsertCountry(t, { code: c.code.toUpperCase(), name: c.name, ncb_name: c.ncbName, is_hub: c.isHub ?? false });
      // Each member country has its national central bureau as an agency.
      const ncb = await repo.findAgencyByName(t, c.code.toUpperCase(), c.ncbName);
      if (!ncb) await repo.insertAgency(t, { country_code: c.code.toUpperCase(), name: c.ncbName, kind: c.isHub ? 'hub' : 'ncb' });
      await recordAudit(t, actor, { action: 'country.upsert', objectType: 'country', objectId: c.code.toUpperCase(), details: { name: c.name } });
      return repo.findCountry(t, c.code.toUpperCase());
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  async createAgency(actor: Principal | null, a: { countryCode: string; name: string; kind?: 'police' | 'ncb' | 'hub' }, trx?: Trx) {
    const run = async (t: Trx) => {
      if (actor && actor.via !== 'system') {
        const scope = this.scopeCountry(actor);
        if (scope && scope !== a.countryCode.toUpperCase()) throw new ForbiddenError('NCB officers manage agencies of their own country only');
      }
      if (!(await repo.findCountry(t, a.countryCode.toUpperCase()))) throw new BadRequestError(`country ${a.countryCode} is not a member`);
      if (await repo.findAgencyByName(t, a.countryCode.toUpperCase(), a.name)) throw new ConflictError(`agency ${a.name} already exists in ${a.countryCode}`);
      const { id } = await repo.insertAgency(t, { country_code: a.countryCode.toUpperCase(), name: a.name, kind: a.kind ?? 'police' });
      await recordAudit(t, actor, { action: 'agency.create', objectType: 'agency', objectId: id, details: { name: a.name } });
      return (await repo.findAgency(t, id))!;
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  countDemoUsers() {
    return repo.countDemoUsers(this.db);
  }
}
