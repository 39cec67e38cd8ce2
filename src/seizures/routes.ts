// HTTP adapter for seizures: create/list/read, streamed upload, hash-only submission, triage.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { BadRequestError } from '../shared/errors.js';
import { distributionSchema } from '../cases/routes.js';
import type { Readable } from 'node:stream';
import { hashCsvRows, type IncomingFile } from './upload.js';
import { triageCsv } from './triage.js';

const tags = ['seizures'];
const HASH_CSV_LIMIT = 512 * 1024 ** 2;
const HASH_JSON_LIMIT = 64 * 1024 ** 2;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const pageQuery = { afterId: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 5000 } } as const;
const uploadSummary = {
  type: 'object',
  required: ['files', 'added', 'alreadyHeld', 'errors'],
  properties: { files: { type: 'integer' }, added: { type: 'integer' }, alreadyHeld: { type: 'integer' }, errors: { type: 'integer' } },
} as const;

// Response schemas list every presented property: the serializer drops what they do not name.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const boolOrNull = { type: ['boolean', 'null'] } as const;
const seizureCounts = {
  type: 'object',
  required: ['items', 'pending', 'processing', 'done', 'error', 'knownExact', 'knownNear', 'new', 'duplicates'],
  additionalProperties: false,
  properties: { items: int, pending: int, processing: int, done: int, error: int, knownExact: int, knownNear: int, new: int, duplicates: int },
} as const;
export const seizureSchema = {
  type: 'object',
  required: [
    'id',
    'caseId',
    'label',
    'description',
    'status',
    'hashOnly',
    'ownerCountry',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'createdAt',
    'completedAt',
    'counts',
    'progress',
  ],
  additionalProperties: false,
  properties: {
    id: int,
    caseId: int,
    label: str,
    description: str,
    status: { type: 'string', enum: ['receiving', 'processing', 'complete'] },
    hashOnly: { type: 'boolean' },
    ownerCountry: str,
    ownerAgencyId: int,
    distribution: { type: 'string', enum: ['agency', 'country', 'countries', 'all'] },
    sharedWith: { type: 'array', items: str },
    createdAt: { type: 'string', format: 'date-time' },
    completedAt: { type: ['string', 'null'], format: 'date-time' },
    counts: seizureCounts,
    progress: { type: 'number', description: 'per cent of items finished' },
  },
} as const;
/** Who knows a match the caller may not see, and whom to contact. */
export const restrictedKnown = {
  type: 'object',
  required: ['restricted', 'ownerCountry', 'message'],
  additionalProperties: false,
  properties: { restricted: { type: 'boolean', const: true }, ownerCountry: str, message: str },
} as const;
const matchedSeries = {
  type: ['object', 'null'],
  required: ['id', 'number', 'name', 'ownerCountry'],
  additionalProperties: false,
  properties: { id: int, number: strOrNull, name: strOrNull, ownerCountry: strOrNull },
} as const;
const otherMatch = {
  anyOf: [
    restrictedKnown,
    {
      type: 'object',
      required: ['restricted', 'matchedMediaId', 'distance', 'stage', 'variant', 'ownerCountry', 'series', 'victimIdentified'],
      additionalProperties: false,
      properties: {
        restricted: { type: 'boolean', const: false },
        matchedMediaId: int,
        distance: { type: 'number' },
        stage: strOrNull,
        variant: strOrNull,
        ownerCountry: str,
        series: {
          type: ['object', 'null'],
          required: ['id', 'number', 'name'],
          additionalProperties: false,
          properties: { id: int, number: str, name: str },
        },
        victimIdentified: boolOrNull,
      },
    },
  ],
} as const;
export const knownMatch = {
  type: 'object',
  required: [
    'restricted',
    'matchedMediaId',
    'distance',
    'stage',
    'variant',
    'otherMatches',
    'ownerCountry',
    'series',
    'victimIdentified',
    'offenderIdentified',
  ],
  additionalProperties: false,
  properties: {
    restricted: { type: 'boolean', const: false },
    matchedMediaId: int,
    distance: { type: 'number' },
    stage: strOrNull,
    variant: strOrNull,
    rule: { type: 'string', description: 'robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs' },
    votes: numOrNull,
    minDistance: numOrNull,
    offset: numOrNull,
    // The evidence objects below are stored with the match (near.ts) and passed through: they are not closed, so a key
    // they gain is dropped by the serializer instead of failing this anyOf branch (which would answer 500).
    pairs: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['queryLevel', 'storedLevel', 'distance'],
        properties: { queryLevel: { type: 'number' }, storedLevel: { type: 'number' }, distance: { type: 'number' } },
      },
    },
    video: {
      type: 'object',
      description: 'vPDQ: how much of each video matched, and where',
      required: ['queryMatchPct', 'comparedMatchPct'],
      properties: {
        queryMatchPct: { type: 'number' },
        comparedMatchPct: numOrNull,
        matchedFrames: { type: 'number' },
        uniqueFrames: { type: 'number' },
        ranges: {
          type: 'array',
          items: {
            type: 'object',
            required: ['from', 'to', 'matchedFrom', 'matchedTo'],
            properties: { from: { type: 'number' }, to: { type: 'number' }, matchedFrom: { type: 'number' }, matchedTo: { type: 'number' } },
          },
        },
      },
    },
    partial: {
      type: 'object',
      description: "partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture",
      required: ['inliers', 'coverage', 'region', 'why'],
      additionalProperties: false,
      properties: {
        inliers: { type: 'number' },
        coverage: { type: 'number' },
        region: {
          type: ['array', 'null'],
          items: { type: 'number' },
          minItems: 4,
          maxItems: 4,
          description: '[x, y, width, height] in the known picture, in its 512-px work frame',
        },
        regionFrame: { type: ['array', 'null'], items: { type: 'number' }, description: "the known picture's work frame [width, height]" },
        why: { type: 'string' },
      },
    },
    inset: {
      type: 'object',
      description:
        "the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits",
      required: ['box', 'frame'],
      additionalProperties: false,
      properties: {
        box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: "[x, y, width, height] in the upload's pixels (upright)" },
        frame: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: "the upload's size [width, height]" },
      },
    },
    foundInVideo: {
      type: 'object',
      description: 'an image found in a known video: the frame and its time',
      required: ['timestampS'],
      properties: { frame: { type: 'number' }, timestampS: { type: 'number' } },
    },
    stillAt: {
      type: 'object',
      description: 'a video whose frame is a known image: the time of that frame',
      required: ['timestampS'],
      properties: { timestampS: numOrNull },
    },
    otherMatches: { type: 'array', items: otherMatch },
    ownerCountry: strOrNull,
    series: matchedSeries,
    victimIdentified: boolOrNull,
    offenderIdentified: boolOrNull,
  },
} as const;
const samePlace = {
  description: 'a new item showing the same scene as a known medium (place stage)',
  anyOf: [
    restrictedKnown,
    {
      type: 'object',
      required: ['restricted', 'matchedMediaId', 'inliers', 'why', 'coverage', 'ownerCountry', 'series', 'placeIds', 'message'],
      additionalProperties: false,
      properties: {
        restricted: { type: 'boolean', const: false },
        matchedMediaId: int,
        inliers: { type: 'number' },
        why: strOrNull,
        coverage: numOrNull,
        ownerCountry: strOrNull,
        series: matchedSeries,
        placeIds: { type: 'array', items: int },
        message: str,
      },
    },
  ],
} as const;
const triageItem = {
  type: 'object',
  required: ['itemId', 'path', 'kind', 'status', 'result', 'sha256', 'md5', 'note', 'error', 'mediaId', 'camera', 'known'],
  additionalProperties: false,
  properties: {
    itemId: int,
    path: str,
    kind: { type: 'string', enum: ['file', 'hash'] },
    status: { type: 'string', enum: ['pending', 'processing', 'done', 'error'] },
    result: { type: ['string', 'null'], enum: ['known_exact', 'known_near', 'new', null] },
    sha256: strOrNull,
    md5: strOrNull,
    note: { ...strOrNull, description: 'set on a duplicate inside the seizure' },
    error: {
      type: ['object', 'null'],
      required: ['reason', 'message'],
      additionalProperties: false,
      properties: { reason: strOrNull, message: strOrNull },
    },
    mediaId: { type: ['integer', 'null'] },
    camera: {
      type: ['object', 'null'],
      description: "EXIF camera of the item's medium (null: none recorded, or the owner's medium)",
      required: ['make', 'model'],
      additionalProperties: false,
      properties: { make: strOrNull, model: strOrNull },
    },
    known: { anyOf: [{ type: 'null' }, restrictedKnown, knownMatch] },
    samePlace,
  },
} as const;
const triagePage = {
  type: 'object',
  required: ['seizure', 'summary', 'items', 'nextAfterId'],
  additionalProperties: false,
  properties: { seizure: seizureSchema, summary: seizureCounts, items: { type: 'array', items: triageItem }, nextAfterId: { type: ['integer', 'null'] } },
} as const;

async function* multipartFiles(req: FastifyRequest): AsyncIterable<IncomingFile> {
  if (!req.isMultipart()) throw new BadRequestError('send the files as multipart/form-data (field name is free; archives are expanded)');
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    yield { name: part.filename || part.fieldname || 'unnamed', stream: part.file };
  }
}

export default async function seizureRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const seizures = ctx.services.seizures;
  const ingest = ctx.services.ingest;
  const triage = ctx.services.triage;

  // Hash lists arrive as CSV (parser scoped to this plugin), left as the request stream: parsed as it
  // arrives (hashCsvRows), never held whole. text/plain is not accepted (a cross-site form can send it).
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  app.post(
    '/cases/:id/seizures',
    {
      config: { action: 'seizure.create' },
      schema: {
        tags,
        summary: 'Register a seizure in a case of my agency',
        params: idParam,
        response: { 201: seizureSchema },
        body: {
          type: 'object',
          required: ['label'],
          additionalProperties: false,
          properties: {
            label: { type: 'string', minLength: 1, maxLength: 300 },
            description: { type: 'string', maxLength: 10000 },
            hashOnly: { type: 'boolean', description: 'material may not leave the country: only hashes are submitted' },
            ...distributionSchema,
          },
        },
      } as const,
    },
    async (req, reply) => reply.status(201).send(await seizures.create(who(req), req.params.id, req.body)),
  );

  app.get(
    '/cases/:id/seizures',
    {
      config: { action: 'seizure.list' },
      schema: {
        tags,
        summary: 'Seizures of a case',
        params: idParam,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
        },
        response: {
          200: { type: 'object', required: ['seizures'], additionalProperties: false, properties: { seizures: { type: 'array', items: seizureSchema } } },
        },
      } as const,
    },
    async (req) => ({ seizures: await seizures.list(who(req), req.params.id, req.query) }),
  );

  app.get(
    '/seizures/:id',
    {
      config: { action: 'seizure.read' },
      schema: { tags, summary: 'A seizure: status, counts, progress', params: idParam, response: { 200: seizureSchema } } as const,
    },
    async (req) => seizures.get(who(req), req.params.id),
  );

  app.post(
    '/seizures/:id/files',
    {
      config: { action: 'seizure.upload' },
      schema: {
        tags,
        summary: 'Upload files and zip/tar archives (multipart, streamed; re-sending held files is a no-op)',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 200: uploadSummary },
      } as const,
    },
    async (req) =>
      ingest.addFiles(who(req), req.params.id, multipartFiles(req), undefined, {
        connectionLost: () => !req.raw.complete && (req.raw.destroyed || req.raw.socket?.destroyed === true),
      }),
  );

  app.post(
    '/seizures/:id/hashes',
    {
      config: { action: 'seizure.hashes' },
      bodyLimit: HASH_JSON_LIMIT,
      schema: {
        tags,
        summary: `Submit hashes only: CSV (text/csv, streamed, up to ${HASH_CSV_LIMIT / 1024 ** 2} MiB) with an md5/sha1/sha256/pdq[/name] header, or a JSON array`,
        params: idParam,
        consumes: ['text/csv', 'application/json'],
        body: {
          content: {
            'application/json': {
              schema: {
                type: 'array',
                maxItems: 1_000_000,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    name: { type: 'string', maxLength: 1000 },
                    md5: { type: 'string' },
                    sha1: { type: 'string' },
                    sha256: { type: 'string' },
                    pdq: { type: 'string' },
                  },
                },
              },
            },
            'text/csv': { schema: {} },
          },
        } as never,
        response: { 200: uploadSummary },
      } as const,
    },
    async (req) => {
      // The body schema is per content type (`as never` above), so it gives no type: the CSV stream or the JSON rows.
      const body = req.body as Readable | Array<Record<string, unknown>>;
      const rows = Array.isArray(body) ? body : hashCsvRows(body, HASH_CSV_LIMIT);
      return ingest.addHashes(who(req), req.params.id, rows);
    },
  );

  app.get(
    '/seizures/:id/triage',
    {
      config: { action: 'seizure.triage' },
      schema: {
        tags,
        summary: 'Triage: each item known (exact/near, with series and identification) / new / error; redacted per owner distribution',
        params: idParam,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQuery,
            format: { type: 'string', enum: ['json', 'csv'] },
            all: { type: 'boolean', description: 'every item in one answer (export)' },
            result: { type: 'string', enum: ['known_exact', 'known_near', 'new'] },
            status: { type: 'string', enum: ['pending', 'processing', 'done', 'error'] },
          },
        },
        response: { 200: triagePage },
      } as const,
    },
    async (req, reply) => {
      const { format, all, ...q } = req.query;
      if (format === 'csv') {
        const r = await triage.exportAll(who(req), req.params.id, q);
        return (
          reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="seizure-${req.params.id}-triage.csv"`)
            // A string with a non-JSON content type is sent as is (the 200 schema serializes the JSON answer only).
            .send(triageCsv(r.items) as never)
        );
      }
      if (all) {
        const r = await triage.exportAll(who(req), req.params.id, q);
        return { seizure: r.seizure, summary: r.seizure.counts, items: r.items, nextAfterId: null };
      }
      return triage.read(who(req), req.params.id, q);
    },
  );
}
