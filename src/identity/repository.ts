// SQL for countries, agencies, users, sessions, tokens and login attempts.
import { sql, type Selectable } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Role } from '../access/principal.js';

export type UserRow = Selectable<DB['users']> & { is_hub: boolean };

const userColumns = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.agency_id',
  'users.country_code',
  'users.role',
  'users.password_hash',
  'users.totp_secret',
  'users.totp_last_step',
  'users.certified_until',
  'users.disabled',
  'users.is_demo',
  'users.settings',
  'users.created_at',
  'users.last_login_at',
] as const;

function userQuery(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('countries', 'countries.code', 'users.country_code')
    .select([...userColumns, 'countries.is_hub']);
}

export const identityRepo = {
  findUserByEmail: (db: Executor, email: string) =>
    userQuery(db)
      .where(sql`lower(users.email)`, '=', email.toLowerCase())
      .executeTakeFirst() as Promise<UserRow | undefined>,
  findUserById: (db: Executor, id: number) => userQuery(db).where('users.id', '=', id).executeTakeFirst() as Promise<UserRow | undefined>,
  listUsers: (db: Executor, countryCode?: string) => {
    let q = userQuery(db).orderBy('users.id');
    if (countryCode) q = q.where('users.country_code', '=', countryCode);
    return q.execute() as Promise<UserRow[]>;
  },
  insertUser: (
    db: Executor,
    u: {
      email: string;
      display_name: string;
      agency_id: number;
      country_code: string;
      role: Role;
      password_hash: string;
      totp_secret: string | null;
      certified_until: string | null;
      is_demo?: boolean;
    },
  ) => db.insertInto('users').values(u).returning('id').executeTakeFirstOrThrow(),
  updateUser: (
    db: Executor,
    id: number,
    patch: Partial<{
      role: Role;
      certified_until: string | null;
      disabled: boolean;
      display_name: string;
      password_hash: string;
      totp_secret: string | null;
      settings: string;
      last_login_at: Date;
      totp_last_step: number;
    }>,
  ) => db.updateTable('users').set(patch).where('id', '=', id).execute(),
  countDemoUsers: async (db: Executor) =>
    Number(
      (
        await db
          .selectFrom('users')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('is_demo', '=', true)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  countUsers: async (db: Executor) =>
    Number(
      (
        await db
          .selectFrom('users')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),

  listCountries: (db: Executor) => db.selectFrom('countries').selectAll().orderBy('code').execute(),
  findCountry: (db: Executor, code: string) => db.selectFrom('countries').selectAll().where('code', '=', code).executeTakeFirst(),
  upsertCountry: (db: Executor, c: { code: string; name: string; ncb_name: string; is_hub?: boolean }) =>
    db
      .insertInto('countries')
      .values(c)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name, ncb_name: c.ncb_name }))
      .execute(),
  listAgencies: (db: Executor, countryCode?: string) => {
    let q = db.selectFrom('agencies').selectAll().orderBy('id');
    if (countryCode) q = q.where('country_code', '=', countryCode);
    return q.execute();
  },
  findAgency: (db: Executor, id: number) => db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst(),
  findAgencyByName: (db: Executor, countryCode: string, name: string) =>
    db.selectFrom('agencies').selectAll().where('country_code', '=', countryCode).where('name', '=', name).executeTakeFirst(),
  insertAgency: (db: Executor, a: { country_code: string; name: string; kind: 'ncb' | 'police' | 'hub' }) =>
    db.insertInto('agencies').values(a).returning('id').executeTakeFirstOrThrow(),

  insertSession: (db: Executor, s: { token_hash: string; user_id: number; expires_at: Date; ip: string }) => db.insertInto('sessions').values(s).execute(),
  findSession: (db: Executor, tokenHash: string) =>
    db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst(),
  revokeSession: (db: Executor, tokenHash: string) => db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).execute(),
  revokeUserSessions: (db: Executor, userId: number) =>
    db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute(),

  insertToken: (db: Executor, t: { user_id: number; name: string; token_hash: string; expires_at: Date | null }) =>
    db.insertInto('api_tokens').values(t).returning(['id', 'created_at']).executeTakeFirstOrThrow(),
  findToken: (db: Executor, tokenHash: string) =>
    db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .executeTakeFirst(),
  touchToken: (db: Executor, id: number) => db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute(),
  listTokens: (db: Executor, userId: number) =>
    db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
  revokeToken: (db: Executor, userId: number, id: number) =>
    db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),

  insertLoginAttempt: (db: Executor, a: { email: string; ip: string; success: boolean }) => db.insertInto('login_attempts').values(a).execute(),
  /** Serialises sign-in attempts on the same email and on the same address (transaction-scoped locks, email first). */
  lockLoginKeys: async (trx: Executor, email: string, ip: string) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`login:email:${email.toLowerCase()}`}))`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`login:ip:${ip}`}))`.execute(trx);
  },
  /** Records an attempt as failed until markLoginSucceeded; returns its id. */
  claimLoginAttempt: async (db: Executor, a: { email: string; ip: string }) =>
    (
      await db
        .insertInto('login_attempts')
        .values({ ...a, success: false })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  markLoginSucceeded: (db: Executor, id: number | string | bigint) =>
    db
      .updateTable('login_attempts')
      .set({ success: true })
      .where('id', '=', id as never)
      .execute(),
  deleteLoginAttempt: (db: Executor, id: number | string | bigint) =>
    db
      .deleteFrom('login_attempts')
      .where('id', '=', id as never)
      .execute(),
  recentFailures: async (db: Executor, email: string, ip: string, since: Date) => {
    const row = await db
      .selectFrom('login_attempts')
      .select([
        sql<number>`count(*) FILTER (WHERE lower(email) = ${email.toLowerCase()})::int`.as('by_email'),
        sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('by_ip'),
        sql<Date | null>`min(at) FILTER (WHERE lower(email) = ${email.toLowerCase()})`.as('oldest'),
      ])
      .where('success', '=', false)
      .where('at', '>', since)
      .where((eb) => eb.or([eb(sql`lower(email)`, '=', email.toLowerCase()), eb('ip', '=', ip)]))
      .executeTakeFirstOrThrow();
    return { byEmail: Number(row.by_email), byIp: Number(row.by_ip), oldest: row.oldest ? new Date(row.oldest) : null };
  },
};
