// HTTP adapter for places by image comparison: place overview and edits, a medium's links and decisions,
// scene search (a known medium, or a picture sent as base64 and never stored).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const tags = ['places'];

export default async function placeRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.places;
  app.get(
    '/places/:id/overview',
    {
      config: { action: 'place.overview' },
      schema: {
        tags,
        summary: 'A place with its linked images (visible ones), series and victims seen there, clues, location estimate and scene links',
        params: idParam,
      } as const,
    },
    async (req) => svc.overview(who(req), req.params.id),
  );

  app.patch(
    '/places/:id/location',
    {
      config: { action: 'place.update' },
      schema: {
        tags,
        summary: 'Clues and the location estimate of a place (owning agency or its NCB)',
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            clueItems: {
              type: 'array',
              maxItems: 200,
              items: {
                type: 'object',
                required: ['kind', 'value'],
                additionalProperties: false,
                properties: {
                  kind: { type: 'string', enum: ['object', 'text', 'language', 'socket', 'landscape', 'product', 'other'] },
                  value: { type: 'string', minLength: 1, maxLength: 2000 },
                },
              },
            },
            latitude: { type: ['number', 'null'], minimum: -90, maximum: 90 },
            longitude: { type: ['number', 'null'], minimum: -180, maximum: 180 },
            confidence: { type: ['number', 'null'], minimum: 0, maximum: 1 },
            locationNote: { type: 'string', maxLength: 5000 },
          },
        },
      } as const,
    },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );

  app.get(
    '/media/:id/place-links',
    {
      config: { action: 'place.links' },
      schema: {
        tags,
        summary: 'Same-scene links of a medium (suggested, confirmed, rejected); hidden media only name their owner country',
        params: idParam,
      } as const,
    },
    async (req) => svc.linksOf(who(req), req.params.id),
  );

  for (const [verb, status] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/place-links/:id/${verb}`,
      {
        config: { action: 'place.decide' },
        schema: {
          tags,
          summary: `${verb === 'confirm' ? 'Confirm' : 'Reject (never suggested again)'} a suggested same-scene link`,
          params: idParam,
          body: { type: ['object', 'null'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } },
        } as const,
      },
      async (req) => svc.decide(who(req), req.params.id, status, req.body?.reason),
    );
  }

  app.post(
    '/places/similar',
    {
      config: { action: 'place.search' },
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Media and places sharing the scene of a known medium or of a picture (base64, not stored), ranked by matching points',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { mediaId: { type: 'integer', minimum: 1 }, imageBase64: { type: 'string', maxLength: 40 * 1024 * 1024 } },
        },
      } as const,
    },
    async (req) => svc.similar(who(req), { mediaId: req.body.mediaId, image: req.body.imageBase64 ? Buffer.from(req.body.imageBase64, 'base64') : undefined }),
  );
}
