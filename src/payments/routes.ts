// HTTP adapter for payments (being written).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export default async function paymentsRoutes(_app: FastifyInstance, _ctx: AppContext) {}
