// HTTP adapter for the "worst of" domain block list.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { DOWNLOAD_FORMATS, REVIEW_DAYS } from './service.js';
import { BLOCKLIST_STATUSES, VERIFICATION_KINDS } from './tables.js';

const tags = ['blocklist'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const note = { type: 'string', maxLength: 2000 } as const;
const criteria = {
  type: 'object',
  required: ['childrenUnder13', 'severeAbuse'],
  additionalProperties: false,
  description: 'the checklist attested by the verifier; both must be true',
  properties: {
    childrenUnder13: { type: 'boolean', description: 'real children, apparently under 13' },
    severeAbuse: { type: 'boolean', description: 'severe abuse' },
  },
} as const;

// Response schemas list every presented property (service.ts present): the serializer drops what they do not name.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const timeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const entryRequired = [
  'id',
  'domain',
  'status',
  'proposerCountry',
  'proposerAgencyId',
  'note',
  'verifyingCountries',
  'awaiting',
  'activatedAt',
  'reviewDue',
  'lastVerifiedAt',
  'removedAt',
  'removalReason',
  'createdAt',
  'updatedAt',
  'verifications',
] as const;
const entryProperties = {
  actions: { type: 'array', items: { type: 'string', enum: ['verify', 'remove'] }, description: 'what the caller may do with it now (lists and reads)' },
  id: int,
  domain: str,
  status: { type: 'string', enum: [...BLOCKLIST_STATUSES] },
  proposerCountry: str,
  proposerAgencyId: int,
  note: str,
  verifyingCountries: { type: 'array', items: str, description: 'countries that proposed or confirmed it' },
  awaiting: { ...strOrNull, description: 'what a pending entry waits for' },
  activatedAt: timeOrNull,
  reviewDue: { type: ['string', 'null'], format: 'date' },
  lastVerifiedAt: timeOrNull,
  removedAt: timeOrNull,
  removalReason: strOrNull,
  createdAt: timeOrNull,
  updatedAt: timeOrNull,
  verifications: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'kind', 'countryCode', 'agencyId', 'childrenUnder13', 'severeAbuse', 'note', 'at'],
      additionalProperties: false,
      properties: {
        id: int,
        kind: { type: 'string', enum: [...VERIFICATION_KINDS] },
        countryCode: str,
        agencyId: int,
        childrenUnder13: { type: 'boolean' },
        severeAbuse: { type: 'boolean' },
        note: str,
        at: timeOrNull,
      },
    },
  },
} as const;
const entry = { type: 'object', required: entryRequired, additionalProperties: false, properties: entryProperties } as const;
const entries = { type: 'array', items: entry } as const;
const proposed = {
  type: 'object',
  required: [...entryRequired, 'previouslyRemoved'],
  additionalProperties: false,
  properties: {
    ...entryProperties,
    previouslyRemoved: {
      type: 'array',
      description: 'earlier entries for the same domain, removed',
      items: {
        type: 'object',
        required: ['id', 'removedAt', 'reason'],
        additionalProperties: false,
        properties: { id: int, removedAt: timeOrNull, reason: strOrNull },
      },
    },
  },
} as const;
const verified = {
  type: 'object',
  required: [...entryRequired, 'activated'],
  additionalProperties: false,
  properties: { ...entryProperties, activated: { type: 'boolean', description: 'this verification activated the entry' } },
} as const;

export default async function blocklistRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.blocklist;

  app.get(
    '/blocklist',
    {
      config: { action: 'blocklist.list' },
      schema: {
        tags,
        summary: 'Block list entries (pending, active, removed), newest first, with their verifications',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...BLOCKLIST_STATUSES] },
            domain: { type: 'string', minLength: 1, maxLength: 2048, description: 'a domain or URL, normalised, exact match' },
            q: { type: 'string', minLength: 1, maxLength: 253, description: 'substring of the (punycode) domain' },
            afterId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
          },
        },
        response: { 200: { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries } } },
      } as const,
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.post(
    '/blocklist',
    {
      config: { action: 'blocklist.propose' },
      schema: {
        tags,
        summary: 'Propose a domain (investigators and analysts of member countries); the proposal is the first verification',
        description:
          'The domain is normalised (lower-case, no scheme, path or port, punycode); IP addresses are refused. It becomes active when an agency of another country confirms it.',
        body: {
          type: 'object',
          required: ['domain', 'criteria'],
          additionalProperties: false,
          properties: { domain: { type: 'string', minLength: 1, maxLength: 2048, description: 'a domain, or a URL cut down to its host' }, criteria, note },
        },
        response: { 201: proposed },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.propose(who(req), req.body)),
  );

  app.get(
    '/blocklist/review-due',
    {
      config: { action: 'blocklist.review' },
      schema: {
        tags,
        summary: `Active entries due for review (hub); review falls ${REVIEW_DAYS} days after activation or the last re-verification`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            withinDays: { type: 'integer', minimum: 0, maximum: 366, description: 'also entries due within this many days (default 0: due today or overdue)' },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['until', 'entries'],
            additionalProperties: false,
            properties: { until: { type: 'string', format: 'date' }, entries },
          },
        },
      } as const,
    },
    async (req) => svc.reviewDue(who(req), req.query.withinDays, req.query.limit),
  );

  app.get(
    '/blocklist/download',
    {
      config: { action: 'blocklist.download' },
      schema: {
        tags,
        summary: 'The active list for access providers (NCB officers and the hub): text/plain one domain per line, or text/csv domain,activated_at,review_due',
        querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: [...DOWNLOAD_FORMATS] } } },
      } as const,
    },
    async (req, reply) => {
      const r = await svc.download(who(req), req.query.format ?? 'txt');
      reply.type(r.contentType).header('x-domain-count', String(r.count)).header('content-disposition', `attachment; filename="${r.fileName}"`);
      return r.body;
    },
  );

  app.get(
    '/blocklist/:id',
    {
      config: { action: 'blocklist.read' },
      schema: { tags, summary: 'A block list entry with its verifications', params: idParam, response: { 200: entry } } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.post(
    '/blocklist/:id/verifications',
    {
      config: { action: 'blocklist.verify' },
      schema: {
        tags,
        summary:
          'Verify an entry: confirms a pending one (activates it when the agency is of another country) or re-verifies an active one (moves its review date)',
        params: idParam,
        body: { type: 'object', required: ['criteria'], additionalProperties: false, properties: { criteria, note } },
        response: { 200: verified },
      } as const,
    },
    async (req) => svc.verify(who(req), req.params.id, req.body),
  );

  app.post(
    '/blocklist/:id/remove',
    {
      config: { action: 'blocklist.remove' },
      schema: {
        tags,
        summary: 'Remove an entry with a reason (the hub or an agency that verified it); it stays as history',
        params: idParam,
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: { reason: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } },
        },
        response: { 200: entry },
      } as const,
    },
    async (req) => svc.remove(who(req), req.params.id, req.body.reason),
  );
}
