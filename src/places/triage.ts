// The place stage of ingest (called from seizures/processing.ts inside the item's transaction): an image that
// is new by every hash is compared with the place index; a verified shared scene with another seizure's
// media answers "new, same place as …" (the triage view shows the series / place, or only the owner country
// when its owner restricts it) and sends a deconfliction notice as known material does; a shared scene within
// the seizure groups the items ("same scene as item N"). Suggested links are stored with their evidence;
// a pair an investigator rejected is never suggested again (place_links keeps one row per pair).
import type { AppContext } from '../context.js';
import type { Trx } from '../db/types.js';
import type { ItemRow, SeizureRow } from '../seizures/tables.js';
import { recordDeconfliction } from '../seizures/deconfliction.js';
import { decodeFeatures, type Features } from './features.js';
import { explain, isPlaceLink, type Verification } from './index.js';
import { verifyPair } from './verify.js';
import type { PlaceFeatures } from './ingest.js';
import { placeMatcher } from './matcher.js';

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
  evidence: Record<string, unknown>;
  match: Record<string, unknown> | null;
  note: string | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function evidenceOf(v: Verification, q: Features, c: Features): Record<string, unknown> {
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

export async function samePlace(
  ctx: AppContext,
  trx: Trx,
  seizure: SeizureRow,
  item: ItemRow,
  place: PlaceFeatures,
  peers: PlacePeer[],
): Promise<PlaceVerdict | null> {
  const f = decodeFeatures(place.features);
  const self: PlacePeer = { itemId: item.id, path: item.path, f, mediaId: null };
  if (f.count < 50) return null; // too featureless to recognise a scene
  const hits = await placeMatcher(ctx).query(trx, f);
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
  let best: { peer: PlacePeer; v: Verification } | null = null;
  for (const p of peers.slice(-50)) {
    if (p === self) continue;
    const v = verifyPair(f, p.f);
    if (isPlaceLink(v) && (!best || v.inliers > best.v.inliers)) best = { peer: p, v };
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

/** Stores the item's features and its suggested link (after its media row exists). */
export async function savePlace(
  trx: Trx,
  mediaId: number,
  item: ItemRow,
  place: PlaceFeatures,
  verdict: PlaceVerdict | null,
  peers: PlacePeer[],
): Promise<void> {
  await trx
    .insertInto('media_features')
    .values({ media_id: mediaId, features: place.features, words: place.words, keypoints: place.count })
    .onConflict((oc) => oc.column('media_id').doNothing())
    .execute();
  const self = peers.find((p) => p.itemId === item.id);
  if (self) self.mediaId = mediaId;
  const linked = verdict?.linkedMediaId ?? verdict?.peer?.mediaId ?? null;
  if (!verdict || !linked || linked === mediaId) return;
  await trx
    .insertInto('place_links')
    .values({ media_id: mediaId, linked_media_id: linked, seizure_item_id: item.id, inliers: verdict.inliers, evidence: JSON.stringify(verdict.evidence) })
    .onConflict((oc) => oc.columns(['media_a', 'media_b']).doNothing())
    .execute();
}
