// HTTP adapter for comments, consultations and the notification inbox.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const page = { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 500 } } as const;
/** Lets a client POST without a body where every field is optional. */
export const emptyBody = async (req: { body: unknown }) => {
  req.body ??= {};
};
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
// Response schemas list every presented property: the serializer drops what they do not name.
const commentProperties = {
  id: { type: 'integer' },
  body: { type: 'string' },
  author: { type: 'string', description: 'display name' },
  authorCountry: { type: 'string' },
  mine: { type: 'boolean' },
  createdAt: { type: 'string', format: 'date-time' },
} as const;
const commentRequired = ['id', 'body', 'author', 'authorCountry', 'mine', 'createdAt'] as const;
const commentList = {
  type: 'object',
  required: ['comments', 'nextAfterId'],
  additionalProperties: false,
  properties: {
    comments: { type: 'array', items: { type: 'object', required: commentRequired, additionalProperties: false, properties: commentProperties } },
    nextAfterId: { type: ['integer', 'null'] },
  },
} as const;
const commentTypes = { type: 'string', enum: ['media', 'series', 'victim'] } as const;
const createdComment = {
  type: 'object',
  required: [...commentRequired, 'targetType', 'targetId'],
  additionalProperties: false,
  properties: { ...commentProperties, targetType: commentTypes, targetId: { type: 'integer' } },
} as const;

const threadProperties = {
  id: { type: 'integer' },
  caseId: { type: 'integer' },
  caseReference: { type: 'string' },
  subject: { type: 'string' },
  countries: { type: 'array', items: { type: 'string' } },
  messages: { type: 'integer', description: 'how many messages' },
  lastMessageAt: { type: ['string', 'null'], format: 'date-time' },
  createdAt: { type: 'string', format: 'date-time' },
} as const;
const threadRequired = ['id', 'caseId', 'caseReference', 'subject', 'countries', 'messages', 'lastMessageAt', 'createdAt'] as const;
const thread = { type: 'object', required: threadRequired, additionalProperties: false, properties: threadProperties } as const;
const message = {
  type: 'object',
  required: ['id', 'body', 'author', 'authorCountry', 'mine', 'mediaIds', 'createdAt'],
  additionalProperties: false,
  properties: { ...commentProperties, mediaIds: { type: 'array', items: { type: 'integer' }, description: 'cited media the reader may see' } },
} as const;
const threadWithMessages = {
  type: 'object',
  required: [...threadRequired, 'thread', 'nextAfterId'],
  additionalProperties: false,
  properties: { ...threadProperties, thread: { type: 'array', items: message }, nextAfterId: { type: ['integer', 'null'] } },
} as const;
const notification = {
  type: 'object',
  required: ['id', 'kind', 'title', 'body', 'link', 'data', 'createdAt', 'read', 'readAt', 'addressedTo'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    link: { type: ['string', 'null'] },
    data: { description: 'what the notification is about (ids), per kind' },
    createdAt: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
    addressedTo: { type: 'string', enum: ['me', 'agency', 'country'] },
  },
} as const;

export default async function collabRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const comments = ctx.services.comments;
  const consultations = ctx.services.consultations;
  const inbox = ctx.services.inbox;
  const target = { targetType: { type: 'string', enum: ['media', 'series', 'victim'] }, targetId: { type: 'integer', minimum: 1 } } as const;

  app.get(
    '/comments',
    {
      config: { action: 'comment.list' },
      schema: {
        tags: ['comments'],
        summary: 'Comments on a medium, series or victim I can see, oldest first',
        querystring: { type: 'object', required: ['targetType', 'targetId'], additionalProperties: false, properties: { ...target, ...page } },
        response: { 200: commentList },
      } as const,
    },
    async (req) => comments.list(who(req), req.query.targetType, req.query.targetId, req.query),
  );

  app.post(
    '/comments',
    {
      config: { action: 'comment.create' },
      schema: {
        tags: ['comments'],
        summary: 'Comment on a medium, series or victim I can see; its owning agency is notified',
        body: { type: 'object', required: ['targetType', 'targetId', 'body'], additionalProperties: false, properties: { ...target, body: text(10000) } },
        response: { 201: createdComment },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await comments.create(who(req), req.body.targetType, req.body.targetId, req.body.body)),
  );

  const mediaIds = {
    type: 'array',
    maxItems: 50,
    items: { type: 'integer', minimum: 1 },
    description: 'media cited (each one I may see); a reader is shown only those they may see',
  } as const;
  app.post(
    '/cases/:id/consultations',
    {
      config: { action: 'case.consult' },
      schema: {
        tags: ['consultations'],
        summary: "Open a consultation on a case with named countries (the case owner's country and mine take part); participants are notified",
        params: idParam,
        body: {
          type: 'object',
          required: ['subject', 'countries', 'message'],
          additionalProperties: false,
          properties: {
            subject: text(300),
            countries: { type: 'array', minItems: 1, maxItems: 250, items: { type: 'string', pattern: '^[A-Za-z]{2}$' } },
            message: text(20000),
            mediaIds,
          },
        },
        response: { 201: thread },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await consultations.create(who(req), req.params.id, req.body)),
  );

  app.get(
    '/cases/:id/consultations',
    {
      config: { action: 'consultation.list' },
      schema: {
        tags: ['consultations'],
        summary: 'Consultations on a case in which my country takes part (all of them for the owning agency)',
        params: idParam,
        response: {
          200: { type: 'object', required: ['consultations'], additionalProperties: false, properties: { consultations: { type: 'array', items: thread } } },
        },
      } as const,
    },
    async (req) => consultations.listForCase(who(req), req.params.id),
  );

  app.get(
    '/consultations',
    {
      config: { action: 'consultation.list' },
      schema: {
        tags: ['consultations'],
        summary: 'Consultations my country takes part in, newest first',
        querystring: { type: 'object', additionalProperties: false, properties: page },
        response: {
          200: {
            type: 'object',
            required: ['consultations', 'nextAfterId'],
            additionalProperties: false,
            properties: { consultations: { type: 'array', items: thread }, nextAfterId: { type: ['integer', 'null'] } },
          },
        },
      } as const,
    },
    async (req) => consultations.listMine(who(req), req.query),
  );

  app.get(
    '/consultations/:id',
    {
      config: { action: 'consultation.read' },
      schema: {
        tags: ['consultations'],
        summary: 'A consultation and its messages, oldest first',
        params: idParam,
        querystring: { type: 'object', additionalProperties: false, properties: page },
        response: { 200: threadWithMessages },
      } as const,
    },
    async (req) => consultations.get(who(req), req.params.id, req.query),
  );

  app.post(
    '/consultations/:id/messages',
    {
      config: { action: 'consultation.post' },
      schema: {
        tags: ['consultations'],
        summary: 'Reply in a consultation; the other participant countries are notified',
        params: idParam,
        body: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: text(20000), mediaIds } },
        response: { 201: message },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await consultations.post(who(req), req.params.id, req.body.body, req.body.mediaIds)),
  );

  app.get(
    '/notifications',
    {
      config: { action: 'notification.list' },
      schema: {
        tags: ['notifications'],
        summary: 'My inbox: notifications to me, my agency or my country, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { unreadOnly: { type: 'boolean' }, kind: { type: 'string', maxLength: 50 }, ...page },
        },
        response: {
          200: {
            type: 'object',
            required: ['unread', 'notifications', 'nextAfterId'],
            additionalProperties: false,
            properties: { unread: { type: 'integer' }, notifications: { type: 'array', items: notification }, nextAfterId: { type: ['integer', 'null'] } },
          },
        },
      } as const,
    },
    async (req) => inbox.list(who(req), req.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { action: 'notification.count' },
      schema: { tags: ['notifications'], summary: 'How many of my notifications are unread' } as const,
    },
    async (req) => inbox.unreadCount(who(req)),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { action: 'notification.read' },
      schema: { tags: ['notifications'], summary: 'Mark one notification read (for me)', params: idParam } as const,
    },
    async (req) => inbox.markRead(who(req), [req.params.id]),
  );

  app.post(
    '/notifications/read',
    {
      config: { action: 'notification.read' },
      preValidation: emptyBody,
      schema: {
        tags: ['notifications'],
        summary: 'Mark the given notifications, or all of mine, read',
        body: { type: 'object', additionalProperties: false, properties: { ids: { type: 'array', maxItems: 1000, items: { type: 'integer', minimum: 1 } } } },
      } as const,
    },
    async (req) => inbox.markRead(who(req), req.body.ids),
  );
}
