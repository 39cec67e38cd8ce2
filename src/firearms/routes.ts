// HTTP adapter for firearms (being written).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export default async function firearmsRoutes(_app: FastifyInstance, _ctx: AppContext) {}
