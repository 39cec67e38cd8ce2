// HTTP adapter for places by image comparison: place overview and edits, a medium's links and decisions,
// scene search (a known medium, or a picture sent as base64 and never stored).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const tags = ['places'];
const num = { type: 'number' } as const;
const str = { type: 'string' } as const;
/** A place and what it gathers (GET overview, PATCH location answer the same). Stored evidence stays open: keys
 * written by older versions are dropped, not refused. */
const placeOverview = {
  type: 'object',
  required: [
    'id',
    'seriesId',
    'description',
    'clues',
    'countryGuess',
    'clueItems',
    'location',
    'ownerCountry',
    'canEdit',
    'media',
    'links',
    'restrictedLinks',
    'series',
    'victims',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    seriesId: { type: ['integer', 'null'] },
    description: str,
    clues: str,
    countryGuess: { type: ['string', 'null'] },
    clueItems: { type: 'array', items: { type: 'object', required: ['kind', 'value'], additionalProperties: false, properties: { kind: str, value: str } } },
    location: {
      type: ['object', 'null'],
      required: ['latitude', 'longitude', 'confidence', 'note'],
      additionalProperties: false,
      properties: { latitude: num, longitude: num, confidence: { type: ['number', 'null'] }, note: str },
    },
    ownerCountry: str,
    canEdit: { type: 'boolean' },
    media: {
      type: 'array',
      items: { type: 'object', required: ['mediaId', 'thumbnail'], additionalProperties: false, properties: { mediaId: { type: 'integer' }, thumbnail: str } },
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'mediaId', 'linkedMediaId', 'inliers', 'status', 'evidence'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          mediaId: { type: 'integer' },
          linkedMediaId: { type: 'integer' },
          inliers: num,
          status: { type: 'string', enum: ['suggested', 'confirmed', 'rejected'] },
          evidence: {
            type: 'object',
            description: 'the verification: matching points (inliers), why in words, the pairs [qx, qy, cx, cy] in the two work frames',
            required: ['inliers', 'why', 'pairs', 'queryFrame', 'matchFrame'],
            properties: {
              inliers: num,
              matches: num,
              coverage: num,
              why: str,
              homography: { type: ['array', 'null'], items: num },
              queryFrame: { type: 'array', items: num },
              matchFrame: { type: 'array', items: num },
              region: { type: ['array', 'null'], items: num },
              pairs: { type: 'array', items: { type: 'array', items: num } },
            },
          },
        },
      },
    },
    restrictedLinks: {
      type: 'array',
      items: { type: 'object', required: ['ownerCountry', 'message'], additionalProperties: false, properties: { ownerCountry: str, message: str } },
    },
    series: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'number', 'name', 'ownerCountry'],
        additionalProperties: false,
        properties: { id: { type: 'integer' }, number: str, name: str, ownerCountry: str },
      },
    },
    victims: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'seriesId', 'identified'],
        additionalProperties: false,
        properties: { id: { type: 'integer' }, label: str, seriesId: { type: 'integer' }, identified: { type: 'boolean' } },
      },
    },
  },
} as const;

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
        response: { 200: placeOverview },
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
        response: { 200: placeOverview },
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
