// SQL of the search module. The one SQL PDQ distance path (search and the HMA API both use it when no live
// index answers): the chunk index of migrations/005 (multi-index hashing) gives a bounded candidate set,
// complete up to distance 15; the exact Hamming distance (matching/code.ts) is computed here on those only.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import { hammingHex } from '../matching/code.js';

/** Exactly complete below this distance: 16 chunks, so a hash within 15 bits shares at least one chunk. */
export const CHUNK_COMPLETE_DISTANCE = 15;
export const FALLBACK_CANDIDATE_CAP = 5000;

export interface SqlNearResult {
  /** Media within maxDistance, nearest first (ties by id). */
  hits: Array<{ mediaId: number; distance: number }>;
  /** Rows the chunk index proposed (at most FALLBACK_CANDIDATE_CAP). */
  candidates: number;
  /** True when no medium within maxDistance can be missing. */
  complete: boolean;
}

/** Media near `pdq` by the SQL chunk index. `visible`: SQL over media `m` the caller may see. */
export async function mediaPdqNear(db: Executor, pdq: string, maxDistance: number, visible?: Expression<SqlBool>): Promise<SqlNearResult> {
  const q = pdq.toLowerCase();
  const rows = (
    await sql<{ id: number; pdq: string }>`SELECT m.id, m.pdq FROM media m
    WHERE m.pdq IS NOT NULL AND pdq_chunks(m.pdq) && pdq_chunks(${q}) ${visible ? sql`AND ${visible}` : sql``} LIMIT ${FALLBACK_CANDIDATE_CAP}`.execute(db)
  ).rows;
  const hits = rows
    .map((r) => ({ mediaId: r.id, distance: hammingHex(q, r.pdq) }))
    .filter((h) => h.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.mediaId - b.mediaId);
  return { hits, candidates: rows.length, complete: maxDistance <= CHUNK_COMPLETE_DISTANCE && rows.length < FALLBACK_CANDIDATE_CAP };
}
