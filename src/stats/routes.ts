// HTTP adapter for programme statistics.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

// Every presented property is listed: the serializer drops what the schema does not name.
const int = { type: 'integer' } as const;
const stats = {
  type: 'object',
  required: ['totals', 'identificationsPerMonth', 'perCountry', 'generatedAt'],
  additionalProperties: false,
  properties: {
    totals: {
      type: 'object',
      required: ['media', 'series', 'victims', 'victimsIdentified', 'victimsRescued', 'offenders', 'offendersIdentified', 'countriesConnected', 'agencies'],
      additionalProperties: false,
      properties: {
        media: int,
        series: int,
        victims: int,
        victimsIdentified: int,
        victimsRescued: int,
        offenders: int,
        offendersIdentified: int,
        countriesConnected: int,
        agencies: int,
      },
    },
    identificationsPerMonth: {
      type: 'array',
      items: {
        type: 'object',
        required: ['month', 'victimsIdentified', 'victimsRescued'],
        additionalProperties: false,
        properties: { month: { type: 'string', description: 'YYYY-MM' }, victimsIdentified: int, victimsRescued: int },
      },
    },
    perCountry: {
      type: 'array',
      items: {
        type: 'object',
        required: ['country', 'name', 'media', 'series', 'victimsIdentified', 'offendersIdentified'],
        additionalProperties: false,
        properties: { country: { type: 'string' }, name: { type: 'string' }, media: int, series: int, victimsIdentified: int, offendersIdentified: int },
      },
    },
    generatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export default async function statsRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.stats;
  app.get(
    '/stats',
    {
      config: { action: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'Programme figures: media, series, victims and offenders identified (per month, per identifying country), contributions per owner country, countries connected. Numbers only.',
        response: { 200: stats },
      } as const,
    },
    async (req) => svc.get(who(req)),
  );
}
