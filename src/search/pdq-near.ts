// PDQ near search. Preferred: the live in-memory index of the match service (ctx.matcher). Fallback: the SQL
// chunk index (mediaPdqNear in ./repository.ts), complete up to distance 15.
import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { mediaPdqNear } from './repository.js';

export interface NearSource {
  near(hashes: string[], threshold?: number): Promise<Array<{ mediaId: number; distance: number }>>;
}
export interface NearResult {
  hits: Array<{ mediaId: number; distance: number }>;
  method: 'index' | 'chunk-fallback';
  complete: boolean;
  candidates: number;
}

/** `visible`: SQL over media `m` the caller may see; the fallback's candidates and completeness then depend on nothing else. */
export async function nearPdq(
  db: Executor,
  source: NearSource | undefined,
  pdq: string,
  maxDistance: number,
  visible?: Expression<SqlBool>,
): Promise<NearResult> {
  const q = pdq.toLowerCase();
  if (source) {
    const hits = await source.near([q], maxDistance);
    return { hits: hits.map((h) => ({ mediaId: h.mediaId, distance: h.distance })), method: 'index', complete: true, candidates: hits.length };
  }
  return { ...(await mediaPdqNear(db, q, maxDistance, visible)), method: 'chunk-fallback' };
}
