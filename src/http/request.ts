// What a route handler needs from the request: the caller. Kept apart from app.ts so that route modules
// do not import the application that mounts them (no import cycle through the HTTP layer).
import type { FastifyRequest } from 'fastify';
import type { AccessRule, Principal } from '../access/principal.js';
import { UnauthorizedError } from '../shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  /** `action` (`resource.verb`, src/policy) is how a route says what it does; its gate becomes `access`. */
  interface FastifyContextConfig {
    access?: AccessRule;
    action?: string;
  }
  interface FastifyInstance {
    routeTable: Array<{ method: string; url: string; access?: AccessRule; action?: string }>;
  }
}

export const SESSION_COOKIE = 'icse_session';

/** The principal of an authenticated route (the auth hook guarantees it). */
export function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}
