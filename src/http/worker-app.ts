// The HTTP side of a worker process (`icse serve --role worker`): /health only.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { registerHealth } from './health.js';

export async function buildWorkerApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel }, return503OnClosing: true });
  registerHealth(app, ctx);
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: 'not_found', message: `a worker process serves only /health (no route ${req.method} ${req.url.split('?')[0]})` }),
  );
  return app;
}
