// Audit API: the dpo role only. Reading the audit log is itself audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { allow } from '../access/principal.js';
import { who } from '../http/request.js';
import { listAudit, recordAudit, verifyAuditChain, type AuditQuery } from './audit.js';

const tags = ['audit'];

export default async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Querystring: AuditQuery }>('/audit', {
    config: { access: allow('dpo') },
    schema: {
      tags, summary: 'Audit log, newest first (keyset paging with afterSeq)',
      querystring: { type: 'object', additionalProperties: false, properties: { actorUserId: { type: 'integer' }, objectType: { type: 'string' }, objectId: { type: 'string' }, action: { type: 'string' }, afterSeq: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
    },
  }, async (req) => ctx.db.transaction().execute(async (trx) => {
    const rows = await listAudit(trx, req.query);
    await recordAudit(trx, who(req), { action: 'audit.read', objectType: 'audit_log', details: { ...req.query } });
    return { entries: rows.map((r) => ({ ...r, seq: Number(r.seq) })) };
  }));

  app.get('/audit/verify', { config: { access: allow('dpo') }, schema: { tags, summary: 'Verify the hash chain; reports the first broken link' } }, async () => verifyAuditChain(ctx.db));
}
