// HTTP adapter for search.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const hex = (n: number) => ({ type: 'string', pattern: `^[0-9a-fA-F]{${n}}$` }) as const;

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
      } as const,
    },
    async (req) => svc.search(who(req), req.query),
  );
}
