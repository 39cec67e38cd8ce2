// Serves the investigator web application (web/dist, built by `npm run build:web`) at the site root.
// Static assets are public; every piece of data the pages show comes from the authenticated API.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '../context.js';
import { PUBLIC } from '../access/principal.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

// Paths owned by the API and the platform: never answered with the SPA page.
const RESERVED = /^\/(api|docs|openapi\.json|health)(\/|$)/;
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

async function webappRoutes(app: FastifyInstance, _ctx: AppContext) {
  // preCompressed: the build writes .br and .gz beside each asset; the best one the client accepts is sent as is.
  await app.register(fastifyStatic, { root: WEB_DIST, serve: false, suppressWarning: true, preCompressed: true });

  app.get('/*', { config: { access: PUBLIC }, schema: { hide: true } }, async (req, reply) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.url.split('?')[0]!);
    } catch {
      urlPath = req.url.split('?')[0]!;
    }
    if (RESERVED.test(urlPath)) return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${urlPath}` });
    reply.headers(SECURITY_HEADERS);
    if (!isFile(path.join(WEB_DIST, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web application is not built: run `npm run build:web` (npm start and npm test build it automatically).\n');
    }
    const rel = path.normalize(urlPath).replace(/^([/\\])+/, '');
    const file = path.join(WEB_DIST, rel);
    if (rel && file.startsWith(WEB_DIST + path.sep) && isFile(file)) {
      // Vite fingerprints everything under assets/: cache it for good; the rest revalidates.
      return reply.sendFile(rel, rel.startsWith('assets/') ? { maxAge: '365d', immutable: true } : { maxAge: 0 });
    }
    // A missing asset is a 404; any other path is a page of the application (client-side routing).
    if (/\.[a-z0-9]{1,8}$/i.test(urlPath) || urlPath.startsWith('/assets/')) {
      return reply.status(404).send({ error: 'not_found', message: `no file ${urlPath}` });
    }
    reply.header('cache-control', 'no-store');
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}

/** Mounted at the site root, not under /api/v1 (see routeModules in src/http/modules.ts). */
export default Object.assign(webappRoutes, { prefix: '' });
