// HTTP adapter for blocklist (being written).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export default async function blocklistRoutes(_app: FastifyInstance, _ctx: AppContext) {}
