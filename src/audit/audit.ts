// Append-only audit log. Written inside the caller's transaction, so a change and its audit row commit or
// roll back together. Rows are chained after commit by the sealer (sealer.ts) with an HMAC key kept outside
// the database, and checkpoints of the chain are written outside it too; verify.ts checks both.
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { DB, Executor, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';

/** An audit row as read back; prev_hash is the unkeyed chain of rows written before migration 018 (null since). */
export type AuditLogRow = Selectable<DB['audit_log']>;

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/** The row's content as the chain covers it (values as read back from the database). */
export function rowContent(row: Omit<AuditLogRow, 'prev_hash' | 'row_hash'>): string {
  return canonicalJson([
    Number(row.seq),
    new Date(row.at).toISOString(),
    row.actor_user_id,
    row.actor_email,
    row.actor_country,
    row.action,
    row.object_type,
    row.object_id,
    row.ip,
    row.details ?? {},
  ]);
}

/** The unkeyed SHA-256 link of rows written before migration 018 (kept for reading old exports). */
export function rowHash(prevHash: string, row: Omit<AuditLogRow, 'prev_hash' | 'row_hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(rowContent(row)).digest('hex');
}

/**
 * How writers append. 'sealer' (default): insert only; the background sealer chains the rows, so audited
 * transactions never wait on each other. 'locked': the pre-018 behaviour, every audited transaction holds
 * audit_head FOR UPDATE until commit (kept as the same-run baseline of `npm run bench:audit`).
 */
export type AuditWriteMode = 'sealer' | 'locked';
let writeMode: AuditWriteMode = 'sealer';
export function setAuditWriteMode(mode: AuditWriteMode): void {
  writeMode = mode;
}

export async function recordAudit(trx: Trx, actor: Principal | null, entry: AuditEntry): Promise<number> {
  if (writeMode === 'locked') await trx.selectFrom('audit_head').select('seq').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const row = {
    at: new Date(),
    actor_user_id: actor && actor.via !== 'system' ? actor.userId : null,
    actor_email: actor?.email ?? null,
    actor_country: actor && actor.via !== 'system' ? actor.countryCode : null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    ip: actor?.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  // One statement: the row and its pending marker (the sealer chains it after commit).
  const r = await sql<{ seq: string | number }>`
    WITH l AS (
      INSERT INTO audit_log (at, actor_user_id, actor_email, actor_country, action, object_type, object_id, ip, details)
      VALUES (${row.at}, ${row.actor_user_id}, ${row.actor_email}, ${row.actor_country}, ${row.action}, ${row.object_type}, ${row.object_id}, ${row.ip}, ${row.details}::jsonb)
      RETURNING seq)
    INSERT INTO audit_pending (seq) SELECT seq FROM l RETURNING seq`.execute(trx);
  return Number(r.rows[0]!.seq);
}

export interface AuditQuery {
  actorUserId?: number;
  objectType?: string;
  objectId?: string;
  action?: string;
  afterSeq?: number;
  limit?: number;
  /** the actor's email, any case; `from`/`to` bound `at` (inclusive dates or date-times) */
  actorEmail?: string;
  from?: string;
  to?: string;
  /** a national DPO's scope (src/policy) */ actorCountry?: string;
}

export async function listAudit(db: Executor, q: AuditQuery) {
  let qb = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000));
  if (q.actorUserId) qb = qb.where('actor_user_id', '=', q.actorUserId);
  if (q.actorCountry) qb = qb.where('actor_country', '=', q.actorCountry);
  if (q.objectType) qb = qb.where('object_type', '=', q.objectType);
  if (q.objectId) qb = qb.where('object_id', '=', q.objectId);
  if (q.action) qb = qb.where('action', '=', q.action);
  if (q.actorEmail) qb = qb.where(sql<boolean>`lower(actor_email) = ${q.actorEmail.trim().toLowerCase()}`);
  if (q.from) qb = qb.where('at', '>=', new Date(q.from));
  // A bare date as the end means "through that day".
  if (q.to) qb = qb.where('at', '<', /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(Date.parse(q.to) + 86_400_000) : new Date(q.to));
  if (q.afterSeq) qb = qb.where('seq', '<', q.afterSeq);
  return qb.execute();
}

/** The actions recorded in the log (for a filter list), within a national DPO's scope when given. */
export async function auditActions(db: Executor, actorCountry?: string): Promise<string[]> {
  const r = await sql<{
    action: string;
  }>`SELECT DISTINCT action FROM audit_log ${actorCountry ? sql`WHERE actor_country = ${actorCountry}` : sql``} ORDER BY action`.execute(db);
  return r.rows.map((x) => x.action);
}

export { sql };
