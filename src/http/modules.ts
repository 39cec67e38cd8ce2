// Route modules, each mounted under /api/v1. Add a module's routes here.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import identityRoutes from '../identity/routes.js';
import auditRoutes from '../audit/routes.js';
import caseRoutes from '../cases/routes.js';
import seriesRoutes from '../series/routes.js';
import mediaInfoRoutes from '../mediainfo/routes.js';
import collabRoutes from '../collab/routes.js';
import searchRoutes from '../search/routes.js';
import statsRoutes from '../stats/routes.js';
import webappRoutes from '../webapp/routes.js';
import seizureRoutes from '../seizures/routes.js';
import mediaRoutes from '../media/routes.js';
import interchangeRoutes from '../interchange/routes.js';
import noticeRoutes from '../notices/routes.js';
import firearmsRoutes from '../firearms/routes.js';
import paymentsRoutes from '../payments/routes.js';
import blocklistRoutes from '../blocklist/routes.js';
import referralsRoutes from '../referrals/routes.js';
import retentionRoutes from '../retention/routes.js';
import workbenchRoutes from '../workbench/routes.js';
import placeRoutes from '../places/routes.js';

/** Mounted under /api/v1 unless the module names another prefix (the web application sits at the root). */
export type RouteModule = ((app: FastifyInstance, ctx: AppContext) => Promise<void>) & { prefix?: string };

export const routeModules: RouteModule[] = [
  identityRoutes,
  auditRoutes,
  caseRoutes,
  seriesRoutes,
  mediaInfoRoutes,
  collabRoutes,
  searchRoutes,
  statsRoutes,
  seizureRoutes,
  mediaRoutes,
  interchangeRoutes,
  noticeRoutes,
  firearmsRoutes,
  paymentsRoutes,
  blocklistRoutes,
  referralsRoutes,
  retentionRoutes,
  workbenchRoutes,
  placeRoutes,
  webappRoutes,
]; // webappRoutes stays LAST: its /* fallback must not shadow the API
