// HTTP adapter for retention reviews of case data.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const tags = ['retention'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

// Response schemas list every presented property: the serializer drops what they do not name.
const retentionCaseProperties = {
  caseId: { type: 'integer' },
  reference: { type: 'string' },
  title: { type: 'string' },
  status: { type: 'string' },
  ownerCountry: { type: 'string' },
  ownerAgencyId: { type: 'integer' },
  openedAt: { type: 'string', format: 'date-time' },
  retentionUntil: { type: 'string', description: 'YYYY-MM-DD' },
  reviewDue: { type: 'string', description: 'YYYY-MM-DD' },
  maxRetentionUntil: { type: 'string', description: 'YYYY-MM-DD' },
  state: { type: 'string', enum: ['expired', 'review_due', 'retained'] },
  lastReviewAt: { type: ['string', 'null'], format: 'date-time' },
} as const;
const retentionCaseRequired = [
  'caseId',
  'reference',
  'title',
  'status',
  'ownerCountry',
  'ownerAgencyId',
  'openedAt',
  'retentionUntil',
  'reviewDue',
  'maxRetentionUntil',
  'state',
  'lastReviewAt',
] as const;
const retentionCase = { type: 'object', required: retentionCaseRequired, additionalProperties: false, properties: retentionCaseProperties } as const;
const reviewProperties = {
  at: { type: 'string', format: 'date-time' },
  reviewerId: { type: 'integer' },
  reviewerCountry: { type: 'string' },
  previousUntil: { type: 'string', description: 'YYYY-MM-DD' },
  newUntil: { type: 'string', description: 'YYYY-MM-DD' },
  justification: { type: 'string' },
} as const;
const retentionDetail = {
  type: 'object',
  required: [...retentionCaseRequired, 'reviews'],
  additionalProperties: false,
  properties: {
    ...retentionCaseProperties,
    reviews: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'reviewerId', 'reviewerCountry', 'previousUntil', 'newUntil', 'justification'],
        additionalProperties: false,
        properties: reviewProperties,
      },
    },
  },
} as const;

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
        response: { 200: { type: 'object', required: ['cases'], additionalProperties: false, properties: { cases: { type: 'array', items: retentionCase } } } },
      } as const,
    },
    async (req) => svc.due(who(req), req.query),
  );

  app.get(
    '/cases/:id/retention',
    {
      config: { action: 'retention.read' },
      schema: { tags, summary: "A case's retention date, review date and past reviews", params: idParam, response: { 200: retentionDetail } } as const,
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
        response: { 200: retentionCase },
      } as const,
    },
    async (req) => svc.review(who(req), req.params.id, req.body),
  );
}
