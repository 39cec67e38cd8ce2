// HTTP adapter for programme statistics.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

export default async function statsRoutes(app: FastifyInstance, ctx: AppContext) {
  const svc = ctx.services.stats;
  app.get(
    '/stats',
    {
      config: { action: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'Programme figures: media, series, victims and offenders identified (per month, per identifying country), contributions per owner country, countries connected. Numbers only.',
      },
    },
    async (req) => svc.get(who(req)),
  );
}
