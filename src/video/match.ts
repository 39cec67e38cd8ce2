// vPDQ matching (pure). Videos are unordered bags of frame hashes: frames below the quality filter are
// ignored, duplicates (same hash) count once, and a frame matches when some frame of the other video
// is within the PDQ distance. Query-match % = share of the query's unique frames matched in the other
// video; compared-match % = the same from the other side. A pair matches when both shares reach their
// thresholds (default: query ≥ 80 %, compared ≥ 0 %).
//
// Crops: PDQ alone is not crop-tolerant (a 5 % crop moves a frame 38–72 bits). Frames hashed by
// hashVideo carry `cropHashes` (PDQ of centre crops at 95 % and 90 %); two frames match when ANY hash
// of one (full or crop) is within the distance of ANY hash of the other, so a copy cropped by up to
// ~10 % matches its original whichever of the two is the query. Frames without crop hashes (parsed
// from the reference text format) compare by their full hash only, exactly as the reference does.
//
// Note on the reference: the README states `distance <= D`; the C++ matcher tests `< D`. We follow
// the documented `<=` (frame match at distance ≤ 31), the same rule as PDQ image matching here.

import { pdqToWords, pdqWordsDistance } from '../hashing/index.js';

export const VPDQ_MAX_DISTANCE = 31;
export const VPDQ_MIN_QUALITY = 50;

export interface VpdqMatchOptions {
  /** Frame match distance, inclusive (default 31). */
  maxDistance?: number;
  /** Frames below this quality are ignored on both sides (default 50). */
  minQuality?: number;
  /** Required query-match %, 0..100 (default 80). */
  queryThreshold?: number;
  /** Required compared-match %, 0..100 (default 0). */
  comparedThreshold?: number;
}

/** Anything carrying a PDQ hash; quality is optional (absent = trusted, e.g. stored frames already filtered). */
export interface FrameLike {
  hash: string;
  /** PDQ of centre crops of the frame (hashVideo's cropHashes); optional. */
  cropHashes?: readonly string[];
  quality?: number;
  frame?: number;
  timestamp?: number;
}

export interface VideoMatchScore {
  /** % of the query's unique frames with a match in the other video (0 when the query has none). */
  queryMatchPct: number;
  /** % of the other video's unique frames with a match in the query; null when its size is unknown. */
  comparedMatchPct: number | null;
  queryUniqueFrames: number;
  comparedUniqueFrames: number | null;
  queryMatchedFrames: number;
  comparedMatchedFrames: number;
  isMatch: boolean;
}

function resolved(o: VpdqMatchOptions) {
  return {
    maxDistance: o.maxDistance ?? VPDQ_MAX_DISTANCE,
    minQuality: o.minQuality ?? VPDQ_MIN_QUALITY,
    queryThreshold: o.queryThreshold ?? 80,
    comparedThreshold: o.comparedThreshold ?? 0,
  };
}

/** Frames at or above the quality filter, one per distinct hash (first occurrence kept), hashes lower-cased. */
export function uniqueFrames<T extends FrameLike>(frames: readonly T[], minQuality = VPDQ_MIN_QUALITY): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const f of frames) {
    if (f.quality !== undefined && f.quality < minQuality) continue;
    const h = f.hash.toLowerCase();
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(f);
  }
  return out;
}

/** The full hash then the crop hashes of a frame, lower-cased. */
function allHashes(f: FrameLike): string[] {
  return f.cropHashes?.length ? [f.hash.toLowerCase(), ...f.cropHashes.map((h) => h.toLowerCase())] : [f.hash.toLowerCase()];
}

function anyWithin(a: Uint32Array[], b: Uint32Array[], d: number): boolean {
  for (const x of a) for (const y of b) if (pdqWordsDistance(x, y) <= d) return true;
  return false;
}

const pct = (n: number, d: number): number => (d > 0 ? (n * 100) / d : 0);

function verdict(q: number, c: number | null, o: ReturnType<typeof resolved>): boolean {
  return q > 0 && q >= o.queryThreshold && (c === null ? o.comparedThreshold <= 0 : c > 0 && c >= o.comparedThreshold);
}

/** Pairwise vPDQ comparison (reference matchTwoHashBrute, with the README's inclusive distance). */
export function matchVideos(query: readonly FrameLike[], compared: readonly FrameLike[], options: VpdqMatchOptions = {}): VideoMatchScore {
  const o = resolved(options);
  const words = (f: FrameLike) => allHashes(f).map(pdqToWords);
  const q = uniqueFrames(query, o.minQuality).map(words);
  const c = uniqueFrames(compared, o.minQuality).map(words);
  const cMatched = new Uint8Array(c.length);
  let qMatched = 0;
  for (const qw of q) {
    let hit = false;
    for (let j = 0; j < c.length; j++) {
      // Every compared frame is visited once per query frame anyway, so both sides are marked in one pass.
      if (anyWithin(qw, c[j]!, o.maxDistance)) {
        hit = true;
        cMatched[j] = 1;
      }
    }
    if (hit) qMatched++;
  }
  let cCount = 0;
  for (const m of cMatched) cCount += m;
  const queryMatchPct = pct(qMatched, q.length);
  const comparedMatchPct = pct(cCount, c.length);
  return {
    queryMatchPct,
    comparedMatchPct,
    queryUniqueFrames: q.length,
    comparedUniqueFrames: c.length,
    queryMatchedFrames: qMatched,
    comparedMatchedFrames: cCount,
    isMatch: verdict(queryMatchPct, comparedMatchPct, o),
  };
}

/** One near neighbour from the match index: a stored frame (or a still image, frame 0) of some media. */
export interface IndexFrameHit {
  mediaId: number;
  /** Frame number within that media (0 for a still image). */
  frame: number;
  distance: number;
  /** The stored hash, when the index returns it: lets duplicate frames of the candidate count once. */
  hash?: string;
  timestamp?: number;
}

/** Index lookup: every stored frame within `maxDistance` of `pdq` (a radius search, not top-k). */
export type FrameLookup = (pdq: string, maxDistance: number) => readonly IndexFrameHit[] | Promise<readonly IndexFrameHit[]>;

/** Unique (quality-filtered, de-duplicated) frame counts of candidate media, for compared-match %. */
export type CandidateFrameCounts = (mediaIds: number[]) => ReadonlyMap<number, number> | Promise<ReadonlyMap<number, number>>;

export interface FramePairing {
  /** Query frame number and timestamp (when the query frames carry them). */
  queryFrame: number | undefined;
  queryTimestamp: number | undefined;
  frame: number;
  timestamp: number | undefined;
  distance: number;
}

export interface CandidateVideoMatch extends VideoMatchScore {
  mediaId: number;
  bestDistance: number;
  /** Best pairing per matched query frame, in query order: where the candidate's content appears. */
  pairings: FramePairing[];
}

/**
 * vPDQ against the match index: look every unique query frame up (full and crop hashes), group the hits by media, score
 * each candidate as matchVideos would. Exact when `lookup` returns every stored frame within
 * maxDistance. Without `frameCounts`, comparedMatchPct is null and only the query side decides.
 * Sorted: matches first, then by query-match %, then best distance.
 */
export async function matchVideoAgainstIndex(
  query: readonly FrameLike[],
  lookup: FrameLookup,
  options: VpdqMatchOptions & { frameCounts?: CandidateFrameCounts; excludeMediaId?: number } = {},
): Promise<CandidateVideoMatch[]> {
  const o = resolved(options);
  const q = uniqueFrames(query, o.minQuality);
  type Acc = { matchedQuery: Set<number>; matchedFrames: Set<string>; best: number; pairings: Map<number, FramePairing> };
  const byMedia = new Map<number, Acc>();
  for (let i = 0; i < q.length; i++) {
    const qf = q[i]!;
    // Full and crop hashes of the query frame; a stored frame found by several counts once (matchedFrames keys).
    const hashes = allHashes(qf);
    const hits = hashes.length === 1 ? await lookup(hashes[0]!, o.maxDistance) : (await Promise.all(hashes.map((h) => lookup(h, o.maxDistance)))).flat();
    for (const h of hits) {
      if (h.distance > o.maxDistance || h.mediaId === options.excludeMediaId) continue;
      let acc = byMedia.get(h.mediaId);
      if (!acc) byMedia.set(h.mediaId, (acc = { matchedQuery: new Set(), matchedFrames: new Set(), best: Infinity, pairings: new Map() }));
      acc.matchedQuery.add(i);
      acc.matchedFrames.add(h.hash ? 'h' + h.hash.toLowerCase() : 'f' + h.frame);
      acc.best = Math.min(acc.best, h.distance);
      const prev = acc.pairings.get(i);
      if (!prev || h.distance < prev.distance) {
        acc.pairings.set(i, { queryFrame: qf.frame, queryTimestamp: qf.timestamp, frame: h.frame, timestamp: h.timestamp, distance: h.distance });
      }
    }
  }
  const ids = [...byMedia.keys()];
  const counts = options.frameCounts && ids.length ? await options.frameCounts(ids) : null;
  const out: CandidateVideoMatch[] = [];
  for (const [mediaId, acc] of byMedia) {
    const total = counts?.get(mediaId);
    const comparedUnique = total !== undefined ? Math.max(total, acc.matchedFrames.size) : null;
    const queryMatchPct = pct(acc.matchedQuery.size, q.length);
    const comparedMatchPct = comparedUnique !== null ? pct(acc.matchedFrames.size, comparedUnique) : null;
    out.push({
      mediaId,
      queryMatchPct,
      comparedMatchPct,
      queryUniqueFrames: q.length,
      comparedUniqueFrames: comparedUnique,
      queryMatchedFrames: acc.matchedQuery.size,
      comparedMatchedFrames: acc.matchedFrames.size,
      isMatch: verdict(queryMatchPct, comparedMatchPct, o),
      bestDistance: acc.best,
      pairings: [...acc.pairings.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p),
    });
  }
  out.sort((a, b) => Number(b.isMatch) - Number(a.isMatch) || b.queryMatchPct - a.queryMatchPct || a.bestDistance - b.bestDistance || a.mediaId - b.mediaId);
  return out;
}
