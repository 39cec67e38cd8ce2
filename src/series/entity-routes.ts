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

// Response schema: presentEntity (entities.ts) for every kind; the person fields (victims, offenders: rescue for victims
// only) and the place fields are optional. Every presented property is listed: the serializer drops what it does not name.
const strOrNull = { type: ['string', 'null'] } as const;
const entity = {
  type: 'object',
  required: ['id', 'type', 'seriesId', 'ownerCountry', 'ownerAgencyId', 'distribution', 'sharedWith', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    type: { type: 'string', enum: ['victim', 'offender', 'place'] },
    seriesId: { type: 'integer' },
    ownerCountry: { type: 'string' },
    ownerAgencyId: { type: 'integer' },
    distribution: { type: 'string', enum: ['agency', 'country', 'countries', 'all'] },
    sharedWith: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    label: { type: 'string', description: 'victims and offenders' },
    notes: { type: 'string', description: 'victims and offenders' },
    identified: { type: 'boolean', description: 'victims and offenders' },
    identifiedByCountry: { ...strOrNull, description: 'victims and offenders' },
    identifiedAt: { type: ['string', 'null'], format: 'date', description: 'victims and offenders' },
    updatedAt: { type: 'string', format: 'date-time', description: 'victims and offenders' },
    rescued: { type: 'boolean', description: 'victims' },
    rescuedAt: { type: ['string', 'null'], format: 'date', description: 'victims' },
    description: { type: 'string', description: 'places' },
    clues: { type: 'string', description: 'places' },
    countryGuess: { ...strOrNull, description: 'places' },
    mediaIds: { type: 'array', items: { type: 'integer' }, description: 'reads: the linked media the caller may see' },
  },
} as const;
const linkAnswer = {
  type: 'object',
  required: ['mediaId', 'entityType', 'entityId', 'linked'],
  additionalProperties: false,
  properties: {
    mediaId: { type: 'integer' },
    entityType: { type: 'string', enum: ['victim', 'offender', 'place'] },
    entityId: { type: 'integer' },
    linked: { type: 'boolean' },
  },
} as const;

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
          response: { 201: entity },
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
          response: {
            200: {
              type: 'object',
              required: ['items', 'nextAfterId'],
              additionalProperties: false,
              properties: { items: { type: 'array', items: entity }, nextAfterId: { type: ['integer', 'null'] } },
            },
          },
        } as const,
      },
      async (req) => svc.list(who(req), k.type, req.params.id, req.query),
    );

    app.get(
      `/${k.plural}/:id`,
      {
        config: { action: 'entity.read' },
        schema: { tags, summary: `A ${k.type}, with the visible media linked to it`, params: idParam, response: { 200: entity } } as const,
      },
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
          response: { 200: entity },
        } as const,
      },
      async (req) => svc.update(who(req), k.type, req.params.id, req.body),
    );

    app.delete(
      `/${k.plural}/:id`,
      {
        config: { action: 'entity.delete' },
        schema: {
          tags,
          summary: `Delete a ${k.type} and its media links (owning agency)`,
          params: idParam,
          response: { 200: { type: 'object', required: ['deleted'], additionalProperties: false, properties: { deleted: { type: 'integer' } } } },
        } as const,
      },
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
            response: { 200: entity },
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
        response: { 200: entity },
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
      schema: {
        tags: ['media'],
        summary: 'Link a medium to a victim, offender or place (owner of the record)',
        params: linkParams,
        response: { 200: linkAnswer },
      } as const,
    },
    async (req) => svc.link(who(req), req.params.id, req.params.entityType, req.params.entityId, true),
  );
  app.delete(
    '/media/:id/links/:entityType/:entityId',
    {
      config: { action: 'media.unlink' },
      schema: { tags: ['media'], summary: 'Remove a link', params: linkParams, response: { 200: linkAnswer } } as const,
    },
    async (req) => svc.link(who(req), req.params.id, req.params.entityType, req.params.entityId, false),
  );
}
