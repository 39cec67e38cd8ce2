// The HTTP adapter: Fastify with schema validation, OpenAPI, one auth hook and one error handler.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext } from '../context.js';
import type { AccessRule } from '../access/principal.js';
import { DomainError, ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { SESSION_COOKIE } from './request.js';
import { registerRequestGuards } from './guards.js';
import { routeModules } from './modules.js';
import { registerHealth } from './health.js';
import { accessOf } from '../policy/index.js';
import { RefusalLog } from './refusals.js';
import { sharedSchemaCompilers } from './schema-compilers.js';

export { SESSION_COOKIE, who } from './request.js';

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: sharedSchemaCompilers },
    return503OnClosing: true,
  });
  app.decorate('routeTable', []);
  const refusals = new RefusalLog(ctx.db);
  app.decorateRequest('principal', null);

  // Every route must declare what it does (an action of src/policy, whose role gate it gets) or be public;
  // routes of the docs UI are public.
  app.addHook('onRoute', (route) => {
    const config = route.config as { access?: AccessRule; action?: string } | undefined;
    const action = config?.action;
    const access = (action ? accessOf(action) : config?.access) ?? (route.url.startsWith('/docs') ? { public: true as const } : undefined);
    if (access) route.config = { ...(route.config as object), access } as never;
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access, action });
  });

  await app.register(cookie);
  // One byte over the limit: the media store refuses the file itself (an item `too_large`, no hash) and the
  // upload goes on with the next file, instead of a truncated prefix stored and a 413 for the whole request.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: ctx.config.uploadLimitBytes + 1, files: 10_000, fields: 100, parts: 20_000 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ICSE API',
        version: '1',
        description:
          'International child sexual exploitation image and video database. All endpoints except /health and /api/v1/auth/login require a session cookie or a bearer token.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerRequestGuards(app, { allowedOrigins: ctx.config.allowedOrigins });
  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config?.access;
    if (!rule) {
      if (req.routeOptions.url === undefined) return; // 404 handler
      throw new ForbiddenError('this route declares no access rule');
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const session = req.cookies?.[SESSION_COOKIE];
    if ('public' in rule) {
      // Public routes still learn who is calling when a credential is present (e.g. logout).
      // An unknown or expired credential makes an anonymous caller here; any other failure is the request's.
      if (bearer || session)
        req.principal = await ctx.identity.authenticate({ bearer, session }, req.ip).catch((err: unknown) => {
          if (err instanceof UnauthorizedError) return null;
          throw err;
        });
      return;
    }
    req.principal = await ctx.identity.authenticate({ bearer, session }, req.ip);
    if (!req.principal) throw new UnauthorizedError();
    if (rule.roles !== 'any' && !rule.roles.includes(req.principal.role)) {
      const action = req.routeOptions.config?.action;
      throw new ForbiddenError(`the ${req.principal.role} role may not do this${action ? ` (${action})` : ''}`);
    }
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string; validation?: unknown; validationContext?: string }, req, reply) => {
    if (err instanceof DomainError) {
      if ((err.status === 403 || err.status === 404) && req.principal) await refusals.record(req, err);
      if (err.status === 429 && err.details?.retryAfterSeconds) reply.header('retry-after', String(err.details.retryAfterSeconds));
      return reply.status(err.status).send({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (err.validation) {
      return reply.status(400).send({
        error: 'validation',
        message: `invalid ${err.validationContext ?? 'request'}: ${err.message.replace(/^(body|querystring|params|headers)\/?/, '')}`,
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const messages: Record<string, string> = {
        FST_ERR_CTP_BODY_TOO_LARGE: `request body is larger than the ${ctx.config.bodyLimitBytes}-byte limit`,
        FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type',
        FST_ERR_CTP_EMPTY_JSON_BODY: 'the JSON body is empty',
        FST_INVALID_MULTIPART_CONTENT_TYPE: 'the request is not multipart/form-data',
        FST_REQ_FILE_TOO_LARGE: `a file is larger than the ${ctx.config.uploadLimitBytes}-byte upload limit`,
      };
      const message = (err.code && messages[err.code]) || (err instanceof SyntaxError ? `malformed JSON: ${err.message}` : err.message);
      return reply.status(status).send({ error: err.code ?? 'bad_request', message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'internal error; the incident is logged' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

  registerHealth(app, ctx);
  app.get('/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  for (const mod of routeModules) await app.register(async (scope) => mod(scope, ctx), { prefix: mod.prefix ?? '/api/v1' });
  return app;
}
