// Append-only, hash-chained audit log. Written inside the caller's transaction, so a change and its
// audit row commit or roll back together. Each row's hash covers its content and the previous hash.
import { createHash } from 'node:crypto';
import { sql, type Generated } from 'kysely';
import type { Executor, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_email: string | null;
  actor_country: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: string;
  row_hash: string;
}
export interface AuditHeadTable { id: Generated<number>; seq: number; hash: string }

declare module '../db/types.js' {
  interface DB { audit_log: AuditLogTable; audit_head: AuditHeadTable }
}

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
  return `{${Object.keys(obj).filter((k) => obj[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function rowHash(prevHash: string, row: Omit<AuditLogTable, 'prev_hash' | 'row_hash'>): string {
  const content = canonicalJson([
    Number(row.seq), new Date(row.at).toISOString(), row.actor_user_id, row.actor_email, row.actor_country,
    row.action, row.object_type, row.object_id, row.ip, row.details ?? {},
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export async function recordAudit(trx: Trx, actor: Principal | null, entry: AuditEntry): Promise<number> {
  // Locking the head row serialises appends across concurrent transactions.
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.seq) + 1,
    at: new Date(),
    actor_user_id: actor && actor.via !== 'system' ? actor.userId : null,
    actor_email: actor?.email ?? null,
    actor_country: actor && actor.via !== 'system' ? actor.countryCode : null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    ip: actor?.ip ?? null,
    details: entry.details ?? {},
  };
  const hash = rowHash(head.hash, row);
  await trx.insertInto('audit_log').values({ ...row, details: JSON.stringify(row.details), prev_hash: head.hash, row_hash: hash }).execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  return row.seq;
}

export type VerifyResult =
  | { ok: true; rows: number; headSeq: number }
  | { ok: false; rows: number; brokenAtSeq: number; reason: string };

/** Walks the chain in keyset pages (no cursors: PGlite has none) and reports the first broken link. */
export async function verifyAuditChain(db: Executor, pageSize = 2000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, rows, brokenAtSeq: expectedSeq, reason: `row ${expectedSeq} is missing (next row is ${seq})` };
      if (r.prev_hash !== prevHash) return { ok: false, rows, brokenAtSeq: seq, reason: `row ${seq} does not link to the previous row's hash` };
      if (rowHash(r.prev_hash, r) !== r.row_hash) return { ok: false, rows, brokenAtSeq: seq, reason: `row ${seq} content does not match its hash (edited)` };
      prevHash = r.row_hash;
      expectedSeq = seq + 1;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
    return { ok: false, rows, brokenAtSeq: expectedSeq, reason: `the chain head says row ${head.seq} but the log ends at row ${expectedSeq - 1} (rows deleted at the end)` };
  }
  return { ok: true, rows, headSeq: Number(head.seq) };
}

export interface AuditQuery { actorUserId?: number; objectType?: string; objectId?: string; action?: string; afterSeq?: number; limit?: number; /** a national DPO's scope (src/policy) */ actorCountry?: string }

export async function listAudit(db: Executor, q: AuditQuery) {
  let qb = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.actorUserId) qb = qb.where('actor_user_id', '=', q.actorUserId);
  if (q.actorCountry) qb = qb.where('actor_country', '=', q.actorCountry);
  if (q.objectType) qb = qb.where('object_type', '=', q.objectType);
  if (q.objectId) qb = qb.where('object_id', '=', q.objectId);
  if (q.action) qb = qb.where('action', '=', q.action);
  if (q.afterSeq) qb = qb.where('seq', '<', q.afterSeq);
  return qb.execute();
}

export { sql };
