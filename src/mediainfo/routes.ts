// HTTP adapter for media metadata reads (the bytes and thumbnails are served by the media module).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { mediaSummary, votesResponse } from '../series/route-schemas.js';

// Every presented property is listed: the serializer drops what the schema does not name.
const nullable = (type: string) => ({ type: [type, 'null'] }) as const;
/** presentMediaDetail (repository.ts) with the series, links, votes and comments count (service.ts). */
const mediaDetail = {
  type: 'object',
  required: [
    ...mediaSummary.required,
    'sizeBytes',
    'pdqQuality',
    'durationSeconds',
    'camera',
    'gps',
    'exif',
    'stored',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'content',
    'createdAt',
    'series',
    'links',
    'categorisation',
    'commentsCount',
  ],
  additionalProperties: false,
  properties: {
    ...mediaSummary.properties,
    seriesId: { ...nullable('integer'), description: 'null also where the series is not visible to the caller' },
    sizeBytes: nullable('number'),
    pdqQuality: nullable('number'),
    durationSeconds: nullable('number'),
    camera: {
      type: 'object',
      required: ['make', 'model', 'serial'],
      additionalProperties: false,
      properties: { make: nullable('string'), model: nullable('string'), serial: nullable('string') },
    },
    gps: {
      type: ['object', 'null'],
      required: ['lat', 'lon'],
      additionalProperties: false,
      properties: { lat: { type: 'number' }, lon: { type: 'number' } },
    },
    exif: { type: 'object', additionalProperties: {}, description: 'the EXIF tags read at ingest' },
    stored: { type: 'boolean', description: 'the bytes are held (not hash-only)' },
    ownerAgencyId: { type: 'integer' },
    distribution: { type: 'string', enum: ['agency', 'country', 'countries', 'all'] },
    sharedWith: { type: 'array', items: { type: 'string' } },
    content: { ...nullable('string'), description: 'URL of the full image or video (audited), null when only hashes are held' },
    createdAt: nullable('string'),
    series: {
      type: ['object', 'null'],
      required: ['id', 'number', 'name', 'status'],
      additionalProperties: false,
      properties: { id: { type: 'integer' }, number: { type: 'string' }, name: { type: 'string' }, status: { type: 'string' } },
    },
    links: {
      type: 'array',
      description: 'victims, offenders and places it is linked to that the caller may see',
      items: {
        type: 'object',
        required: ['entityType', 'entityId', 'title'],
        additionalProperties: false,
        properties: { entityType: { type: 'string' }, entityId: { type: 'integer' }, title: nullable('string') },
      },
    },
    categorisation: votesResponse,
    commentsCount: { type: 'integer' },
  },
} as const;

export default async function mediaInfoRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.mediaInfo;
  app.get(
    '/media/:id',
    {
      config: { action: 'media.read' },
      schema: {
        tags: ['media'],
        summary: 'A medium: hashes, dimensions, EXIF (camera, date, GPS), series, links, categorisation votes, comments count',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 200: mediaDetail },
      } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );
}
