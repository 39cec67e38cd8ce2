// The place stage of ingest (seizures/processing.ts): matching before the batch transaction (placeCandidates),
// the verdict and its rows inside it (samePlace, placeRows; the batch writes the rows at its end through
// insertPlaceRows). An image that is new by every hash is compared with the place index. A verified shared
// scene with another seizure's media answers "new, same place as …" (the triage view shows the series / place,
// or only the owner country when its owner restricts it) and sends a deconfliction notice as known material
// does; a shared scene within the seizure groups the items ("same scene as item N"). Suggested links are stored
// with their evidence; a pair an investigator rejected is never suggested again (place_links keeps one row per
// pair).
import type { AppContext } from '../context.js';
import type { Insertable } from 'kysely';
import type { DB, Executor, Trx } from '../db/types.js';
import type { ItemRow, SeizureRow } from '../seizures/tables.js';
import { recordDeconfliction } from '../seizures/deconfliction.js';
import { decodeFeatures, type Features } from './features.js';
import { bowSimilarity, byInliers, bowVector, explain, isPlaceLink, type PlaceHit, type Verification } from './index.js';
import { decodeWords, type PlaceFeatures } from './ingest.js';
import { skipsCandidate, verifyPlaceTask, type PlaceVerifyResult, type PlaceVerifyTask } from './verify-task.js';
import { placeMatcher } from './matcher.js';
import { VOCABULARY_ID } from './vocabulary-file.js';
import { addSpan, span } from '../shared/spans.js';

export interface PlacePeer {
  itemId: number;
  path: string;
  f: Features;
  mediaId: number | null;
}
export interface PlaceVerdict {
  linkedMediaId: number | null;
  peer: PlacePeer | null;
  inliers: number;
  evidence: PlaceEvidence;
  match: Record<string, unknown> | null;
  note: string | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** A suggested link's evidence as stored in place_links.evidence (and shown on the place page). */
// A type, not an interface: the route's open response schema (extra stored keys allowed) wants an index signature.
export type PlaceEvidence = {
  inliers: number;
  matches: number;
  coverage: number;
  why: string;
  homography: number[] | null;
  queryFrame: [number, number];
  matchFrame: [number, number];
  region: number[] | null;
  pairs: number[][];
};

export function evidenceOf(v: Verification, q: Features, c: Features): PlaceEvidence {
  return {
    inliers: v.inliers,
    matches: v.matches,
    coverage: r1(v.coverage * 100) / 100,
    why: explain(v),
    homography: v.homography?.map((x) => Math.round(x * 1e6) / 1e6) ?? null,
    queryFrame: [q.width, q.height],
    matchFrame: [c.width, c.height],
    region: v.region?.map(r1) ?? null,
    pairs: v.pairs.slice(0, 300).map((p) => p.map(r1)),
  };
}

/** What the place stage computes before the batch transaction (CPU: geometric verification), per item. */
export interface PlacePre {
  f: Features;
  /** Verified same-scene media of the index, most inliers first. */
  hits: PlaceHit[];
  /** Earlier items of the same batch that share the scene (verified), by item id. */
  batch: Map<number, Verification>;
}

/** A batch peer considered for in-batch scene groups: the last this many items with features, of which the
 * few most similar by their visual words are verified (each pair costs a verification on the workers). */
const BATCH_PEERS = 50;
const BATCH_PEERS_VERIFIED = 8;
/** Index candidates of an item verified in the first round (their stored features read with the batch's). */
const FIRST_ROUND = 10;

/** Runs a verification task: on a worker thread at ingest (the hashing pool), inline by default. */
export type PlaceVerifier = (task: PlaceVerifyTask) => Promise<PlaceVerifyResult>;
const inline: PlaceVerifier = async (task) => verifyPlaceTask(task);

/**
 * The place stage's matching for a batch, outside the transaction (so the one embedded connection is not
 * held while features are verified): index candidates and their stored features read here, verification
 * (against them and against the earlier items of the batch) on `verify`, items in parallel.
 * Items with fewer than 50 keypoints are too featureless to recognise a scene and get nothing.
 */
export async function placeCandidates(
  ctx: AppContext,
  db: Executor,
  items: Array<{ itemId: number; place: PlaceFeatures }>,
  verify: PlaceVerifier = inline,
  /** The items' seizure: its own media are marked so verification can skip their copies (verify-task.ts SURE_OUTSIDE). */
  seizureId?: number,
): Promise<Map<number, PlacePre>> {
  const usable = items.filter((i) => i.place.count >= 50);
  const matcher = placeMatcher(ctx);
  // Candidates and verification use the item's query form; its batch peers are compared in their stored form.
  const words = usable.map((i) => decodeWords(i.place.queryWords));
  const cands = new Map<number, Array<{ id: number; score: number }>>();
  const each = await matcher.candidatesOfEach(db, words); // profiled there: 'place: index candidates'
  usable.forEach((i, k) => cands.set(i.itemId, each[k]!));
  const ids = [...new Set([...cands.values()].flatMap((c) => c.map((x) => x.id)))];
  // Stored features are read for each item's first candidates now and for the rest only where verification goes on
  // (copies settle most items early: verify-task.ts), since past the cache each read is ~30 KB from the database.
  const firstIds = [...new Set([...cands.values()].flatMap((c) => c.slice(0, FIRST_ROUND).map((x) => x.id)))];
  const t0 = performance.now();
  const stored = await matcher.storedFeatures(db, firstIds);
  const inside = new Set<number>();
  if (seizureId !== undefined)
    for (let i = 0; i < ids.length; i += 1000)
      for (const r of await db
        .selectFrom('media')
        .select('id')
        .where('id', 'in', ids.slice(i, i + 1000))
        .where('first_seizure_id', '=', seizureId)
        .execute())
        inside.add(r.id);
  addSpan('place: read candidate features', performance.now() - t0, firstIds.length);
  const withFeatures = (list: Array<{ id: number; score: number }>) =>
    list.flatMap((c) => (stored.has(c.id) ? [{ ...c, ...stored.get(c.id)!, inside: inside.has(c.id) }] : []));
  const out = new Map<number, PlacePre>();
  const bows = words.map((w) => bowVector(matcher.index.vocabulary, w));
  await Promise.all(
    usable.map(async (item, k) => {
      const peers = usable
        .slice(Math.max(0, k - BATCH_PEERS), k)
        .map((p, j) => ({ p, score: bowSimilarity(bows[k]!, bows[Math.max(0, k - BATCH_PEERS) + j]!) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, BATCH_PEERS_VERIFIED)
        .map(({ p }) => ({ itemId: p.itemId, features: p.place.features, words: p.place.words }));
      let r: PlaceVerifyResult;
      try {
        r = await span('place: verify (worker, items in parallel)', async () => {
          const all = cands.get(item.itemId)!;
          const query = { features: item.place.query, words: item.place.queryWords };
          const first = await verify({ ...query, candidates: withFeatures(all.slice(0, FIRST_ROUND)), peers });
          // The rest in a second round from where the first left off: the same hits as one task over all of them.
          const rest = all.slice(FIRST_ROUND);
          const wanted = rest.filter((c) => !skipsCandidate(first.settled, inside.has(c.id)));
          const skipped = first.skipped + rest.length - wanted.length;
          if (!wanted.length) return { ...first, skipped };
          const t1 = performance.now();
          const more = await matcher.storedFeatures(
            db,
            wanted.map((c) => c.id).filter((id) => !stored.has(id)),
          );
          for (const [id, v] of more) stored.set(id, v);
          addSpan('place: read candidate features', performance.now() - t1, more.size);
          const second = await verify({ ...query, candidates: withFeatures(wanted), peers: [], settled: first.settled });
          const hits = [...first.hits, ...second.hits].sort(byInliers);
          return { hits, batch: first.batch, skipped: skipped + second.skipped, settled: second.settled };
        });
      } catch (err) {
        // Only the place stage is lost for this item (as when its features fail): the batch is not re-hashed for it.
        ctx.log.warn('ingest: place verification failed; the item gets no place verdict', { itemId: item.itemId, err });
        return;
      }
      if (r.skipped) addSpan('place: candidates left unverified (copies settled the verdict)', 0, r.skipped);
      out.set(item.itemId, { f: decodeFeatures(item.place.query), hits: r.hits, batch: new Map(r.batch.map((b) => [b.itemId, b.v])) });
    }),
  );
  return out;
}

/** The verdict, inside the item's transaction, from what placeCandidates found: database reads and notices only. */
export async function samePlace(
  ctx: AppContext,
  trx: Trx,
  seizure: SeizureRow,
  item: ItemRow,
  pre: PlacePre | undefined,
  peers: PlacePeer[],
): Promise<PlaceVerdict | null> {
  if (!pre) return null; // too featureless to recognise a scene
  const { f, hits } = pre;
  const self: PlacePeer = { itemId: item.id, path: item.path, f, mediaId: null };
  const rows = hits.length
    ? await trx
        .selectFrom('media')
        .select(['id', 'first_seizure_id', 'first_item_id'])
        .where(
          'id',
          'in',
          hits.map((h) => h.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const outside = hits.find((h) => byId.get(h.id) && byId.get(h.id)!.first_seizure_id !== seizure.id);
  peers.push(self);
  if (outside) {
    const other = (await placeMatcher(ctx).features(trx, outside.id))!.f;
    const places = await trx.selectFrom('media_links').select('entity_id').where('media_id', '=', outside.id).where('entity_type', '=', 'place').execute();
    await recordDeconfliction(trx, seizure, outside.id);
    const evidence = evidenceOf(outside.verification, f, other);
    return {
      linkedMediaId: outside.id,
      peer: null,
      inliers: outside.verification.inliers,
      evidence,
      match: {
        stage: 'place',
        mediaId: outside.id,
        inliers: outside.verification.inliers,
        why: evidence.why,
        coverage: evidence.coverage,
        placeIds: places.map((p) => p.entity_id),
      },
      note: null,
    };
  }
  // Same scene within the seizure: an item committed earlier, else one decided earlier in this batch.
  const inside = hits.find((h) => byId.get(h.id)?.first_seizure_id === seizure.id);
  if (inside) {
    const first = byId.get(inside.id)!.first_item_id;
    const it = first ? await trx.selectFrom('seizure_items').select(['id', 'path']).where('id', '=', first).executeTakeFirst() : undefined;
    const other = (await placeMatcher(ctx).features(trx, inside.id))!.f;
    return {
      linkedMediaId: inside.id,
      peer: null,
      inliers: inside.verification.inliers,
      evidence: evidenceOf(inside.verification, f, other),
      match: null,
      note: `same scene as item ${it?.id ?? '?'}${it ? ` (${it.path})` : ''} in this seizure: ${inside.verification.inliers} matching points`,
    };
  }
  // Only peers that are new content of this batch (those that reached this stage before this item).
  let best: { peer: PlacePeer; v: Verification } | null = null;
  for (const p of peers.slice(-BATCH_PEERS)) {
    const v = p === self ? undefined : pre.batch.get(p.itemId);
    if (v && (!best || v.inliers > best.v.inliers)) best = { peer: p, v };
  }
  if (!best) return null;
  return {
    linkedMediaId: null,
    peer: best.peer,
    inliers: best.v.inliers,
    evidence: evidenceOf(best.v, f, best.peer.f),
    match: null,
    note: `same scene as item ${best.peer.itemId} (${best.peer.path}) in this seizure: ${best.v.inliers} matching points`,
  };
}

/** The item's features row and its suggested link's row (after its media row exists), for insertPlaceRows. */
export function placeRows(
  mediaId: number,
  item: ItemRow,
  place: PlaceFeatures,
  verdict: PlaceVerdict | null,
  peers: PlacePeer[],
): { features: Insertable<DB['media_features']>; link: Insertable<DB['place_links']> | null } {
  const self = peers.find((p) => p.itemId === item.id);
  if (self) self.mediaId = mediaId;
  const features = { media_id: mediaId, features: place.features, words: place.words, keypoints: place.count, vocabulary: VOCABULARY_ID };
  const linked = verdict?.linkedMediaId ?? verdict?.peer?.mediaId ?? null;
  if (!verdict || !linked || linked === mediaId) return { features, link: null };
  return {
    features,
    link: { media_id: mediaId, linked_media_id: linked, seizure_item_id: item.id, inliers: verdict.inliers, evidence: JSON.stringify(verdict.evidence) },
  };
}

/** Stores the rows of placeRows for several items: one statement per table (the batch's, at its end). */
export async function insertPlaceRows(trx: Trx, rows: ReturnType<typeof placeRows>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += PLACE_ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + PLACE_ROWS_PER_STATEMENT);
    await trx
      .insertInto('media_features')
      .values(part.map((r) => r.features))
      .onConflict((oc) => oc.column('media_id').doNothing())
      .execute();
    const links = part.flatMap((r) => (r.link ? [r.link] : []));
    if (links.length)
      await trx
        .insertInto('place_links')
        .values(links)
        .onConflict((oc) => oc.columns(['media_a', 'media_b']).doNothing())
        .execute();
  }
}

/** Five to six parameters a row: well under PostgreSQL's 65,535 per statement. */
const PLACE_ROWS_PER_STATEMENT = 1000;
