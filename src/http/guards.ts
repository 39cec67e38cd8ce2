// Request guards that hold for every route, before authentication:
// - CSRF: a state-changing request authenticated by the session cookie must come from this origin.
//   Browsers attach the cookie (SameSite=Strict still lets another port of the same host, a "same-site"
//   origin, send it); they say where a request comes from in Sec-Fetch-Site and Origin. Bearer-token
//   requests are exempt: a browser never adds that header on its own.
// - text/plain (a body any web page may post without asking) is refused unless the route declares it.
// - Text PostgreSQL cannot store (NUL, lone surrogates) in a JSON body, query or path: 400 naming the field,
//   instead of a 500 from the database.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { BadRequestError, DomainError, ForbiddenError } from '../shared/errors.js';
import { findBadText } from '../shared/text.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

/** Why a state-changing request must be refused as cross-site, or null. Exported for tests. */
export function crossSiteRefusal(req: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, allowedOrigins: readonly string[] = []): string | null {
  if (!UNSAFE.has(req.method)) return null;
  if (req.headers.authorization?.startsWith('Bearer ')) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return `cross-site request refused (Sec-Fetch-Site: ${site}): state-changing requests with the session cookie must come from this application`;
  }
  if (site === 'same-origin') return null;
  const origin = req.headers.origin;
  if (origin === undefined) return null; // not a browser, or an old one that also sends no cross-site cookie
  if (allowedOrigins.includes(origin)) return null;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (!host || host !== req.host)
    return `cross-origin request refused (Origin: ${origin}): state-changing requests with the session cookie must come from this application`;
  return null;
}

export function registerRequestGuards(app: FastifyInstance, opts: { allowedOrigins?: readonly string[] } = {}) {
  app.addHook('onRequest', async (req) => {
    const refusal = crossSiteRefusal(req, opts.allowedOrigins);
    if (refusal) throw new ForbiddenError(refusal);
    if (UNSAFE.has(req.method)) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const consumes = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
      if (type === 'text/plain' && !consumes.includes('text/plain')) {
        throw new UnsupportedMediaTypeError(
          `text/plain bodies are not accepted here: send ${consumes.length ? consumes.join(' or ') : 'JSON (application/json)'}`,
        );
      }
    }
  });

  app.addHook('preValidation', async (req) => {
    const where = (part: string, v: unknown) => {
      const at = v instanceof Readable ? null : findBadText(v);
      if (at)
        throw new BadRequestError(`the ${part} field ${at} holds a NUL character (\\0) or invalid UTF-8, which cannot be stored; remove it and send again`, {
          field: `${part}.${at}`,
        });
    };
    where('path', req.params);
    where('query', req.query);
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') where('body', req.body);
  });
}
