// Processing a batch of seizure items: hash (off the main thread), thumbnail, then match and record in one
// transaction. Item status moves pending → processing → done/error in the database, so a crash at any
// point re-runs only unfinished items, and an item's media row, result and audit commit together.
import type { AppContext } from '../context.js';
import { systemPrincipal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import type { Trx } from '../db/types.js';
import '../media/tables.js';
import { seizuresRepo } from './repository.js';
import type { ItemResult, ItemRow, SeizureRow } from './tables.js';
import { hashStoredItem } from './hasher.js';
import { isFailure, type ItemHashes, type ItemHashFailure } from './imagehash.js';
import { recordDeconfliction } from './deconfliction.js';
import { hasOutside, imageCandidates, judgeCandidates, robustCandidates, videoCandidates, VARIANTS, type BatchPeer, type Candidate } from './near.js';
import { mediaFrameRows } from '../video/index.js';
import { signatureOf, type RobustSignature } from '../robust/index.js';
import { saveRobust } from '../matchservice/robust.js';

/** PDQ hashes below this quality (flat or featureless images) are not trusted for near matching. */
export const MIN_MATCH_QUALITY = 50;

interface Prepared { item: ItemRow; hashes: ItemHashes | ItemHashFailure | null; thumb: boolean }
interface Outcome {
  status: 'done' | 'error'; result: ItemResult | null; mediaId: number | null; match: Record<string, unknown> | null;
  note: string | null; nearItemId?: number | null; errorReason: string | null; errorMessage: string | null;
}

const ingestActor = systemPrincipal('ingest');

async function prepare(ctx: AppContext, item: ItemRow): Promise<Prepared> {
  if (item.kind === 'hash' || !item.sha256) return { item, hashes: null, thumb: false };
  const { hashes, thumb } = await hashStoredItem(ctx, item.sha256);
  return { item, hashes, thumb };
}

/** Processes the given items of a seizure (those still pending). Safe to call twice for the same ids. */
export async function processItems(ctx: AppContext, seizureId: number, itemIds: number[]): Promise<void> {
  const token = new Date();
  const claimed = await ctx.db.transaction().execute((trx) => seizuresRepo.claim(trx, itemIds, token));
  if (!claimed.length) {
    await ctx.db.transaction().execute((trx) => seizuresRepo.completeIfDone(trx, seizureId));
    return;
  }
  const added: AddedMedia[] = [];
  try {
    await finish(ctx, seizureId, claimed, token, added);
  } catch (err) {
    // Unexpected failure (not bad input): hand the items back, or give up on one that keeps failing.
    await ctx.db.transaction().execute(async (trx) => {
      for (const item of claimed) {
        const giveUp = item.attempts >= MAX_ATTEMPTS;
        await trx.updateTable('seizure_items').set(giveUp
          ? { status: 'error', error_reason: 'processing_failed', error_message: `processing failed ${item.attempts} times: ${(err as Error).message}`, processed_at: new Date(), claimed_at: null }
          : { status: 'pending', claimed_at: null }).where('id', '=', item.id).where('status', '=', 'processing').where('claimed_at', '=', token).execute();
      }
      await seizuresRepo.completeIfDone(trx, seizureId);
    });
    throw err;
  }
  // Only after commit: the index never holds media that do not exist.
  for (const m of added) {
    ctx.matcher.add(m.id, m.pdq);
    for (const f of m.frames) ctx.matcher.addFrame(f.id, f.pdq, f.crop_pdq);
    if (m.robust) ctx.matcher.addRobust(m.id, m.robust);
  }
}

export const MAX_ATTEMPTS = 5;

async function finish(ctx: AppContext, seizureId: number, claimed: ItemRow[], token: Date, added: AddedMedia[]) {
  const prepared = await Promise.all(claimed.map((item) => prepare(ctx, item)));
  await ctx.matcher.start();
  await ctx.db.transaction().execute(async (trx) => {
    const seizure = await trx.selectFrom('seizures').selectAll().where('id', '=', seizureId).executeTakeFirstOrThrow();
    const stillMine = new Set((await trx.selectFrom('seizure_items').select('id').where('id', 'in', claimed.map((c) => c.id)).where('status', '=', 'processing').where('claimed_at', '=', token).forUpdate().execute()).map((r) => r.id));
    const results: Record<string, number> = {};
    const peers: BatchPeer[] = []; // images decided in this batch: not in the live index until commit
    for (const p of prepared) {
      if (!stillMine.has(p.item.id)) continue;
      const o = await decide(ctx, trx, seizure, p, added, peers);
      await trx.updateTable('seizure_items').set({
        status: o.status, result: o.result, media_id: o.mediaId, match: o.match ? JSON.stringify(o.match) : null, note: o.note, near_item_id: o.nearItemId ?? null,
        error_reason: o.errorReason, error_message: o.errorMessage, processed_at: new Date(), claimed_at: null, ...evidenceColumns(o.match),
        ...(p.hashes && !isFailure(p.hashes) ? { pdq: p.hashes.pdq } : {}),
      }).where('id', '=', p.item.id).execute();
      const key = o.result ?? `error:${o.errorReason}`;
      results[key] = (results[key] ?? 0) + 1;
    }
    await recordAudit(trx, ingestActor, { action: 'seizure.process', objectType: 'seizure', objectId: seizureId, details: { itemIds: [...stillMine], results } });
    if (await seizuresRepo.completeIfDone(trx, seizureId)) {
      await recordAudit(trx, ingestActor, { action: 'seizure.complete', objectType: 'seizure', objectId: seizureId });
    }
  });
}

async function decide(ctx: AppContext, trx: Trx, seizure: SeizureRow, p: Prepared, added: AddedMedia[], peers: BatchPeer[]): Promise<Outcome> {
  const item = p.item;
  const ok = p.hashes && !isFailure(p.hashes) ? p.hashes : null;
  const base: Outcome = { status: 'done', result: null, mediaId: null, match: null, note: null, errorReason: null, errorMessage: null };

  // 1. Exact: by SHA-256, else MD5 / SHA-1 (hash lists may carry only those), through database indexes.
  const exact = await findExact(trx, item);
  if (exact) {
    if (exact.first_seizure_id === seizure.id) {
      // The copy uploaded first is the original whatever order processing ran in: notes stay deterministic.
      if (exact.first_item_id && exact.first_item_id > item.id) {
        await trx.updateTable('media').set({ first_item_id: item.id }).where('id', '=', exact.id).execute();
        await trx.updateTable('seizure_items').set({ note: `duplicate: same file as item ${item.id} (${item.path}) in this seizure` }).where('id', '=', exact.first_item_id).execute();
        return { ...base, result: 'new', mediaId: exact.id };
      }
      const first = exact.first_item_id ? await trx.selectFrom('seizure_items').select(['id', 'path']).where('id', '=', exact.first_item_id).executeTakeFirst() : undefined;
      return { ...base, result: 'new', mediaId: exact.id, match: null, note: `duplicate: same file as item ${first?.id ?? '?'}${first ? ` (${first.path})` : ''} in this seizure` };
    }
    await recordDeconfliction(trx, seizure, exact.id);
    return { ...base, result: 'known_exact', mediaId: exact.id, match: { mediaId: exact.id, distance: 0, stage: exact.stage } };
  }

  // Undecodable and unknown: an error the investigator can act on (re-export, check the file).
  if (p.hashes && isFailure(p.hashes)) return { ...base, status: 'error', errorReason: p.hashes.reason, errorMessage: p.hashes.message };

  // 2. Near: PDQ range query with the item's 8 dihedral hashes (mirrored / rotated copies match), against
  // stills and video frames; a video by vPDQ. See near.ts.
  let candidates: Candidate[] = [];
  let note: string | null = null;
  let matchable: string | null = null; // an image's PDQ good enough to match: also its in-seizure relation
  if (ok?.video) {
    candidates = await videoCandidates(ctx, trx, ok.video.frames);
  } else {
    const pdq = ok?.pdq ?? item.pdq;
    const quality = ok ? ok.quality : 100;
    if (pdq && (quality ?? 0) >= MIN_MATCH_QUALITY) {
      matchable = pdq;
      candidates = await imageCandidates(ctx, trx, ok?.dihedral?.length ? ok.dihedral : [pdq], ok?.pdqUpright);
      // Second stage: crops and borders PDQ cannot see (needs pixels: not for hash-only items).
      if (ok?.robust?.regions.length && !(await hasOutside(trx, seizure, candidates))) candidates.push(...await robustCandidates(ctx, ok.robust));
    }
    else if (ok && pdq) note = `image too featureless for similarity matching (PDQ quality ${quality})`;
  }
  const verdict = await judgeCandidates(trx, seizure, item, candidates, matchable ? { pdq: matchable, peers } : undefined);
  if (matchable) peers.push({ itemId: item.id, pdq: matchable });

  // 3. New content (also a near copy: its own bytes are new): a media row owned by the uploader.
  const entry = await insertMedia(trx, seizure, item, ok, p.thumb);
  if (entry) added.push(entry);
  return { ...base, result: verdict.result, mediaId: entry?.id ?? null, match: verdict.match, note: verdict.note ?? note, nearItemId: verdict.nearItemId ?? null };
}

export { VARIANTS };

async function findExact(trx: Trx, item: ItemRow) {
  const q = () => trx.selectFrom('media').select(['id', 'first_seizure_id', 'first_item_id']);
  if (item.sha256) { const r = await q().where('sha256', '=', item.sha256).executeTakeFirst(); if (r) return { ...r, stage: 'sha256' }; }
  if (item.kind === 'hash' && item.md5) { const r = await q().where('md5', '=', item.md5).orderBy('id').executeTakeFirst(); if (r) return { ...r, stage: 'md5' }; }
  if (item.kind === 'hash' && item.sha1) { const r = await q().where('sha1', '=', item.sha1).orderBy('id').executeTakeFirst(); if (r) return { ...r, stage: 'sha1' }; }
  return null;
}

/** What goes into the live indexes once the transaction commits. */
export interface AddedMedia { id: number; pdq: string | null; frames: Array<{ id: number; pdq: string; crop_pdq: string[] | null }>; robust: RobustSignature | null }

async function insertMedia(trx: Trx, seizure: SeizureRow, item: ItemRow, h: ItemHashes | null, thumb: boolean): Promise<AddedMedia | null> {
  if (!item.sha256) return null; // a hash line without SHA-256 cannot become a content-addressed record
  const row = await trx.insertInto('media').values({
    sha256: item.sha256, md5: item.md5, sha1: item.sha1, size_bytes: item.size_bytes,
    media_type: h?.video ? 'video' : 'image', duration_s: h?.video?.durationS ?? null,
    format: h?.format ?? null, width: h?.width ?? null, height: h?.height ?? null,
    pdq: h?.pdq ?? item.pdq, pdq_quality: h?.quality ?? null, pdq_dihedral: h?.dihedral ?? null,
    pdq_upright: h?.pdqUpright ?? null, pdq_basis: h?.pdq ? 'stored' : item.pdq ? 'given' : null,
    exif: JSON.stringify(h?.exif ?? {}), camera_make: h?.cameraMake ?? null, camera_model: h?.cameraModel ?? null, camera_serial: h?.cameraSerial ?? null,
    captured_at: h?.capturedAt ?? null, gps_lat: h?.gpsLat ?? null, gps_lon: h?.gpsLon ?? null,
    stored: item.kind === 'file', thumb_stored: thumb, hash_only: item.kind === 'hash',
    series_id: null, category: null,
    owner_country: seizure.owner_country, owner_agency_id: seizure.owner_agency_id, distribution: seizure.distribution, shared_with: seizure.shared_with,
    first_seizure_id: seizure.id, first_item_id: item.id,
  }).onConflict((oc) => oc.column('sha256').doNothing()).returning('id').executeTakeFirst();
  if (!row) {
    // Another worker stored the same bytes a moment ago (and indexed them).
    const id = (await trx.selectFrom('media').select('id').where('sha256', '=', item.sha256).executeTakeFirst())?.id;
    return id ? { id, pdq: null, frames: [], robust: null } : null;
  }
  let frames: Array<{ id: number; pdq: string; crop_pdq: string[] | null }> = [];
  if (h?.video?.frames.length) {
    frames = await trx.insertInto('media_frames').values(mediaFrameRows(row.id, { frames: h.video.frames })).returning(['id', 'pdq', 'crop_pdq']).execute();
  }
  const robust = h?.robust ? signatureOf(h.robust) : null;
  if (robust) await saveRobust(trx, row.id, robust);
  return { id: row.id, pdq: h?.pdq ?? item.pdq, frames, robust };
}

/** The match's stage and why, as columns (migrations/007): reportable per seizure without parsing the JSON. */
function evidenceColumns(m: Record<string, unknown> | null) {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    match_stage: typeof m?.stage === 'string' ? m.stage : null, match_rule: typeof m?.rule === 'string' ? m.rule : null,
    match_votes: num(m?.votes), match_min_distance: num(m?.minDistance ?? m?.distance),
  };
}
