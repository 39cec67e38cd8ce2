// Route schema pieces shared by the series and entity routes (a module of their own, so entity-routes.ts
// does not import routes.ts, which registers it).
export const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
export const pageQuery = { afterId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 500 } } as const;

// Response schemas: they document the answers in /openapi.json (web/src/api-types.ts is generated from it) and
// Fastify serialises with them, so every property the presenters return is listed (an unlisted one is dropped).
const nullable = (type: string) => ({ type: [type, 'null'] }) as const;

/** presentVotes (categorisation.ts). */
export const votesResponse = {
  type: 'object',
  required: ['consensus', 'consensusLabel', 'status', 'rule', 'tally', 'myVote', 'votes'],
  additionalProperties: false,
  properties: {
    consensus: nullable('integer'),
    consensusLabel: nullable('string'),
    status: { type: 'string', enum: ['pending', 'agreed'] },
    rule: { type: 'string' },
    tally: { type: 'object', additionalProperties: { type: 'integer' } },
    myVote: nullable('integer'),
    votes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['category', 'country', 'mine', 'analyst', 'at'],
        additionalProperties: false,
        properties: {
          category: { type: 'integer' },
          country: { type: 'string' },
          mine: { type: 'boolean' },
          analyst: nullable('string'),
          at: { type: 'string' },
        },
      },
    },
  },
} as const;

export const seriesProperties = {
  id: { type: 'integer' },
  number: { type: 'string' },
  name: { type: 'string' },
  description: { type: 'string' },
  status: { type: 'string', enum: ['active', 'closed'] },
  caseId: nullable('integer'),
  baseline: { type: 'boolean' },
  ownerCountry: { type: 'string' },
  ownerAgencyId: { type: 'integer' },
  distribution: { type: 'string' },
  sharedWith: { type: 'array', items: { type: 'string' } },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
} as const;

/** presentSeries (service.ts), with the counts of GET /series/{id}. */
export const seriesResponse = {
  type: 'object',
  required: [
    'id',
    'number',
    'name',
    'description',
    'status',
    'caseId',
    'baseline',
    'ownerCountry',
    'ownerAgencyId',
    'distribution',
    'sharedWith',
    'createdAt',
    'updatedAt',
    'counts',
  ],
  additionalProperties: false,
  properties: {
    ...seriesProperties,
    counts: {
      type: 'object',
      required: ['media', 'victims', 'victimsIdentified', 'victimsRescued', 'offenders', 'offendersIdentified', 'places'],
      additionalProperties: false,
      properties: {
        media: { type: 'integer' },
        victims: { type: 'integer' },
        victimsIdentified: { type: 'integer' },
        victimsRescued: { type: 'integer' },
        offenders: { type: 'integer' },
        offendersIdentified: { type: 'integer' },
        places: { type: 'integer' },
      },
    },
  },
} as const;

/** presentMediaSummary (mediainfo/repository.ts). */
export const mediaSummary = {
  type: 'object',
  required: [
    'id',
    'sha256',
    'md5',
    'sha1',
    'pdq',
    'mediaType',
    'format',
    'width',
    'height',
    'seriesId',
    'category',
    'hashOnly',
    'cameraMake',
    'cameraModel',
    'capturedAt',
    'ownerCountry',
    'thumbnail',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    sha256: { type: 'string' },
    md5: nullable('string'),
    sha1: nullable('string'),
    pdq: nullable('string'),
    mediaType: { type: 'string', enum: ['image', 'video'] },
    format: nullable('string'),
    width: nullable('integer'),
    height: nullable('integer'),
    seriesId: nullable('integer'),
    category: nullable('integer'),
    hashOnly: { type: 'boolean' },
    cameraMake: nullable('string'),
    cameraModel: nullable('string'),
    capturedAt: nullable('string'),
    ownerCountry: { type: 'string' },
    thumbnail: nullable('string'),
  },
} as const;

/** GET /series/{id}/media: a keyset page. */
export const mediaPageResponse = {
  type: 'object',
  required: ['media', 'nextAfterId'],
  additionalProperties: false,
  properties: { media: { type: 'array', items: mediaSummary }, nextAfterId: nullable('integer') },
} as const;

/** POST /series/{id}/media: what became of each medium asked for (service.ts AssignResult). */
export const assignResponse = {
  type: 'object',
  required: ['assigned', 'unchanged', 'refused'],
  additionalProperties: false,
  properties: {
    assigned: { type: 'array', items: { type: 'integer' } },
    unchanged: { type: 'array', items: { type: 'integer' }, description: 'already in this series' },
    refused: {
      type: 'array',
      items: {
        type: 'object',
        required: ['mediaId', 'reason'],
        additionalProperties: false,
        properties: { mediaId: { type: 'integer' }, reason: { type: 'string', enum: ['not_found', 'in_other_series', 'not_owner'] } },
      },
    },
  },
} as const;
