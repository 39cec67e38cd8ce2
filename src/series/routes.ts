// HTTP adapter for series, their media, and categorisation votes.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { distributionSchema } from '../cases/routes.js';
import entityRoutes from './entity-routes.js';

const tags = ['series'];
import { assignResponse, idParam, mediaPageResponse, pageQuery, seriesResponse, votesResponse } from './route-schemas.js';
export { idParam, pageQuery };
const seriesFields = {
  name: { type: 'string', minLength: 1, maxLength: 300 },
  description: { type: 'string', maxLength: 20000 },
  caseId: { type: ['integer', 'null'], minimum: 1, description: 'the investigation working the series' },
  baseline: { type: 'boolean', description: 'worst material, shareable with partners as a baseline list' },
  ...distributionSchema,
} as const;

export default async function seriesRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.series;
  const votes = ctx.services.categorisation;

  app.post(
    '/series',
    {
      config: { action: 'series.create' },
      schema: {
        tags,
        summary: 'Open a series (number S-YYYY-NNNNNN generated); shared with all member countries unless restricted',
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: seriesFields },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/series',
    {
      config: { action: 'series.list' },
      schema: {
        tags,
        summary: 'Series visible to me, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQuery,
            status: { type: 'string', enum: ['active', 'closed'] },
            ownerCountry: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            q: { type: 'string', minLength: 1, maxLength: 200, description: 'part of the name or number' },
            caseId: { type: 'integer', minimum: 1 },
          },
        },
      } as const,
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.get(
    '/series/:id',
    {
      config: { action: 'series.read' },
      schema: {
        tags,
        summary: 'A series with counts of media, victims and offenders (identified)',
        params: idParam,
        response: { 200: seriesResponse },
      } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.patch(
    '/series/:id',
    {
      config: { action: 'series.update' },
      schema: {
        tags,
        summary: 'Change a series (owning agency)',
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { ...seriesFields, status: { type: 'string', enum: ['active', 'closed'] } },
        },
      } as const,
    },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );

  app.get(
    '/series/:id/media',
    {
      config: { action: 'series.media.list' },
      schema: {
        tags,
        summary: 'Media of a series visible to me, newest first (keyset: afterId = last id of the previous page)',
        params: idParam,
        querystring: { type: 'object', additionalProperties: false, properties: pageQuery },
        response: { 200: mediaPageResponse },
      } as const,
    },
    async (req) => svc.listMedia(who(req), req.params.id, req.query),
  );

  app.post(
    '/series/:id/media',
    {
      config: { action: 'series.media.assign' },
      schema: {
        tags,
        summary: 'Assign visible media to the series (owning agency); media of another series are refused',
        params: idParam,
        body: {
          type: 'object',
          required: ['mediaIds'],
          additionalProperties: false,
          properties: { mediaIds: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'integer', minimum: 1 } } },
        },
        response: { 200: assignResponse },
      } as const,
    },
    async (req) => svc.assignMedia(who(req), req.params.id, req.body.mediaIds),
  );

  app.delete(
    '/series/:id/media/:mediaId',
    {
      config: { action: 'series.media.unassign' },
      schema: {
        tags,
        summary: 'Take a medium out of the series (owning agency)',
        params: { type: 'object', required: ['id', 'mediaId'], properties: { id: { type: 'integer', minimum: 1 }, mediaId: { type: 'integer', minimum: 1 } } },
        response: {
          200: {
            type: 'object',
            required: ['removed'],
            additionalProperties: false,
            properties: { removed: { type: 'integer', description: 'the medium taken out' } },
          },
        },
      } as const,
    },
    async (req) => svc.unassignMedia(who(req), req.params.id, req.params.mediaId),
  );

  app.get(
    '/media/:id/category',
    {
      config: { action: 'media.category.read' },
      schema: {
        tags: ['categorisation'],
        summary: 'Categorisation votes (VICS US: 0 non-pertinent, 1 CAM, 2 exploitive/age difficult, 3 CGI, 4 comparison) and consensus',
        params: idParam,
        response: { 200: votesResponse },
      } as const,
    },
    async (req) => votes.get(who(req), req.params.id),
  );

  app.put(
    '/media/:id/category',
    {
      config: { action: 'media.category.vote' },
      schema: {
        tags: ['categorisation'],
        summary: 'Cast or change my vote (null withdraws it); consensus = at least 2 agreeing votes forming a strict majority',
        params: idParam,
        body: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          properties: { category: { type: ['integer', 'null'], minimum: 0, maximum: 4 } },
        },
        response: { 200: votesResponse },
      } as const,
    },
    async (req) => votes.vote(who(req), req.params.id, req.body.category),
  );

  await entityRoutes(app, ctx);
}
