// HTTP adapter for retention reviews of case data.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const tags = ['retention'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export default async function retentionRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.retention;

  app.get(
    '/retention/due',
    {
      config: { action: 'retention.due' },
      schema: {
        tags,
        summary:
          "Cases whose retention review is due (6 months before their retention date) or which are past it: every country for the hub's DPO, my country otherwise",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            withinDays: { type: 'integer', minimum: 0, maximum: 3650, description: 'also what falls due within this many days' },
            afterId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
          },
        },
      } as const,
    },
    async (req) => svc.due(who(req), req.query),
  );

  app.get(
    '/cases/:id/retention',
    {
      config: { action: 'retention.read' },
      schema: { tags, summary: "A case's retention date, review date and past reviews", params: idParam } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.post(
    '/cases/:id/retention',
    {
      config: { action: 'retention.set' },
      schema: {
        tags,
        summary: "Review a case's retention: the date it is kept until (at most 99 years after it was opened) and why (owning agency or its NCB)",
        params: idParam,
        body: {
          type: 'object',
          required: ['until', 'justification'],
          additionalProperties: false,
          properties: {
            until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            justification: { type: 'string', minLength: 3, maxLength: 5000, pattern: '\\S' },
          },
        },
      } as const,
    },
    async (req) => svc.review(who(req), req.params.id, req.body),
  );
}
