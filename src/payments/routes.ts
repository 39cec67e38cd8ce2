// HTTP adapter for I-GRIP stop-payment requests (global rapid intervention of payments).
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { OFFENCES, OUTCOMES, PAYMENT_STATUSES } from './tables.js';

const tags = ['payments'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const transferParams = {
  type: 'object',
  required: ['id', 'transferId'],
  properties: { id: { type: 'integer', minimum: 1 }, transferId: { type: 'integer', minimum: 1 } },
} as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const emptyBody = async (req: { body: unknown }) => {
  req.body ??= {};
};

const transfer = {
  type: 'object',
  additionalProperties: false,
  required: ['amountMinor', 'currency', 'transferredAt', 'sendingBank', 'beneficiaryName', 'beneficiaryBank', 'beneficiaryAccount'],
  properties: {
    amountMinor: {
      type: 'integer',
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'amount sent, in integer minor units of the currency (US$42.3M = 4230000000)',
    },
    currency: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code' },
    transferredAt: { type: 'string', format: 'date-time', description: 'when the money was sent (ISO 8601 with offset)' },
    sendingBank: text(200),
    sendingAccount: { type: 'string', maxLength: 64, description: "the victim's account" },
    transactionReference: { type: 'string', maxLength: 200 },
    beneficiaryName: text(300),
    beneficiaryBank: text(200),
    beneficiaryBic: { type: ['string', 'null'], maxLength: 20, description: 'BIC/SWIFT (ISO 9362), 8 or 11 characters' },
    beneficiaryAccount: { type: 'string', minLength: 1, maxLength: 64, description: 'IBAN (length and checksum checked) or the account number' },
    receivingCountry: { type: 'string', pattern: '^[A-Za-z]{2}$', description: "the country whose NCB is asked; default: the IBAN's or the BIC's country" },
  },
} as const;
const transfers = { type: 'array', minItems: 1, maxItems: 200, items: transfer } as const;
const header = {
  offence: { type: 'string', enum: [...OFFENCES] },
  nationalReference: { type: 'string', maxLength: 200 },
  summary: { type: 'string', maxLength: 10000, description: 'the facts, for the receiving NCBs and banks' },
  caseId: { type: ['integer', 'null'], minimum: 1 },
  responseHours: { type: 'integer', minimum: 1, maximum: 720, description: 'hours the receiving NCBs have to answer once sent (default 24)' },
} as const;

export default async function paymentsRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.payments;

  app.get(
    '/payments',
    {
      config: { action: 'payment.list' },
      schema: {
        tags,
        summary: "Stop-payment requests I can see (my country's, those naming my country once sent; the hub: all sent), newest first",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...PAYMENT_STATUSES] },
            side: { type: 'string', enum: ['requested', 'received'] },
            afterId: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        },
      } as const,
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.get(
    '/payments/overdue',
    {
      config: { action: 'payment.overdue' },
      schema: {
        tags,
        summary: 'Sent requests past their response-due time with transfers still unanswered, most overdue first (the hub: all; a receiving country: its own)',
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } } },
      } as const,
    },
    async (req) => svc.overdue(who(req), req.query),
  );

  app.post(
    '/payments',
    {
      config: { action: 'payment.create' },
      schema: {
        tags,
        summary: "Draft a stop-payment request for money sent abroad (police of the victim's country)",
        body: { type: 'object', required: ['offence'], additionalProperties: false, properties: { ...header, transfers } },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/payments/:id',
    {
      config: { action: 'payment.read' },
      schema: { tags, summary: 'A stop-payment request with its transfers, answers and totals per currency (requested vs held)', params: idParam } as const,
    },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.patch(
    '/payments/:id',
    {
      config: { action: 'payment.update' },
      schema: {
        tags,
        summary: 'Change a draft (requesting country)',
        params: idParam,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: header },
      } as const,
    },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );

  app.post(
    '/payments/:id/transfers',
    {
      config: { action: 'payment.transfers' },
      schema: {
        tags,
        summary: 'Add transfers to a draft',
        params: idParam,
        body: { type: 'object', required: ['transfers'], additionalProperties: false, properties: { transfers } },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.addTransfers(who(req), req.params.id, req.body.transfers)),
  );

  app.delete(
    '/payments/:id/transfers/:transferId',
    {
      config: { action: 'payment.transfers' },
      schema: { tags, summary: 'Remove a transfer from a draft', params: transferParams } as const,
    },
    async (req) => svc.removeTransfer(who(req), req.params.id, req.params.transferId),
  );

  app.post(
    '/payments/:id/send',
    {
      config: { action: 'payment.send' },
      schema: {
        tags,
        summary: 'Send the request (requesting NCB): starts the response clock and alerts the receiving NCBs and the hub',
        params: idParam,
      } as const,
    },
    async (req) => svc.send(who(req), req.params.id),
  );

  app.post(
    '/payments/:id/answers',
    {
      config: { action: 'payment.answer' },
      schema: {
        tags,
        summary:
          'Answer for transfers to my country (receiving NCB): held (with the amount), withdrawn, not found, refused (with a reason); a new answer revises the previous one',
        params: idParam,
        body: {
          type: 'object',
          required: ['answers'],
          additionalProperties: false,
          properties: {
            answers: {
              type: 'array',
              minItems: 1,
              maxItems: 200,
              items: {
                type: 'object',
                required: ['transferId', 'outcome'],
                additionalProperties: false,
                properties: {
                  transferId: { type: 'integer', minimum: 1 },
                  outcome: { type: 'string', enum: OUTCOMES.filter((o) => o !== 'pending') },
                  heldMinor: {
                    type: 'integer',
                    minimum: 0,
                    maximum: Number.MAX_SAFE_INTEGER,
                    description: "held: the amount held, in minor units of the transfer's currency",
                  },
                  reason: { type: 'string', maxLength: 2000, description: 'refused: why' },
                  note: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        },
      } as const,
    },
    async (req) => svc.answer(who(req), req.params.id, req.body.answers),
  );

  app.post(
    '/payments/:id/close',
    {
      config: { action: 'payment.close' },
      preValidation: emptyBody,
      schema: {
        tags,
        summary: 'Close the request (requesting NCB); the receiving NCBs are told',
        params: idParam,
        body: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 2000 } } },
      } as const,
    },
    async (req) => svc.close(who(req), req.params.id, req.body.note),
  );
}
