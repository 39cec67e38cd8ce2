// Shapes of the API answers the pages use: generated from /openapi.json (api-types.ts, `npm run web:api-types`) where
// the route declares its response schema, declared here where it does not yet.
import type { paths } from './api-types.js';
/** A medium in a list (GET /series/{id}/media). */
export type MediaSummary = paths['/api/v1/series/{id}/media']['get']['responses'][200]['content']['application/json']['media'][number];

/** GET /series/{id}; lists of series (GET /series) have no counts. */
export type Series = Omit<SeriesDetail, 'counts'> & { counts?: SeriesDetail['counts'] };
type SeriesDetail = paths['/api/v1/series/{id}']['get']['responses'][200]['content']['application/json'];

/** A victim, offender or place (GET /victims/{id} and the like; the kind's fields are optional in the schema). */
export type Entity = paths['/api/v1/victims/{id}']['get']['responses'][200]['content']['application/json'];

export const VICS: Record<number, string> = {
  0: 'non-pertinent',
  1: 'child abuse material',
  2: 'exploitive / age difficult',
  3: 'CGI / animation',
  4: 'comparison',
};

/** GET and PUT /media/{id}/category. */
export type Votes = paths['/api/v1/media/{id}/category']['get']['responses'][200]['content']['application/json'];
