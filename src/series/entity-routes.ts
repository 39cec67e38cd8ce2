// HTTP adapter for victims, offenders and places of a series, identification and media links.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { distributionSchema } from '../cases/routes.js';
import type { EntityType } from './tables.js';
import type { EntityInput } from './entities.js';
import { idParam, pageQuery } from './route-schemas.js';

const personFields = {
  label: { type: 'string', minLength: 1, maxLength: 200, description: 'working label, e.g. "Victim A (blue dress)"' },
  notes: { type: 'string', maxLength: 20000 },
  ...distributionSchema,
} as const;
const placeFields = {
  description: { type: 'string', minLength: 1, maxLength: 5000, description: 'scene description' },
  clues: { type: 'string', maxLength: 20000, description: 'objects, text, products, sockets… that may locate the scene' },
  countryGuess: { type: ['string', 'null'], pattern: '^[A-Za-z]{2}$' },
  ...distributionSchema,
} as const;
/** Lets a client POST without a body where every field is optional. */
const emptyBody = async (req: { body: unknown }) => {
  req.body ??= {};
};
const dateField = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (default today)' } as const;

export default async function entityRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.entities;
  // `as const`: each kind's body schema keeps its literal shape, so the request types follow from it.
  const kinds = [
    {
      type: 'victim',
      plural: 'victims',
      required: ['label'],
      fields: personFields,
      patchExtra: { identified: { type: 'boolean', enum: [false], description: 'owner withdraws an identification made in error' } },
    },
    { type: 'offender', plural: 'offenders', required: ['label'], fields: personFields, patchExtra: { identified: { type: 'boolean', enum: [false] } } },
    { type: 'place', plural: 'places', required: ['description'], fields: placeFields, patchExtra: {} },
  ] as const satisfies ReadonlyArray<{ type: EntityType; plural: string; required: readonly string[]; fields: object; patchExtra: object }>;
  for (const k of kinds) {
    const tags = [k.plural];
    app.post(
      `/series/:id/${k.plural}`,
      {
        config: { action: 'entity.create' },
        schema: {
          tags,
          summary: `Add a ${k.type} to a series (owning agency); inherits the series' distribution unless given`,
          params: idParam,
          body: { type: 'object', required: k.required, additionalProperties: false, properties: k.fields },
        } as const,
      },
      // `required` differs per kind, a union json-schema-to-ts leaves untyped: the body is the schema's fields.
      async (req, reply) => reply.status(201).send(await svc.create(who(req), k.type, req.params.id, req.body as EntityInput)),
    );

    app.get(
      `/series/:id/${k.plural}`,
      {
        config: { action: 'entity.list' },
        schema: {
          tags,
          summary: `The ${k.plural} of a series visible to me`,
          params: idParam,
          querystring: { type: 'object', additionalProperties: false, properties: pageQuery },
        } as const,
      },
      async (req) => svc.list(who(req), k.type, req.params.id, req.query),
    );

    app.get(
      `/${k.plural}/:id`,
      { config: { action: 'entity.read' }, schema: { tags, summary: `A ${k.type}, with the visible media linked to it`, params: idParam } as const },
      async (req) => svc.get(who(req), k.type, req.params.id),
    );

    app.patch(
      `/${k.plural}/:id`,
      {
        config: { action: 'entity.update' },
        schema: {
          tags,
          summary: `Change a ${k.type} (owning agency)`,
          params: idParam,
          body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...k.fields, ...k.patchExtra } },
        } as const,
      },
      async (req) => svc.update(who(req), k.type, req.params.id, req.body),
    );

    app.delete(
      `/${k.plural}/:id`,
      { config: { action: 'entity.delete' }, schema: { tags, summary: `Delete a ${k.type} and its media links (owning agency)`, params: idParam } as const },
      async (req) => svc.remove(who(req), k.type, req.params.id),
    );

    if (k.type !== 'place') {
      const type = k.type;
      app.post(
        `/${k.plural}/:id/identify`,
        {
          config: { action: 'entity.identify' },
          preValidation: emptyBody,
          schema: {
            tags,
            summary: `Report that my country identified this ${type} (the owner may record another country); the owner is notified`,
            params: idParam,
            body: { type: 'object', additionalProperties: false, properties: { country: { type: 'string', pattern: '^[A-Za-z]{2}$' }, date: dateField } },
          } as const,
        },
        async (req) => svc.identify(who(req), type, req.params.id, req.body),
      );
    }
  }

  app.post(
    '/victims/:id/rescue',
    {
      config: { action: 'entity.rescue' },
      preValidation: emptyBody,
      schema: {
        tags: ['victims'],
        summary: 'Report that an identified victim was rescued (identifying country or owner); the owner is notified',
        params: idParam,
        body: { type: 'object', additionalProperties: false, properties: { date: dateField } },
      } as const,
    },
    async (req) => svc.rescue(who(req), req.params.id, req.body),
  );

  const linkParams = {
    type: 'object',
    required: ['id', 'entityType', 'entityId'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      entityType: { type: 'string', enum: ['victim', 'offender', 'place'] },
      entityId: { type: 'integer', minimum: 1 },
    },
  } as const;
  app.put(
    '/media/:id/links/:entityType/:entityId',
    {
      config: { action: 'media.link' },
      schema: { tags: ['media'], summary: 'Link a medium to a victim, offender or place (owner of the record)', params: linkParams } as const,
    },
    async (req) => svc.link(who(req), req.params.id, req.params.entityType, req.params.entityId, true),
  );
  app.delete(
    '/media/:id/links/:entityType/:entityId',
    {
      config: { action: 'media.unlink' },
      schema: { tags: ['media'], summary: 'Remove a link', params: linkParams } as const,
    },
    async (req) => svc.link(who(req), req.params.id, req.params.entityType, req.params.entityId, false),
  );
}
