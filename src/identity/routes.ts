// HTTP adapter for sign-in, sessions, API tokens and user/country/agency administration.
import { gatedActions } from '../policy/index.js';
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { PUBLIC, ROLES } from '../access/principal.js';
import { SESSION_COOKIE, who } from '../http/request.js';

const tags = ['identity'];
const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const role = { type: 'string', enum: [...ROLES] } as const;
const date = { type: ['string', 'null'], format: 'date' } as const;

// Response schemas list every presented property: the serializer drops what they do not name.
/** publicUser (service.ts). */
const user = {
  type: 'object',
  required: [
    'id',
    'email',
    'displayName',
    'role',
    'countryCode',
    'agencyId',
    'isHub',
    'certifiedUntil',
    'certificationExpired',
    'disabled',
    'totpEnabled',
    'settings',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    role,
    countryCode: { type: 'string' },
    agencyId: { type: 'integer' },
    isHub: { type: 'boolean' },
    certifiedUntil: date,
    certificationExpired: { type: 'boolean' },
    disabled: { type: 'boolean' },
    totpEnabled: { type: 'boolean' },
    settings: { type: 'object', additionalProperties: true, description: "the user's wellness settings (blur, greyscale, …) as saved" },
  },
} as const;
/** The signed-in user (/auth/me): publicUser, the agency, country and NCB names, and the actions the role may call. */
const me = {
  ...user,
  required: [...user.required, 'agencyName', 'countryName', 'ncbName', 'actions'],
  properties: {
    ...user.properties,
    agencyName: { type: ['string', 'null'] },
    countryName: { type: ['string', 'null'] },
    ncbName: { type: ['string', 'null'] },
    actions: { type: 'array', items: { type: 'string' }, description: 'the gated actions this role may call' },
  },
} as const;
/** Every column of agencies. */
const agency = {
  type: 'object',
  required: ['id', 'country_code', 'name', 'kind', 'created_at'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    country_code: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', enum: ['ncb', 'police', 'hub'] },
    created_at: { type: 'string', format: 'date-time' },
  },
} as const;
const agencyJson = <A extends { created_at: Date | string }>(a: A) => ({ ...a, created_at: new Date(a.created_at).toISOString() });

export default async function identityRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.identity;

  app.post(
    '/auth/login',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Sign in with email, password and (outside demo mode) a TOTP code; sets an HTTP-only session cookie',
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email, password: { type: 'string', minLength: 1, maxLength: 256 }, totp: { type: 'string', pattern: '^[0-9]{6}$' } },
        },
      } as const,
    },
    async (req, reply) => {
      const r = await svc.login(req.body.email, req.body.password, req.body.totp, req.ip);
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.mode === 'production',
        expires: r.expiresAt,
      });
      return { user: r.user, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.post('/auth/logout', { config: { access: PUBLIC }, schema: { tags, summary: 'Sign out (revokes the session)' } as const }, async (req, reply) => {
    if (req.principal) await svc.logout(req.principal, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get(
    '/auth/me',
    {
      config: { action: 'self.read' },
      schema: {
        tags,
        summary: 'The signed-in user, their country, agency and role, and the actions (src/policy) their role may call',
        response: { 200: me },
      } as const,
    },
    async (req) => ({ ...(await svc.me(who(req))), actions: gatedActions(who(req)) }),
  );

  app.patch(
    '/auth/me/settings',
    {
      config: { action: 'self.settings' },
      schema: {
        tags,
        summary: 'Update personal settings (wellness: blur strength, greyscale, mute)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { blur: { type: 'integer', minimum: 0, maximum: 50 }, greyscale: { type: 'boolean' }, muteVideos: { type: 'boolean' } },
        },
      } as const,
    },
    async (req) => ({ settings: await svc.updateSettings(who(req), req.body) }),
  );

  app.get('/auth/tokens', { config: { action: 'self.token.list' }, schema: { tags, summary: 'List my API tokens' } as const }, async (req) => ({
    tokens: await svc.listApiTokens(who(req)),
  }));
  app.post(
    '/auth/tokens',
    {
      config: { action: 'self.token.create' },
      schema: {
        tags,
        summary: 'Create an API token for a machine client (shown once)',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 730 } },
        },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.createApiToken(who(req), req.body.name, req.body.expiresInDays)),
  );
  app.delete(
    '/auth/tokens/:id',
    { config: { action: 'self.token.revoke' }, schema: { tags, summary: 'Revoke an API token', params: idParam } as const },
    async (req) => {
      await svc.revokeApiToken(who(req), req.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/admin/users',
    {
      config: { action: 'user.list' },
      schema: {
        tags,
        summary: 'Users (NCB officers: their country)',
        response: { 200: { type: 'object', required: ['users'], additionalProperties: false, properties: { users: { type: 'array', items: user } } } },
      } as const,
    },
    async (req) => ({
      users: await svc.listUsers(who(req)),
    }),
  );
  app.post(
    '/admin/users',
    {
      config: { action: 'user.create' },
      schema: {
        tags,
        summary: 'Create a user; the answer carries the TOTP secret once',
        body: {
          type: 'object',
          required: ['email', 'displayName', 'password', 'role', 'agencyId'],
          additionalProperties: false,
          properties: {
            email,
            displayName: { type: 'string', minLength: 1, maxLength: 200 },
            password: { type: 'string', minLength: 12, maxLength: 256 },
            role,
            agencyId: { type: 'integer', minimum: 1 },
            certifiedUntil: date,
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['user', 'totpSecret', 'otpauthUri'],
            additionalProperties: false,
            properties: {
              user,
              totpSecret: { type: ['string', 'null'], description: 'shown once' },
              otpauthUri: { type: ['string', 'null'], description: 'the secret as an otpauth:// URI for an authenticator app' },
            },
          },
        },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.createUser(who(req), req.body)),
  );
  app.patch(
    '/admin/users/:id',
    {
      config: { action: 'user.update' },
      schema: {
        tags,
        summary: 'Change role, certification, or disable a user',
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { role, certifiedUntil: date, disabled: { type: 'boolean' }, displayName: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: user },
      } as const,
    },
    async (req) => svc.updateUser(who(req), req.params.id, req.body),
  );

  // Every column of countries is listed: the serializer drops what the schema does not name.
  const country = {
    type: 'object',
    required: ['code', 'name', 'ncb_name', 'is_hub', 'active', 'created_at'],
    additionalProperties: false,
    properties: {
      code: { type: 'string' },
      name: { type: 'string' },
      ncb_name: { type: 'string' },
      is_hub: { type: 'boolean' },
      active: { type: 'boolean' },
      created_at: { type: 'string', format: 'date-time' },
    },
  } as const;
  app.get(
    '/countries',
    {
      config: { action: 'directory.countries' },
      schema: {
        tags,
        summary: 'Member countries and their NCBs',
        response: {
          200: { type: 'object', required: ['countries'], additionalProperties: false, properties: { countries: { type: 'array', items: country } } },
        },
      } as const,
    },
    async () => ({ countries: (await svc.listCountries()).map((c) => ({ ...c, created_at: new Date(c.created_at).toISOString() })) }),
  );
  app.put(
    '/admin/countries/:code',
    {
      config: { action: 'directory.country.upsert' },
      schema: {
        tags,
        summary: 'Add or rename a member country',
        params: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Za-z]{2}$' } } },
        body: {
          type: 'object',
          required: ['name', 'ncbName'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            ncbName: { type: 'string', minLength: 1, maxLength: 200 },
            isHub: { type: 'boolean' },
          },
        },
      } as const,
    },
    async (req) => svc.upsertCountry(who(req), { code: req.params.code, ...req.body }),
  );
  app.get(
    '/agencies',
    {
      config: { action: 'directory.agencies' },
      schema: {
        tags,
        summary: 'Agencies',
        querystring: { type: 'object', properties: { country: { type: 'string', pattern: '^[A-Za-z]{2}$' } } },
        response: { 200: { type: 'object', required: ['agencies'], additionalProperties: false, properties: { agencies: { type: 'array', items: agency } } } },
      } as const,
    },
    async (req) => ({ agencies: (await svc.listAgencies(req.query.country?.toUpperCase())).map(agencyJson) }),
  );
  app.post(
    '/admin/agencies',
    {
      config: { action: 'directory.agency.create' },
      schema: {
        tags,
        summary: 'Create an agency in a member country',
        body: {
          type: 'object',
          required: ['countryCode', 'name'],
          additionalProperties: false,
          properties: {
            countryCode: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string', enum: ['police', 'ncb'] },
          },
        },
        response: { 201: agency },
      } as const,
    },
    async (req, reply) => reply.status(201).send(agencyJson(await svc.createAgency(who(req), req.body))),
  );
}
