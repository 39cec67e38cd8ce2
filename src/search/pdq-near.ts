// PDQ near search. Preferred: the live in-memory index of the match service (ctx.matcher). Fallback: the
// chunk index of migrations/005 (multi-index hashing) gives a bounded candidate set, complete up to
// distance 15; the exact Hamming distance is computed here on those candidates only.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';

export interface NearSource {
  near(hashes: string[], threshold?: number): Promise<Array<{ mediaId: number; distance: number }>>;
}
export interface NearResult {
  hits: Array<{ mediaId: number; distance: number }>;
  method: 'index' | 'chunk-fallback';
  complete: boolean;
  candidates: number;
}

/** Exactly complete below this distance: 16 chunks, so a hash within 15 bits shares at least one chunk. */
export const CHUNK_COMPLETE_DISTANCE = 15;
export const FALLBACK_CANDIDATE_CAP = 5000;

const POP4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];
export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) d += POP4[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
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
  const rows = (
    await sql<{ id: number; pdq: string }>`SELECT m.id, m.pdq FROM media m
    WHERE m.pdq IS NOT NULL AND pdq_chunks(m.pdq) && pdq_chunks(${q}) ${visible ? sql`AND ${visible}` : sql``} LIMIT ${FALLBACK_CANDIDATE_CAP}`.execute(db)
  ).rows;
  const hits = rows
    .map((r) => ({ mediaId: r.id, distance: hamming(q, r.pdq.toLowerCase()) }))
    .filter((h) => h.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.mediaId - b.mediaId);
  return { hits, method: 'chunk-fallback', complete: maxDistance <= CHUNK_COMPLETE_DISTANCE && rows.length < FALLBACK_CANDIDATE_CAP, candidates: rows.length };
}
