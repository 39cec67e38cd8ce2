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

// Response schemas list every presented property (present.ts): the serializer drops what they do not name.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const timeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const presentedTransfer = {
  type: 'object',
  required: [
    'id',
    'receivingCountry',
    'amountMinor',
    'currency',
    'amount',
    'transferredAt',
    'sendingBank',
    'sendingAccount',
    'transactionReference',
    'beneficiaryName',
    'beneficiaryBank',
    'beneficiaryBic',
    'beneficiaryAccount',
    'accountIsIban',
    'outcome',
    'heldMinor',
    'held',
    'refusalReason',
    'answerNote',
    'answeredAt',
  ],
  additionalProperties: false,
  properties: {
    id: int,
    receivingCountry: str,
    amountMinor: int,
    currency: str,
    amount: { type: 'string', description: 'the amount in major units, as text' },
    transferredAt: timeOrNull,
    sendingBank: str,
    sendingAccount: str,
    transactionReference: str,
    beneficiaryName: str,
    beneficiaryBank: str,
    beneficiaryBic: strOrNull,
    beneficiaryAccount: str,
    accountIsIban: { type: 'boolean' },
    outcome: { type: 'string', enum: [...OUTCOMES] },
    heldMinor: int,
    held: str,
    refusalReason: strOrNull,
    answerNote: strOrNull,
    answeredAt: timeOrNull,
  },
} as const;
/** Requested vs held per currency. */
const currencyTotal = {
  type: 'object',
  required: ['currency', 'transfers', 'requestedMinor', 'heldMinor', 'requested', 'held'],
  additionalProperties: false,
  properties: { currency: str, transfers: int, requestedMinor: int, heldMinor: int, requested: str, held: str },
} as const;
const requestProperties = {
  id: int,
  status: { type: 'string', enum: [...PAYMENT_STATUSES] },
  requestingCountry: str,
  requestingAgencyId: int,
  offence: { type: 'string', enum: [...OFFENCES] },
  nationalReference: str,
  summary: str,
  caseId: { type: ['integer', 'null'], description: 'null also where the caller may not see the case' },
  responseHours: int,
  sentAt: timeOrNull,
  responseDueAt: timeOrNull,
  overdue: { type: 'boolean' },
  closedAt: timeOrNull,
  closureNote: strOrNull,
  receivingCountries: { type: 'array', items: str },
  totals: { type: 'array', items: currencyTotal },
  progress: {
    type: 'object',
    required: ['transfers', 'answered', ...OUTCOMES],
    additionalProperties: false,
    properties: { transfers: int, answered: int, pending: int, held: int, withdrawn: int, not_found: int, refused: int },
  },
  transfers: { type: 'array', items: presentedTransfer, description: 'the transfers the caller may see (not in lists)' },
  createdAt: timeOrNull,
  updatedAt: timeOrNull,
  actions: { type: 'array', items: { type: 'string', enum: ['update', 'send', 'answer', 'close'] }, description: 'what the caller may do with it now' },
} as const;
const requestRequired = [
  'id',
  'status',
  'requestingCountry',
  'requestingAgencyId',
  'offence',
  'nationalReference',
  'summary',
  'caseId',
  'responseHours',
  'sentAt',
  'responseDueAt',
  'overdue',
  'closedAt',
  'closureNote',
  'receivingCountries',
  'totals',
  'progress',
  'createdAt',
  'updatedAt',
  'actions',
] as const;
const paymentRequest = { type: 'object', required: requestRequired, additionalProperties: false, properties: requestProperties } as const;
const overdueRequest = {
  type: 'object',
  required: [...requestRequired, 'overdueMinutes', 'pendingTransfers', 'pendingCountries', 'pendingTotals'],
  additionalProperties: false,
  properties: {
    ...requestProperties,
    overdueMinutes: int,
    pendingTransfers: int,
    pendingCountries: { type: 'array', items: str },
    pendingTotals: { type: 'array', items: currencyTotal },
  },
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
        response: {
          200: { type: 'object', required: ['requests'], additionalProperties: false, properties: { requests: { type: 'array', items: paymentRequest } } },
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
        response: {
          200: {
            type: 'object',
            required: ['asOf', 'requests'],
            additionalProperties: false,
            properties: { asOf: { type: 'string', format: 'date-time' }, requests: { type: 'array', items: overdueRequest } },
          },
        },
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
        response: { 201: paymentRequest },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/payments/:id',
    {
      config: { action: 'payment.read' },
      schema: {
        tags,
        summary: 'A stop-payment request with its transfers, answers and totals per currency (requested vs held)',
        params: idParam,
        response: { 200: paymentRequest },
      } as const,
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
        response: { 200: paymentRequest },
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
        response: { 201: paymentRequest },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.addTransfers(who(req), req.params.id, req.body.transfers)),
  );

  app.delete(
    '/payments/:id/transfers/:transferId',
    {
      config: { action: 'payment.transfers' },
      schema: { tags, summary: 'Remove a transfer from a draft', params: transferParams, response: { 200: paymentRequest } } as const,
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
        response: { 200: paymentRequest },
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
        response: { 200: paymentRequest },
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
        response: { 200: paymentRequest },
      } as const,
    },
    async (req) => svc.close(who(req), req.params.id, req.body.note),
  );
}
