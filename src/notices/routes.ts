// HTTP adapter for notices and diffusions.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { NOTICE_CHANNELS, NOTICE_KINDS, NOTICE_STATUSES } from './tables.js';
import { NOTICE_VERBS } from '../policy/notice.js';

const tags = ['notices'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const str = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const codes = { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 40 } } as const;
const date = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY, YYYY-MM or YYYY-MM-DD' } as const;
const countries = { type: 'array', maxItems: 250, items: { type: 'string', pattern: '^[A-Za-z]{2}$' } } as const;

// The public notices API's field names (nationalities as ISO 3166-1 alpha-2).
const subject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    forename: str(200),
    name: str(200),
    sex_id: { type: 'string', enum: ['M', 'F', 'U'] },
    date_of_birth: date,
    place_of_birth: str(200),
    nationalities: countries,
    height: { type: 'number', minimum: 0.2, maximum: 2.8, description: 'metres' },
    weight: { type: 'number', minimum: 1, maximum: 400, description: 'kilograms' },
    eyes_colors_id: codes,
    hairs_id: codes,
    distinguishing_marks: str(2000),
    languages_spoken_ids: codes,
    date_of_event: date,
    place: str(300),
  },
} as const;
const changeable = {
  recipients: { ...countries, description: 'diffusions: the countries it goes to' },
  subject,
  summary: { type: 'string', maxLength: 10000 },
  victimId: { type: ['integer', 'null'], minimum: 1 },
  offenderId: { type: ['integer', 'null'], minimum: 1 },
  publicExtract: { type: 'boolean', description: 'yellow notices: ask for a public extract' },
  requesterConsent: { type: 'boolean', description: 'the requesting NCB consents to the public extract' },
} as const;

// Response schemas list every presented property: the serializer drops what they do not name.
const timeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const notice = {
  type: 'object',
  required: [
    'id',
    'kind',
    'channel',
    'status',
    'entityId',
    'requestingCountry',
    'requestingAgencyId',
    'recipients',
    'subject',
    'summary',
    'victimId',
    'offenderId',
    'publicExtract',
    'requesterConsent',
    'publishedAt',
    'cancelReason',
    'createdAt',
    'updatedAt',
    'actions',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: [...NOTICE_KINDS] },
    channel: { type: 'string', enum: [...NOTICE_CHANNELS] },
    status: { type: 'string', enum: [...NOTICE_STATUSES] },
    entityId: { type: ['string', 'null'], description: 'YYYY/NNNN once published' },
    requestingCountry: { type: 'string' },
    requestingAgencyId: { type: 'integer' },
    recipients: { type: 'array', items: { type: 'string' } },
    subject,
    summary: { type: 'string' },
    victimId: { type: ['integer', 'null'], description: 'null where the caller may not see the victim' },
    offenderId: { type: ['integer', 'null'], description: 'null where the caller may not see the offender' },
    publicExtract: { type: 'boolean' },
    requesterConsent: { type: 'boolean' },
    reviewNote: { type: ['string', 'null'], description: 'only for the requesting country and the hub' },
    reviewedAt: { ...timeOrNull, description: 'only for the requesting country and the hub' },
    publishedAt: timeOrNull,
    cancelReason: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    actions: { type: 'array', items: { type: 'string', enum: [...NOTICE_VERBS] }, description: 'what the caller may do with it now' },
  },
} as const;

export default async function noticeRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.notices;

  app.get(
    '/notices',
    {
      config: { action: 'notice.list' },
      schema: {
        tags,
        summary: 'Notices and diffusions I can see, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: [...NOTICE_KINDS] },
            status: { type: 'string', enum: [...NOTICE_STATUSES] },
            channel: { type: 'string', enum: [...NOTICE_CHANNELS] },
            q: { type: 'string', minLength: 1, maxLength: 200, description: 'name or forename (substring) or entity id' },
            victimId: { type: 'integer', minimum: 1 },
            offenderId: { type: 'integer', minimum: 1 },
            afterId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        },
        response: { 200: { type: 'object', required: ['notices'], additionalProperties: false, properties: { notices: { type: 'array', items: notice } } } },
      } as const,
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.post(
    '/notices',
    {
      config: { action: 'notice.create' },
      schema: {
        tags,
        summary: 'Draft a yellow or green notice request, or a diffusion to named countries (NCB officers)',
        body: {
          type: 'object',
          required: ['kind', 'subject'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: [...NOTICE_KINDS] }, channel: { type: 'string', enum: [...NOTICE_CHANNELS] }, ...changeable },
        },
        response: { 201: notice },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/notices/:id',
    { config: { action: 'notice.read' }, schema: { tags, summary: 'A notice', params: idParam, response: { 200: notice } } as const },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.patch(
    '/notices/:id',
    {
      config: { action: 'notice.update' },
      schema: {
        tags,
        summary: 'Change a draft or refused request (its NCB); a refused one becomes a draft again',
        params: idParam,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: changeable },
        response: { 200: notice },
      } as const,
    },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );

  app.post(
    '/notices/:id/submit',
    {
      config: { action: 'notice.submit' },
      schema: {
        tags,
        summary: 'Send a notice to the General Secretariat for review, or circulate a diffusion; checks the minimum particulars',
        params: idParam,
        response: { 200: notice },
      } as const,
    },
    async (req) => svc.submit(who(req), req.params.id),
  );

  app.post(
    '/notices/:id/review',
    {
      config: { action: 'notice.review' },
      schema: {
        tags,
        summary: 'Compliance review by the General Secretariat: publish (numbered YYYY/NNNN) or refuse with a reason',
        params: idParam,
        body: {
          type: 'object',
          required: ['decision'],
          additionalProperties: false,
          properties: { decision: { type: 'string', enum: ['publish', 'refuse'] }, note: { type: 'string', maxLength: 5000 } },
        },
        response: { 200: notice },
      } as const,
    },
    async (req) => svc.review(who(req), req.params.id, { publish: req.body.decision === 'publish', note: req.body.note }),
  );

  app.post(
    '/notices/:id/cancel',
    {
      config: { action: 'notice.cancel' },
      schema: {
        tags,
        summary: 'Withdraw a notice or diffusion (its NCB), e.g. the person was found',
        params: idParam,
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: { reason: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } },
        },
        response: { 200: notice },
      } as const,
    },
    async (req) => svc.cancel(who(req), req.params.id, req.body.reason),
  );

  app.get(
    '/notices/:id/extract',
    {
      config: { action: 'notice.extract' },
      schema: { tags, summary: "The public extract of a published yellow notice (only with the requesting country's consent)", params: idParam } as const,
    },
    async (req) => svc.publicExtract(who(req), req.params.id),
  );
}
