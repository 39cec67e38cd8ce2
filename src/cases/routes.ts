// HTTP adapter for cases.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { DISTRIBUTIONS } from '../access/visibility.js';
import { who } from '../http/request.js';

const tags = ['cases'];
export const distributionSchema = {
  distribution: { type: 'string', enum: [...DISTRIBUTIONS], description: 'agency only / country only / named countries / all member countries' },
  sharedWith: {
    type: 'array',
    items: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    maxItems: 250,
    description: 'countries named when distribution = countries',
  },
} as const;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
// Response schemas list every presented property: the serializer drops what they do not name.
export const caseSchema = {
  type: 'object',
  required: [
    'id',
    'reference',
    'title',
    'description',
    'status',
    'ownerCountry',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'createdAt',
    'updatedAt',
    'actions',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    reference: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    ownerCountry: { type: 'string' },
    ownerAgencyId: { type: 'integer' },
    distribution: { type: 'string', enum: [...DISTRIBUTIONS] },
    sharedWith: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    actions: { type: 'array', items: { type: 'string', enum: ['update', 'consult'] }, description: 'what the caller may do with it now' },
  },
} as const;

export default async function caseRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.cases;

  app.get(
    '/cases',
    {
      config: { action: 'case.list' },
      schema: {
        tags,
        summary: 'Cases visible to me',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            afterId: { type: 'integer' },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            status: { type: 'string', enum: ['open', 'closed'] },
          },
        },
        response: { 200: { type: 'object', required: ['cases'], additionalProperties: false, properties: { cases: { type: 'array', items: caseSchema } } } },
      } as const,
    },
    async (req) => ({ cases: await svc.list(who(req), req.query) }),
  );

  app.post(
    '/cases',
    {
      config: { action: 'case.create' },
      schema: {
        tags,
        summary: 'Open a case for my agency',
        body: {
          type: 'object',
          required: ['reference', 'title'],
          additionalProperties: false,
          properties: {
            reference: { type: 'string', minLength: 1, maxLength: 100 },
            title: { type: 'string', minLength: 1, maxLength: 300 },
            description: { type: 'string', maxLength: 10000 },
            ...distributionSchema,
          },
        },
        response: { 201: caseSchema },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/cases/:id',
    { config: { action: 'case.read' }, schema: { tags, summary: 'A case', params: idParam, response: { 200: caseSchema } } as const },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { action: 'case.update' },
      schema: {
        tags,
        summary: 'Change a case (owning agency)',
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 300 },
            description: { type: 'string', maxLength: 10000 },
            status: { type: 'string', enum: ['open', 'closed'] },
            ...distributionSchema,
          },
        },
        response: { 200: caseSchema },
      } as const,
    },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );
}
