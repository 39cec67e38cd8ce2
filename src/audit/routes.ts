// Audit API: the dpo role only. Reading the audit log is itself audited.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { oversightCountry } from '../policy/who.js';
import { who } from '../http/request.js';
import { auditActions, listAudit, recordAudit } from './audit.js';
import { verifyAuditChain } from './verify.js';
import { csvField } from '../interchange/csv.js';

const CSV_COLUMNS = ['seq', 'at', 'actor_email', 'actor_country', 'action', 'object_type', 'object_id', 'ip', 'details'] as const;
function auditCsv(rows: Array<Record<string, unknown>>): string {
  const cell = (v: unknown) => {
    const s = v == null ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return csvField(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s, ',');
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

const tags = ['audit'];
// Every column of audit_log is listed: the serializer drops what the schema does not name.
const strOrNull = { type: ['string', 'null'] } as const;
const entry = {
  type: 'object',
  required: ['seq', 'at', 'actor_user_id', 'actor_email', 'actor_country', 'action', 'object_type', 'object_id', 'details', 'ip', 'prev_hash', 'row_hash'],
  additionalProperties: false,
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor_user_id: { type: ['integer', 'null'] },
    actor_email: strOrNull,
    actor_country: strOrNull,
    action: { type: 'string' },
    object_type: { type: 'string' },
    object_id: strOrNull,
    details: { description: 'what the action concerned (JSON)' },
    ip: strOrNull,
    prev_hash: { ...strOrNull, description: 'the keyed chain: the previous row hash' },
    row_hash: strOrNull,
  },
} as const;

export default async function auditRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  app.get(
    '/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags,
        summary: "Audit log, newest first (keyset paging with afterSeq); a national DPO sees the rows of its own country's users",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actorUserId: { type: 'integer' },
            actorEmail: { type: 'string', maxLength: 320 },
            objectType: { type: 'string' },
            objectId: { type: 'string' },
            action: { type: 'string' },
            from: { type: 'string', maxLength: 40, description: 'from this date or instant' },
            to: { type: 'string', maxLength: 40, description: 'until this date (inclusive) or instant' },
            afterSeq: { type: 'integer' },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            format: { type: 'string', enum: ['json', 'csv'] },
          },
        },
        response: {
          200: { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries: { type: 'array', items: entry } } },
          400: {
            type: 'object',
            required: ['error', 'message'],
            additionalProperties: false,
            properties: { error: { type: 'string' }, message: { type: 'string' } },
          },
        },
      } as const,
    },
    async (req, reply) =>
      ctx.db.transaction().execute(async (trx) => {
        const { format, ...q } = req.query;
        const bad = [q.from, q.to].find((d) => d && Number.isNaN(Date.parse(d)));
        if (bad) {
          reply.status(400);
          return { error: 'bad_request', message: `"${bad}" is not a date (use YYYY-MM-DD)` };
        }
        const country = oversightCountry(who(req));
        const rows = await listAudit(trx, { ...q, ...(country ? { actorCountry: country } : {}) });
        await recordAudit(trx, who(req), { action: format === 'csv' ? 'audit.export' : 'audit.read', objectType: 'audit_log', details: { ...q } });
        if (format === 'csv') {
          reply.header('content-disposition', 'attachment; filename="audit.csv"').type('text/csv; charset=utf-8');
          // A string with a non-JSON content type is sent as is (the 200 schema serializes the JSON answer only).
          return auditCsv(rows as unknown as Array<Record<string, unknown>>) as never;
        }
        return { entries: rows.map((r) => ({ ...r, seq: Number(r.seq), at: new Date(r.at).toISOString() })) };
      }),
  );

  app.get(
    '/audit/actions',
    {
      config: { action: 'audit.read' },
      schema: {
        tags,
        summary: "The actions found in the audit log (for filtering); a national DPO's own country only",
        response: {
          200: { type: 'object', required: ['actions'], additionalProperties: false, properties: { actions: { type: 'array', items: { type: 'string' } } } },
        },
      } as const,
    },
    async (req) => ({ actions: await auditActions(ctx.db, oversightCountry(who(req)) ?? undefined) }),
  );

  app.get(
    '/audit/verify',
    {
      config: { action: 'audit.verify' },
      schema: {
        tags,
        summary: 'Verify the keyed audit chain and its checkpoints outside the database; reports the first broken link and the rows not yet sealed',
      } as const,
    },
    async () => verifyAuditChain(ctx.db, { key: ctx.audit.key, chain: ctx.audit.chain, checkpointFiles: [ctx.audit.checkpointFile] }),
  );
}
