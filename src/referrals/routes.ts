// HTTP adapter for referrals (being written).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export default async function referralsRoutes(_app: FastifyInstance, _ctx: AppContext) {}
