// Near matching of one item against the live indexes (ctx.matcher), turned into candidates that
// processing.ts judges in one place (another seizure's medium → known-near + deconfliction; the
// seizure's own → a near-duplicate note), so redaction and deconfliction are the same for every stage.
//  - image: PDQ (8 dihedral variants) against stills and against video frames ("found inside video X at t");
//  - image, second stage (when PDQ found nothing from another seizure): the crop/border-robust index;
//  - image, third stage (when neither did): a partial copy by local features (a region of a known picture
//    cropped off-centre, rotated, framed, in a collage or an inset, under a logo: src/places verifies it);
//  - video: vPDQ against the frame index (query-match ≥ 80 %), and stills found among its frames.
import { mergeVariantHits } from '../imaging/exif-dihedral.js';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Trx } from '../db/types.js';
import type { RobustMatch, RobustQuery } from '../robust/index.js';
import { matchVideoAgainstIndex, uniqueFrames, VPDQ_MAX_DISTANCE, type FramePairing, type IndexFrameHit, type VideoFrameHash } from '../video/index.js';
import type { ItemRow, ItemResult, SeizureRow } from './tables.js';
import type { CandidateMedium } from './repository-processing.js';
import { pdqDistance } from '../hashing/index.js';
import { NEAR_THRESHOLD } from '../matchservice/matcher.js';
import { isPartialCopy, type PlaceHit } from '../places/index.js';

export const VARIANTS = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipx', 'flipy', 'flipPlus1', 'flipMinus1'];

/** One matched medium with the evidence stored on the item (`match`) and a phrase for in-seizure notes. */
export interface Candidate {
  mediaId: number;
  distance: number;
  match: Record<string, unknown>;
  why: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

interface FrameRow {
  id: number;
  media_id: number;
  frame: number;
  timestamp_s: number;
  pdq: string;
}

async function frameRows(trx: Trx, ids: number[]): Promise<Map<number, FrameRow>> {
  const out = new Map<number, FrameRow>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await trx
      .selectFrom('media_frames')
      .select(['id', 'media_id', 'frame', 'timestamp_s', 'pdq'])
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** PDQ candidates of a still image: known stills first (by distance), then video frames (best frame per video). */
export async function imageCandidates(ctx: AppContext, trx: Trx, hashes: string[], upright?: string | null): Promise<Candidate[]> {
  const hits = mergeVariantHits(await ctx.matcher.near(hashes), upright ? await ctx.matcher.near([upright]) : []);
  const out: Candidate[] = hits.map((h) => ({
    mediaId: h.mediaId,
    distance: h.distance,
    why: `PDQ distance ${h.distance}`,
    match: { mediaId: h.mediaId, distance: h.distance, stage: 'pdq', variant: h.variant },
  }));
  const frameHits = await ctx.matcher.nearFrames(hashes);
  if (!frameHits.length) return out;
  const rows = await frameRows(trx, [...new Set(frameHits.map((h) => h.frameRowId))].slice(0, 5000));
  const best = new Map<number, Candidate>();
  for (const h of frameHits) {
    const r = rows.get(h.frameRowId);
    if (!r) continue;
    const cur = best.get(r.media_id);
    if (cur && cur.distance <= h.distance) continue;
    const at = round2(r.timestamp_s);
    best.set(r.media_id, {
      mediaId: r.media_id,
      distance: h.distance,
      why: `found in that video at ${at} s, PDQ distance ${h.distance}`,
      match: {
        mediaId: r.media_id,
        distance: h.distance,
        stage: 'pdq',
        variant: VARIANTS[h.variant] ?? 'original',
        inVideo: { frame: r.frame, timestampS: at },
      },
    });
  }
  return [...out, ...[...best.values()].sort((a, b) => a.distance - b.distance)];
}

/** Why a crop/border match matched, in words. */
function robustWhy(m: RobustMatch): string {
  const r = m.queryInset;
  const where = r ? ` inside this picture (${r.width}×${r.height} at ${r.x},${r.y})` : '';
  if (m.stage === 'region') return `${m.votes} crop levels agree${where}`;
  return r ? `the same picture${where}` : 'same picture inside a border';
}

/** Crop/border-robust candidates (src/robust): the stage, rule and agreeing levels say why it matched. */
export async function robustCandidates(ctx: AppContext, q: RobustQuery): Promise<Candidate[]> {
  return (await ctx.matcher.robust(q)).slice(0, 50).map((m) => ({
    mediaId: m.media,
    distance: m.minDistance,
    why: `${robustWhy(m)}, distance ${m.minDistance}`,
    match: {
      mediaId: m.media,
      distance: m.minDistance,
      stage: m.stage,
      rule: m.rule,
      variant: m.variant,
      votes: m.votes,
      minDistance: m.minDistance,
      meanDistance: m.meanDistance,
      offset: m.offset,
      queryBase: m.queryBase,
      storedBase: m.storedBase,
      // Where the known picture sits in the upload (a picture pasted into this one), in the upload's frame.
      ...(m.queryInset && q.frame
        ? { inset: [m.queryInset.x, m.queryInset.y, m.queryInset.width, m.queryInset.height], insetFrame: [q.frame.width, q.frame.height] }
        : {}),
      pairs: m.pairs,
    },
  }));
}

/** The place stage's verified hits that share pixels with the item, not only a scene (a partial copy). The
 * distance is the inliers' mean descriptor distance (of 256 bits); the region is where it sits in the known picture. */
export function partialCopyCandidates(hits: readonly PlaceHit[]): Candidate[] {
  return hits
    .filter((h) => isPartialCopy(h.verification))
    .map((h) => {
      const v = h.verification;
      const distance = Math.round(v.inlierDistance);
      const share = Math.round(v.coverage * 100);
      const why = `partial copy: ${v.inliers} matching points with near-identical descriptors (mean ${distance} of 256 bits) in one region, ${share} % of the picture`;
      return {
        mediaId: h.id,
        distance,
        why,
        match: {
          mediaId: h.id,
          distance,
          stage: 'partial',
          inliers: v.inliers,
          coverage: round2(v.coverage),
          region: v.region?.map(Math.round) ?? null,
          regionFrame: v.frame,
          why,
        },
      };
    });
}

/** Whether some candidate belongs to another seizure (then the second stage is not needed). */
export async function hasOutside(trx: Trx, seizure: SeizureRow, candidates: Candidate[]): Promise<boolean> {
  if (!candidates.length) return false;
  const r = await trx
    .selectFrom('media')
    .select('id')
    .where('id', 'in', [...new Set(candidates.map((c) => c.mediaId))].slice(0, 50))
    .where((eb) => eb.or([eb('first_seizure_id', 'is', null), eb('first_seizure_id', '<>', seizure.id)]))
    .limit(1)
    .execute();
  return r.length > 0;
}

/** Consecutive matched query frames (gap ≤ 1.5 sampling steps) as time ranges, in both videos. */
export function matchedRanges(pairings: FramePairing[], stepS = 1): Array<{ from: number; to: number; matchedFrom: number; matchedTo: number }> {
  const ps = pairings.filter((p) => p.queryTimestamp !== undefined).sort((a, b) => a.queryTimestamp! - b.queryTimestamp!);
  const out: Array<{ from: number; to: number; matchedFrom: number; matchedTo: number }> = [];
  for (const p of ps) {
    const q = p.queryTimestamp!;
    const t = p.timestamp ?? 0;
    const last = out[out.length - 1];
    if (last && q - last.to <= stepS * 1.5) {
      last.to = q;
      last.matchedFrom = Math.min(last.matchedFrom, t);
      last.matchedTo = Math.max(last.matchedTo, t);
    } else out.push({ from: q, to: q, matchedFrom: t, matchedTo: t });
  }
  return out.map((r) => ({ from: round2(r.from), to: round2(r.to), matchedFrom: round2(r.matchedFrom), matchedTo: round2(r.matchedTo) }));
}

/** vPDQ candidates of a video: videos sharing ≥ 80 % of its unique frames, then known stills seen among its frames. */
export async function videoCandidates(ctx: AppContext, trx: Trx, frames: VideoFrameHash[], stepS = 1): Promise<Candidate[]> {
  // Index lookups first (in memory), then one batched read of the frame rows they point to.
  const raw = new Map<string, { stills: Array<{ mediaId: number; distance: number }>; frames: Array<{ frameRowId: number; distance: number }> }>();
  // Full and crop hashes of each frame (matchVideoAgainstIndex looks all of them up), against stored frames'
  // full and crop hashes (so cropped copies match either way round) and against stills.
  for (const f of uniqueFrames(frames)) {
    for (const h of [f.hash, ...(f.cropHashes ?? [])].map((x) => x.toLowerCase())) {
      if (raw.has(h)) continue;
      raw.set(h, { stills: await ctx.matcher.near([h], VPDQ_MAX_DISTANCE), frames: await ctx.matcher.nearFrames([h], VPDQ_MAX_DISTANCE, { withCrops: true }) });
    }
  }
  const rows = await frameRows(trx, [...new Set([...raw.values()].flatMap((r) => r.frames.map((x) => x.frameRowId)))]);
  const lookup = (pdq: string): IndexFrameHit[] => {
    const r = raw.get(pdq);
    if (!r) return [];
    const out: IndexFrameHit[] = r.stills.map((s) => ({ mediaId: s.mediaId, frame: 0, distance: s.distance }));
    for (const x of r.frames) {
      const row = rows.get(x.frameRowId);
      if (row) out.push({ mediaId: row.media_id, frame: row.frame, distance: x.distance, hash: row.pdq, timestamp: row.timestamp_s });
    }
    return out;
  };
  const frameCounts = async (ids: number[]) => {
    const r = await sql<{
      media_id: number;
      n: number;
    }>`SELECT media_id, count(DISTINCT pdq)::int AS n FROM media_frames WHERE media_id = ANY(${ids}::int[]) GROUP BY media_id`.execute(trx);
    const m = new Map<number, number>(ids.map((id) => [id, 1])); // a still is one frame
    for (const x of r.rows) m.set(x.media_id, x.n);
    return m;
  };
  const scored = await matchVideoAgainstIndex(frames, lookup, { frameCounts });
  if (!scored.length) return [];
  const types = new Map(
    (
      await trx
        .selectFrom('media')
        .select(['id', 'media_type'])
        .where(
          'id',
          'in',
          scored.map((s) => s.mediaId),
        )
        .execute()
    ).map((r) => [r.id, r.media_type]),
  );
  const videos: Candidate[] = [];
  const stills: Candidate[] = [];
  for (const s of scored) {
    const type = types.get(s.mediaId);
    if (type === 'video' && s.isMatch) {
      const q = Math.round(s.queryMatchPct * 10) / 10;
      const c = s.comparedMatchPct === null ? null : Math.round(s.comparedMatchPct * 10) / 10;
      videos.push({
        mediaId: s.mediaId,
        distance: s.bestDistance,
        why: `vPDQ: ${q} % of its frames`,
        match: {
          mediaId: s.mediaId,
          distance: s.bestDistance,
          stage: 'vpdq',
          video: {
            queryMatchPct: q,
            comparedMatchPct: c,
            matchedFrames: s.queryMatchedFrames,
            uniqueFrames: s.queryUniqueFrames,
            ranges: matchedRanges(s.pairings, stepS),
          },
        },
      });
    } else if (type === 'image') {
      const p = [...s.pairings].sort((a, b) => a.distance - b.distance)[0];
      const at = p?.queryTimestamp !== undefined ? round2(p.queryTimestamp) : null;
      stills.push({
        mediaId: s.mediaId,
        distance: s.bestDistance,
        why: `a frame at ${at ?? '?'} s is that image, PDQ distance ${s.bestDistance}`,
        match: { mediaId: s.mediaId, distance: s.bestDistance, stage: 'pdq', variant: 'original', stillAt: { timestampS: at } },
      });
    }
  }
  return [...videos, ...stills.sort((a, b) => a.distance - b.distance)];
}

/** An image already decided in the same processing batch (not yet in the live index). */
export interface BatchPeer {
  itemId: number;
  pdq: string;
}

export interface Verdict {
  result: ItemResult;
  match: Record<string, unknown> | null;
  note: string | null;
  outside: boolean;
  nearItemId?: number;
}

const NEAR_NOTE = (itemId: number, why: string) => `near-duplicate of item ${itemId} in this seizure (${why})`;

/** A row change a verdict asks for; the caller writes it (processing.ts, through repository-processing.ts). */
export type VerdictChange =
  /** Deconfliction with the series of this medium (recordDeconfliction). */
  | { kind: 'deconfliction'; mediaId: number }
  /** A near-duplicate note on another item of the seizure; see processingRepo.setNearNote for the conditions. */
  | { kind: 'note'; itemId: number; note: string; nearItemId: number | null; ifNoLowerThan?: number };

export interface Judgement {
  verdict: Verdict;
  changes: VerdictChange[];
}

/** The media judgeCandidates needs read (processingRepo.candidateMedia): the first 50 distinct candidates. */
export const judgedMediaIds = (candidates: Candidate[]): number[] => [...new Set(candidates.map((c) => c.mediaId))].slice(0, 50);

/**
 * The in-seizure partners of an image (plain PDQ distance <= 31, among this seizure's media found by the query
 * and the batch peers): a higher-numbered partner gets a note naming this item unless it names a lower one
 * already; this item notes its lowest-numbered lower partner.
 */
function notePartners(
  seizure: SeizureRow,
  item: ItemRow,
  rows: readonly CandidateMedium[],
  image: { pdq: string; peers: BatchPeer[] },
  changes: VerdictChange[],
): Partial<Pick<Verdict, 'note' | 'nearItemId'>> {
  const partners = rows
    .filter((r) => r.first_seizure_id === seizure.id && r.media_type === 'image' && r.pdq && r.first_item_id)
    .map((r) => ({ itemId: r.first_item_id!, pdq: r.pdq! }))
    .concat(image.peers);
  let best: { itemId: number; d: number } | null = null;
  for (const other of partners) {
    if (other.itemId === item.id) continue;
    const d = pdqDistance(image.pdq, other.pdq);
    if (d > NEAR_THRESHOLD) continue;
    if (other.itemId > item.id)
      changes.push({ kind: 'note', itemId: other.itemId, note: NEAR_NOTE(item.id, `PDQ distance ${d}`), nearItemId: item.id, ifNoLowerThan: item.id });
    else if (!best || other.itemId < best.itemId) best = { itemId: other.itemId, d };
  }
  return best ? { note: NEAR_NOTE(best.itemId, `PDQ distance ${best.d}`), nearItemId: best.itemId } : {};
}

/**
 * The verdict from candidates in order of preference: the first from another seizure makes the item
 * known-near (and raises deconfliction); else a medium of this seizure gives a near-duplicate note.
 * For images the in-seizure relation is the plain PDQ distance (<= 31) between the two files: it is
 * symmetric, so whichever of a pair is processed second finds the first (in the index, or among
 * `peers` of its own batch), and every item notes its lowest-numbered partner; the notes come out
 * the same whatever order or batches processing ran in (a crash and restart included).
 * Pure: `rows` are the candidates' media (judgedMediaIds); the rows to change come back in `changes`.
 */
export function judgeCandidates(
  seizure: SeizureRow,
  item: ItemRow,
  candidates: Candidate[],
  rows: readonly CandidateMedium[],
  image?: { pdq: string; peers: BatchPeer[] },
): Judgement {
  const none: Verdict = { result: 'new', match: null, note: null, outside: false };
  const changes: VerdictChange[] = [];
  const judged = new Set(judgedMediaIds(candidates));
  const byId = new Map(rows.filter((r) => judged.has(r.id)).map((r) => [r.id, r]));
  const outsiders = candidates.filter(
    (c, i) => byId.has(c.mediaId) && byId.get(c.mediaId)!.first_seizure_id !== seizure.id && candidates.findIndex((x) => x.mediaId === c.mediaId) === i,
  );
  // Images: computed whatever the verdict, so a partner's note does not depend on which of the two came first.
  const mine = image ? notePartners(seizure, item, [...byId.values()], image, changes) : {};
  if (outsiders.length) {
    // The match shown is the closest one that carries a series (a resized copy must lead to the series original,
    // not to an uploader's own earlier copy without one); the others travel with it as `others`.
    const outside = outsiders.find((c) => byId.get(c.mediaId)!.series_id != null) ?? outsiders[0]!;
    const seriesDone = new Set<number>();
    for (const c of outsiders) {
      const series = byId.get(c.mediaId)!.series_id;
      if (series == null || seriesDone.has(series)) continue;
      seriesDone.add(series);
      changes.push({ kind: 'deconfliction', mediaId: c.mediaId });
    }
    const others = outsiders
      .filter((c) => c !== outside)
      .slice(0, 20)
      .map((c) => ({ mediaId: c.mediaId, distance: c.distance, stage: c.match.stage ?? null, variant: c.match.variant ?? null }));
    return { verdict: { ...none, result: 'known_near', match: others.length ? { ...outside.match, others } : outside.match, outside: true, ...mine }, changes };
  }
  if (image) return { verdict: { ...none, ...mine }, changes };
  // Videos (vPDQ percentages are not symmetric): the note goes on the later upload.
  const inside = candidates.find((c) => byId.get(c.mediaId)?.first_seizure_id === seizure.id);
  if (!inside) return { verdict: none, changes };
  const other = byId.get(inside.mediaId)!.first_item_id;
  if (other && other > item.id) {
    changes.push({ kind: 'note', itemId: other, note: NEAR_NOTE(item.id, inside.why), nearItemId: null });
    return { verdict: none, changes };
  }
  return { verdict: { ...none, note: NEAR_NOTE(other ?? 0, inside.why) }, changes };
}
