// HTTP adapter for media metadata reads (the bytes and thumbnails are served by the media module).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

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
      } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );
}
