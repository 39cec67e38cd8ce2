// HTTP adapter for iARMS: the Firearms Reference Table, firearm records, searches by serial number and trace requests.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { FIREARM_TYPES, RECORD_STATUSES, REPORTED_STATUSES, TRACE_ANSWERS, TRACE_BASES } from './tables.js';

const tags = ['firearms'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const country = { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' } as const;
const nullableCountry = { type: ['string', 'null'], pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' } as const;
const day = { type: 'string', format: 'date', description: 'YYYY-MM-DD' } as const;
const serial = {
  type: 'string',
  minLength: 1,
  maxLength: 80,
  pattern: '^[A-Za-z0-9 ./-]+$',
  description: 'as marked; compared upper-cased without spaces or dashes',
} as const;
const make = { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' } as const;
const page = { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 200 } } as const;

const referenceFields = {
  make,
  model: text(120),
  calibre: text(60),
  type: { type: 'string', enum: [...FIREARM_TYPES] },
  countryOfManufacture: nullableCountry,
} as const;
const recordFields = {
  serial,
  referenceId: { type: 'integer', minimum: 1, description: 'Firearms Reference Table entry' },
  status: { type: 'string', enum: [...REPORTED_STATUSES] },
  eventDate: { ...day, type: ['string', 'null'], description: 'when it was lost, stolen or seized' },
  place: text(300),
  importerCountry: { ...nullableCountry, description: 'country of the last legal importer' },
  nationalReference: text(100),
  notes: text(5000),
} as const;

// Response schemas list every presented property: the serializer drops what they do not name.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const timeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const nextAfterId = { type: ['integer', 'null'] } as const;
/** presentReference (service.ts). */
const reference = {
  type: 'object',
  required: ['id', 'make', 'model', 'calibre', 'type', 'countryOfManufacture', 'active', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: int,
    make: str,
    model: str,
    calibre: str,
    type: { type: 'string', enum: [...FIREARM_TYPES] },
    countryOfManufacture: strOrNull,
    active: { type: 'boolean', description: 'false: withdrawn from the table' },
    createdAt: timeOrNull,
    updatedAt: timeOrNull,
  },
} as const;
/** The firearm a record or hit describes (its reference table entry). */
const firearm = {
  type: 'object',
  required: ['referenceId', 'make', 'model', 'calibre', 'type', 'countryOfManufacture'],
  additionalProperties: false,
  properties: {
    referenceId: int,
    make: str,
    model: str,
    calibre: str,
    type: { type: 'string', enum: [...FIREARM_TYPES] },
    countryOfManufacture: strOrNull,
  },
} as const;
const recordStatus = { type: 'string', enum: [...RECORD_STATUSES] } as const;
const reportedStatus = { type: 'string', enum: [...REPORTED_STATUSES], description: 'what the recording country reported (kept once recovered)' } as const;
/** presentRecord (service.ts); reads add what the caller may do with it. */
const firearmRecord = {
  type: 'object',
  required: [
    'id',
    'serial',
    'serialKey',
    'status',
    'reportedStatus',
    'firearm',
    'eventDate',
    'place',
    'importerCountry',
    'nationalReference',
    'notes',
    'recordingCountry',
    'recordingAgencyId',
    'recoveredAt',
    'recoveryNote',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  properties: {
    id: int,
    serial: str,
    serialKey: str,
    status: recordStatus,
    reportedStatus,
    firearm,
    eventDate: { type: ['string', 'null'], format: 'date' },
    place: str,
    importerCountry: strOrNull,
    nationalReference: str,
    notes: str,
    recordingCountry: str,
    recordingAgencyId: int,
    recoveredAt: timeOrNull,
    recoveryNote: strOrNull,
    createdAt: timeOrNull,
    updatedAt: timeOrNull,
    actions: { type: 'array', items: { type: 'string', enum: ['update', 'recover'] }, description: 'what the caller may do with it now (reads only)' },
  },
} as const;
/** A search and the wanted records it hit (service.ts presentSearches). */
const search = {
  type: 'object',
  required: ['id', 'serial', 'serialKey', 'make', 'hit', 'searchingCountry', 'searchedAt', 'hits'],
  additionalProperties: false,
  properties: {
    id: int,
    serial: str,
    serialKey: str,
    make: strOrNull,
    hit: { type: 'boolean' },
    searchingCountry: str,
    searchedAt: timeOrNull,
    hits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['recordId', 'recordingCountry', 'contact', 'status', 'reportedStatus', 'serial', 'firearm', 'eventDate', 'importerCountry'],
        additionalProperties: false,
        properties: {
          recordId: int,
          recordingCountry: str,
          contact: { ...strOrNull, description: "the recording country's NCB" },
          status: recordStatus,
          reportedStatus,
          serial: str,
          firearm,
          eventDate: { type: ['string', 'null'], format: 'date' },
          importerCountry: strOrNull,
        },
      },
    },
  },
} as const;
/** A trace request (traces.ts present): an addressed country sees only its own part. */
const trace = {
  type: 'object',
  required: ['id', 'searchId', 'serial', 'serialKey', 'firearm', 'requestingCountry', 'requestingAgencyId', 'note', 'createdAt', 'status', 'recipients'],
  additionalProperties: false,
  properties: {
    id: int,
    searchId: int,
    serial: str,
    serialKey: str,
    firearm: { anyOf: [{ type: 'null' }, reference] },
    requestingCountry: str,
    requestingAgencyId: int,
    note: str,
    createdAt: timeOrNull,
    status: { type: 'string', enum: ['open', 'answered'] },
    recipients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['country', 'basis', 'status', 'history', 'answeredAt'],
        additionalProperties: false,
        properties: {
          country: str,
          basis: { type: 'array', items: { type: 'string', enum: [...TRACE_BASES] } },
          status: { type: 'string', enum: ['pending', ...TRACE_ANSWERS] },
          history: strOrNull,
          answeredAt: timeOrNull,
        },
      },
    },
  },
} as const;
export default async function firearmsRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const svc = ctx.services.firearms;
  const traces = ctx.services.traces;

  // ---- Firearms Reference Table ----
  app.get(
    '/firearms/references',
    {
      config: { action: 'firearm.reference.read' },
      schema: {
        tags,
        summary: 'The Firearms Reference Table, by make and model',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 120, description: 'substring of make, model or calibre' },
            make,
            type: referenceFields.type,
            includeWithdrawn: { type: 'boolean' },
            ...page,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['references', 'nextAfterId'],
            additionalProperties: false,
            properties: { references: { type: 'array', items: reference }, nextAfterId },
          },
        },
      } as const,
    },
    async (req) => svc.listReferences(who(req), req.query),
  );

  app.get(
    '/firearms/references/:id',
    {
      config: { action: 'firearm.reference.read' },
      schema: { tags, summary: 'A reference table entry', params: idParam, response: { 200: reference } } as const,
    },
    async (req) => svc.getReference(who(req), req.params.id),
  );

  app.post(
    '/firearms/references',
    {
      config: { action: 'firearm.reference.write' },
      schema: {
        tags,
        summary: 'Add a reference table entry (General Secretariat analysts and administrators)',
        body: { type: 'object', required: ['make', 'type'], additionalProperties: false, properties: referenceFields },
        response: { 201: reference },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.createReference(who(req), req.body)),
  );

  app.patch(
    '/firearms/references/:id',
    {
      config: { action: 'firearm.reference.write' },
      schema: {
        tags,
        summary: 'Correct or withdraw (active: false) a reference table entry (General Secretariat)',
        params: idParam,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...referenceFields, active: { type: 'boolean' } } },
        response: { 200: reference },
      } as const,
    },
    async (req) => svc.updateReference(who(req), req.params.id, req.body),
  );

  // ---- Firearm records ----
  app.get(
    '/firearms/records',
    {
      config: { action: 'firearm.record.list' },
      schema: {
        tags,
        summary: "My country's firearm records, newest first (the hub: every country's, optionally one)",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: [...RECORD_STATUSES] }, serial, country, ...page },
        },
        response: {
          200: {
            type: 'object',
            required: ['records', 'nextAfterId'],
            additionalProperties: false,
            properties: { records: { type: 'array', items: firearmRecord }, nextAfterId },
          },
        },
      } as const,
    },
    async (req) => svc.listRecords(who(req), req.query),
  );

  app.post(
    '/firearms/records',
    {
      config: { action: 'firearm.record.create' },
      schema: {
        tags,
        summary: 'Record a lost, stolen, trafficked or smuggled firearm',
        body: { type: 'object', required: ['serial', 'referenceId', 'status'], additionalProperties: false, properties: recordFields },
        response: { 201: firearmRecord },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await svc.createRecord(who(req), req.body)),
  );

  app.get(
    '/firearms/records/:id',
    {
      config: { action: 'firearm.record.read' },
      schema: { tags, summary: 'A firearm record (the recording country and the hub)', params: idParam, response: { 200: firearmRecord } } as const,
    },
    async (req) => svc.getRecord(who(req), req.params.id),
  );

  app.patch(
    '/firearms/records/:id',
    {
      config: { action: 'firearm.record.update' },
      schema: {
        tags,
        summary: 'Change a firearm record (the recording country; not once recovered)',
        params: idParam,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: recordFields },
        response: { 200: firearmRecord },
      } as const,
    },
    async (req) => svc.updateRecord(who(req), req.params.id, req.body),
  );

  app.post(
    '/firearms/records/:id/recover',
    {
      config: { action: 'firearm.record.recover' },
      schema: {
        tags,
        summary: 'Mark the firearm recovered (the recording country): searches no longer report it as wanted',
        params: idParam,
        body: { type: ['object', 'null'], additionalProperties: false, properties: { recoveredOn: day, note: text(2000) }, description: 'optional' },
        response: { 200: firearmRecord },
      } as const,
    },
    async (req) => svc.recoverRecord(who(req), req.params.id, req.body ?? {}),
  );

  // ---- Searches ----
  app.post(
    '/firearms/searches',
    {
      config: { action: 'firearm.search.create' },
      schema: {
        tags,
        summary: 'Search wanted firearms by serial number (and make); a hit notifies the hub, your NCB and the recording NCB',
        body: { type: 'object', required: ['serial'], additionalProperties: false, properties: { serial, make } },
        response: { 200: search },
      } as const,
    },
    async (req) => svc.search(who(req), req.body),
  );

  app.get(
    '/firearms/searches',
    {
      config: { action: 'firearm.search.list' },
      schema: {
        tags,
        summary: "My country's searches and their results, newest first",
        querystring: { type: 'object', additionalProperties: false, properties: { hit: { type: 'boolean' }, ...page } },
        response: {
          200: {
            type: 'object',
            required: ['searches', 'nextAfterId'],
            additionalProperties: false,
            properties: { searches: { type: 'array', items: search }, nextAfterId },
          },
        },
      } as const,
    },
    async (req) => svc.listSearches(who(req), req.query),
  );

  app.get(
    '/firearms/searches/:id',
    { config: { action: 'firearm.search.read' }, schema: { tags, summary: 'A search and its result', params: idParam, response: { 200: search } } as const },
    async (req) => svc.getSearch(who(req), req.params.id),
  );

  // ---- Trace requests ----
  app.post(
    '/firearms/traces',
    {
      config: { action: 'firearm.trace.create' },
      schema: {
        tags,
        summary: "Ask the country of manufacture and/or of the last legal importer for a searched firearm's history",
        body: {
          type: 'object',
          required: ['searchId'],
          additionalProperties: false,
          properties: {
            searchId: { type: 'integer', minimum: 1 },
            referenceId: { type: 'integer', minimum: 1, description: 'the firearm, when the search had no hit' },
            manufactureCountry: { ...country, description: "default: the reference entry's country of manufacture" },
            importerCountry: { ...country, description: "default: the hit record's last legal importer" },
            note: text(5000),
          },
        },
        response: { 201: trace },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await traces.create(who(req), req.body)),
  );

  app.get(
    '/firearms/traces',
    {
      config: { action: 'firearm.trace.list' },
      schema: {
        tags,
        summary: 'Trace requests my country sent or received, newest first',
        querystring: { type: 'object', additionalProperties: false, properties: { box: { type: 'string', enum: ['sent', 'received'] }, ...page } },
        response: {
          200: {
            type: 'object',
            required: ['traces', 'nextAfterId'],
            additionalProperties: false,
            properties: { traces: { type: 'array', items: trace }, nextAfterId },
          },
        },
      } as const,
    },
    async (req) => traces.list(who(req), req.query),
  );

  app.get(
    '/firearms/traces/:id',
    {
      config: { action: 'firearm.trace.read' },
      schema: { tags, summary: 'A trace request and its answers', params: idParam, response: { 200: trace } } as const,
    },
    async (req) => traces.get(who(req), req.params.id),
  );

  app.post(
    '/firearms/traces/:id/answer',
    {
      config: { action: 'firearm.trace.answer' },
      schema: {
        tags,
        summary: 'Answer a trace request addressed to my country (NCB officers): found, with the history, or not found',
        params: idParam,
        body: {
          type: 'object',
          required: ['result'],
          additionalProperties: false,
          properties: { result: { type: 'string', enum: [...TRACE_ANSWERS] }, history: text(10000) },
        },
        response: { 200: trace },
      } as const,
    },
    async (req) => traces.answer(who(req), req.params.id, req.body),
  );
}
