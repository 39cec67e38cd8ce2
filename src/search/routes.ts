// HTTP adapter for search.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { mediaSummary, seriesProperties } from '../series/route-schemas.js';

const hex = (n: number) => ({ type: 'string', pattern: `^[0-9a-fA-F]{${n}}$` }) as const;

// Response schemas list every presented property: the serializer drops what they do not name.
const strOrNull = { type: ['string', 'null'] } as const;
/** presentSeries (series/service.ts): a series in a list, without counts. */
const series = {
  type: 'object',
  required: [
    'id',
    'number',
    'name',
    'description',
    'status',
    'caseId',
    'baseline',
    'ownerCountry',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  properties: seriesProperties,
} as const;
/** presentEntity('victim') (series/entities.ts) with the number of its series. */
const victim = {
  type: 'object',
  required: [
    'id',
    'type',
    'seriesId',
    'ownerCountry',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'createdAt',
    'label',
    'notes',
    'identified',
    'identifiedByCountry',
    'identifiedAt',
    'updatedAt',
    'rescued',
    'rescuedAt',
    'seriesNumber',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    type: { type: 'string', enum: ['victim'] },
    seriesId: { type: 'integer' },
    ownerCountry: { type: 'string' },
    ownerAgencyId: { type: 'integer' },
    distribution: { type: 'string', enum: ['agency', 'country', 'countries', 'all'] },
    sharedWith: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    label: { type: 'string' },
    notes: { type: 'string' },
    identified: { type: 'boolean' },
    identifiedByCountry: strOrNull,
    identifiedAt: { type: ['string', 'null'], format: 'date' },
    updatedAt: { type: 'string', format: 'date-time' },
    rescued: { type: 'boolean' },
    rescuedAt: { type: ['string', 'null'], format: 'date' },
    seriesNumber: { type: 'string' },
  },
} as const;
const searchResult = {
  type: 'object',
  additionalProperties: false,
  description: 'each kind of result is present only when the criteria searched it',
  properties: {
    media: {
      type: 'array',
      items: {
        type: 'object',
        required: mediaSummary.required,
        additionalProperties: false,
        properties: { ...mediaSummary.properties, distance: { type: 'integer', description: 'PDQ distance (PDQ searches)' } },
      },
    },
    series: { type: 'array', items: series },
    victims: { type: 'array', items: victim },
    pdq: {
      type: 'object',
      required: ['method', 'complete', 'candidates'],
      additionalProperties: false,
      description: 'how a PDQ search within a distance was answered',
      properties: { method: { type: 'string', enum: ['index', 'chunk-fallback'] }, complete: { type: 'boolean' }, candidates: { type: 'integer' } },
    },
    nextAfterId: { type: ['integer', 'null'] },
  },
} as const;

export default async function searchRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.search;
  app.get(
    '/search',
    {
      config: { action: 'search.run' },
      schema: {
        tags: ['search'],
        summary:
          'Search media (hashes; PDQ exact or within maxDistance; camera; capture dates), series (number/name) and victims (label); optionally by owner country. Results are what I may see.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            md5: hex(32),
            sha1: hex(40),
            sha256: hex(64),
            pdq: hex(64),
            maxDistance: { type: 'integer', minimum: 0, maximum: 64, description: 'PDQ Hamming distance (0 = exact; 31 is the usual match threshold)' },
            series: { type: 'string', minLength: 1, maxLength: 200, description: 'series number, or part of its name' },
            victim: { type: 'string', minLength: 1, maxLength: 200, description: 'part of a victim label' },
            cameraMake: { type: 'string', minLength: 1, maxLength: 200 },
            cameraModel: { type: 'string', minLength: 1, maxLength: 200 },
            cameraSerial: { type: 'string', minLength: 1, maxLength: 200 },
            capturedFrom: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD or ISO timestamp' },
            capturedTo: { type: 'string', maxLength: 40 },
            country: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'owner country' },
            afterId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        },
        response: { 200: searchResult },
      } as const,
    },
    async (req) => svc.search(who(req), req.query),
  );
}
