// HTTP adapter for media metadata reads (the bytes and thumbnails are served by the media module).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

export default async function mediaInfoRoutes(app: FastifyInstance, ctx: AppContext) {
  const svc = ctx.services.mediaInfo;
  app.get<{ Params: { id: number } }>(
    '/media/:id',
    {
      config: { action: 'media.read' },
      schema: {
        tags: ['media'],
        summary: 'A medium: hashes, dimensions, EXIF (camera, date, GPS), series, links, categorisation votes, comments count',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
      },
    },
    async (req) => svc.get(who(req), req.params.id),
  );
}
