// HTTP adapter for comments, consultations and the notification inbox.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import type { CommentTarget } from './tables.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const page = { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 500 } } as const;
/** Lets a client POST without a body where every field is optional. */
export const emptyBody = async (req: { body: unknown }) => {
  req.body ??= {};
};
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;

export default async function collabRoutes(app: FastifyInstance, ctx: AppContext) {
  const comments = ctx.services.comments;
  const consultations = ctx.services.consultations;
  const inbox = ctx.services.inbox;
  const target = { targetType: { type: 'string', enum: ['media', 'series', 'victim'] }, targetId: { type: 'integer', minimum: 1 } } as const;

  app.get<{ Querystring: { targetType: CommentTarget; targetId: number; afterId?: number; limit?: number } }>(
    '/comments',
    {
      config: { action: 'comment.list' },
      schema: {
        tags: ['comments'],
        summary: 'Comments on a medium, series or victim I can see, oldest first',
        querystring: { type: 'object', required: ['targetType', 'targetId'], additionalProperties: false, properties: { ...target, ...page } },
      },
    },
    async (req) => comments.list(who(req), req.query.targetType, req.query.targetId, req.query),
  );

  app.post<{ Body: { targetType: CommentTarget; targetId: number; body: string } }>(
    '/comments',
    {
      config: { action: 'comment.create' },
      schema: {
        tags: ['comments'],
        summary: 'Comment on a medium, series or victim I can see; its owning agency is notified',
        body: { type: 'object', required: ['targetType', 'targetId', 'body'], additionalProperties: false, properties: { ...target, body: text(10000) } },
      },
    },
    async (req, reply) => reply.status(201).send(await comments.create(who(req), req.body.targetType, req.body.targetId, req.body.body)),
  );

  const mediaIds = {
    type: 'array',
    maxItems: 50,
    items: { type: 'integer', minimum: 1 },
    description: 'media cited (each one I may see); a reader is shown only those they may see',
  } as const;
  app.post<{ Params: { id: number }; Body: { subject: string; countries: string[]; message: string; mediaIds?: number[] } }>(
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
      },
    },
    async (req, reply) => reply.status(201).send(await consultations.create(who(req), req.params.id, req.body)),
  );

  app.get<{ Params: { id: number } }>(
    '/cases/:id/consultations',
    {
      config: { action: 'consultation.list' },
      schema: {
        tags: ['consultations'],
        summary: 'Consultations on a case in which my country takes part (all of them for the owning agency)',
        params: idParam,
      },
    },
    async (req) => consultations.listForCase(who(req), req.params.id),
  );

  app.get<{ Querystring: { afterId?: number; limit?: number } }>(
    '/consultations',
    {
      config: { action: 'consultation.list' },
      schema: {
        tags: ['consultations'],
        summary: 'Consultations my country takes part in, newest first',
        querystring: { type: 'object', additionalProperties: false, properties: page },
      },
    },
    async (req) => consultations.listMine(who(req), req.query),
  );

  app.get<{ Params: { id: number }; Querystring: { afterId?: number; limit?: number } }>(
    '/consultations/:id',
    {
      config: { action: 'consultation.read' },
      schema: {
        tags: ['consultations'],
        summary: 'A consultation and its messages, oldest first',
        params: idParam,
        querystring: { type: 'object', additionalProperties: false, properties: page },
      },
    },
    async (req) => consultations.get(who(req), req.params.id, req.query),
  );

  app.post<{ Params: { id: number }; Body: { body: string; mediaIds?: number[] } }>(
    '/consultations/:id/messages',
    {
      config: { action: 'consultation.post' },
      schema: {
        tags: ['consultations'],
        summary: 'Reply in a consultation; the other participant countries are notified',
        params: idParam,
        body: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: text(20000), mediaIds } },
      },
    },
    async (req, reply) => reply.status(201).send(await consultations.post(who(req), req.params.id, req.body.body, req.body.mediaIds)),
  );

  app.get<{ Querystring: { unreadOnly?: boolean; kind?: string; afterId?: number; limit?: number } }>(
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
      },
    },
    async (req) => inbox.list(who(req), req.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { action: 'notification.count' },
      schema: { tags: ['notifications'], summary: 'How many of my notifications are unread' },
    },
    async (req) => inbox.unreadCount(who(req)),
  );

  app.post<{ Params: { id: number } }>(
    '/notifications/:id/read',
    {
      config: { action: 'notification.read' },
      schema: { tags: ['notifications'], summary: 'Mark one notification read (for me)', params: idParam },
    },
    async (req) => inbox.markRead(who(req), [req.params.id]),
  );

  app.post<{ Body: { ids?: number[] } }>(
    '/notifications/read',
    {
      config: { action: 'notification.read' },
      preValidation: emptyBody,
      schema: {
        tags: ['notifications'],
        summary: 'Mark the given notifications, or all of mine, read',
        body: { type: 'object', additionalProperties: false, properties: { ids: { type: 'array', maxItems: 1000, items: { type: 'integer', minimum: 1 } } } },
      },
    },
    async (req) => inbox.markRead(who(req), req.body.ids),
  );
}
