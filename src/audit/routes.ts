// Audit API: the dpo role only. Reading the audit log is itself audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { oversightCountry } from '../policy/who.js';
import { who } from '../http/request.js';
import { listAudit, recordAudit, verifyAuditChain, type AuditQuery } from './audit.js';

const tags = ['audit'];

export default async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Querystring: AuditQuery }>('/audit', {
    config: { action: 'audit.read' },
    schema: {
      tags, summary: 'Audit log, newest first (keyset paging with afterSeq); a national DPO sees the rows of its own country\'s users',
      querystring: { type: 'object', additionalProperties: false, properties: { actorUserId: { type: 'integer' }, objectType: { type: 'string' }, objectId: { type: 'string' }, action: { type: 'string' }, afterSeq: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
    },
  }, async (req) => ctx.db.transaction().execute(async (trx) => {
    const country = oversightCountry(who(req));
    const rows = await listAudit(trx, { ...req.query, ...(country ? { actorCountry: country } : {}) });
    await recordAudit(trx, who(req), { action: 'audit.read', objectType: 'audit_log', details: { ...req.query } });
    return { entries: rows.map((r) => ({ ...r, seq: Number(r.seq) })) };
  }));

  app.get('/audit/verify', { config: { action: 'audit.verify' }, schema: { tags, summary: 'Verify the keyed audit chain and its checkpoints outside the database; reports the first broken link and the rows not yet sealed' } }, async () => verifyAuditChain(ctx.db, { key: ctx.audit.key, chain: ctx.audit.chain, checkpointFiles: [ctx.audit.checkpointFile] }));
}
