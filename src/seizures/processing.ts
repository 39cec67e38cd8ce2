// Processing a batch of seizure items: hash (off the main thread), thumbnail, then match and record in one
// transaction. Item status moves pending → processing → done/error in the database, so a crash at any
// point re-runs only unfinished items, and an item's media row, result and audit commit together.
import type { AppContext } from '../context.js';
import { systemPrincipal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import type { Trx } from '../db/types.js';
import { seizuresRepo } from './repository.js';
import { processingRepo, type MediaContentColumns } from './repository-processing.js';
import type { ItemResult, ItemRow, SeizureRow } from './tables.js';
import { hashStoredItem } from './hasher.js';
import { isFailure, type ItemHashes, type ItemHashFailure } from './imagehash.js';
import { recordDeconfliction } from './deconfliction.js';
import {
  hasOutside,
  imageCandidates,
  judgeCandidates,
  judgedMediaIds,
  partialCopyCandidates,
  robustCandidates,
  videoCandidates,
  VARIANTS,
  type BatchPeer,
  type Candidate,
  type VerdictChange,
} from './near.js';
import { mediaFrameRows } from '../video/index.js';
import { signatureOf, type RobustQuery, type RobustSignature } from '../robust/index.js';
import { robustRows } from '../matchservice/robust.js';
import { placeCandidates, placeRows, samePlace, type PlacePeer, type PlacePre, type PlaceVerdict } from '../places/triage.js';
import { BatchWrites } from './batch-writes.js';

// Images of the batch with local features (the place stage's in-seizure groups), per batch.
const placePeers = new WeakMap<BatchPeer[], PlacePeer[]>();
import { cleanJson, cleanText } from '../shared/text.js';
import { span } from '../shared/spans.js';

/** PDQ hashes below this quality (flat or featureless images) are not trusted for near matching. */
export const MIN_MATCH_QUALITY = 50;

interface Prepared {
  item: ItemRow;
  hashes: ItemHashes | ItemHashFailure | null;
  thumb: boolean;
}
interface Outcome {
  status: 'done' | 'error';
  result: ItemResult | null;
  mediaId: number | null;
  match: Record<string, unknown> | null;
  note: string | null;
  nearItemId?: number | null;
  errorReason: string | null;
  errorMessage: string | null;
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
  const claimed = await span('db: claim', () => ctx.db.transaction().execute((trx) => seizuresRepo.claim(trx, itemIds, token)));
  if (!claimed.length) {
    await ctx.db.transaction().execute((trx) => seizuresRepo.completeIfDone(trx, seizureId));
    return;
  }
  const added: AddedMedia[] = [];
  try {
    await finish(ctx, seizureId, claimed, token, added);
  } catch (err) {
    if (!isDataError(err)) {
      // Unexpected failure (database away, worker crash): hand the items back, or give up on one that keeps failing.
      await release(ctx, seizureId, claimed, token, err, (item) => item.attempts >= MAX_ATTEMPTS);
      throw new Error(errorText(err)); // clean text: pg-boss stores it as the job's failure
    }
    // The database refused a value (a data exception): the same input fails again, so retrying the batch
    // would stall it. Each item alone, then: the one at fault ends in error, the others complete.
    for (const item of claimed) {
      try {
        await finish(ctx, seizureId, [item], token, added);
      } catch (one) {
        await release(ctx, seizureId, [item], token, one, (i) => isDataError(one) || i.attempts >= MAX_ATTEMPTS);
      }
    }
  }
  // Only after commit: the index never holds media that do not exist. Through the change feed, the path
  // every other process takes too (index_changes), so the next batch here sees these media at once.
  if (added.length) await span('index adds (change feed refresh)', () => ctx.matcher.refresh());
}

export const MAX_ATTEMPTS = 5;

/** SQLSTATE class 22 (data exception: NUL in text, bad encoding, out of range): not worth a retry. */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

const errorText = (err: unknown) => cleanText(err instanceof Error ? err.message : String(err)).slice(0, 1000);

/**
 * Hands claimed items back (pending) or ends them in error (`giveUp`). If even that cannot be written, the
 * items still leave 'processing' with a fixed message, one by one: a job never leaves its items stuck.
 */
async function release(ctx: AppContext, seizureId: number, items: ItemRow[], token: Date, err: unknown, giveUp: (item: ItemRow) => boolean) {
  ctx.log.error('ingest: a batch failed', { seizureId, itemIds: items.map((i) => i.id), err });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const item of items) {
        if (giveUp(item)) await processingRepo.failClaim(trx, item.id, token, `processing failed (attempt ${item.attempts}): ${errorText(err)}`);
        else await processingRepo.releaseClaim(trx, item.id, token);
      }
      await seizuresRepo.completeIfDone(trx, seizureId);
    });
  } catch (again) {
    ctx.log.error('ingest: recording the failure of a batch failed too', { seizureId, err: again });
    for (const item of items) {
      await processingRepo
        .failClaim(ctx.db, item.id, token, 'processing failed and its cause could not be recorded; see the server log')
        .catch(ctx.log.failed('marking an item as failed (the stale-lease sweep retries it)', { seizureId, itemId: item.id }));
    }
    await ctx.db
      .transaction()
      .execute((trx) => seizuresRepo.completeIfDone(trx, seizureId))
      .catch(ctx.log.failed('closing the seizure after failed items', { seizureId }));
  }
}

async function finish(ctx: AppContext, seizureId: number, claimed: ItemRow[], token: Date, added: AddedMedia[]) {
  const prepared = await span('hash batch (items in parallel)', () => Promise.all(claimed.map((item) => prepare(ctx, item))));
  await ctx.matcher.start();
  // On a large index the crop/border search runs on a match worker thread: started here for the whole batch, it
  // proceeds beside the place matching below and while the event loop and the embedded database serve the
  // transaction (this batch's or another's). Below that size it stays inside the transaction, asked only for items
  // no copy outside the seizure explains.
  const robustEarly = new Map<number, EarlyRobust>();
  if (ctx.matcher.robustRunsAside())
    for (const p of prepared)
      if (p.hashes && !isFailure(p.hashes) && p.hashes.robust?.regions.length)
        robustEarly.set(
          p.item.id,
          robustCandidates(ctx, p.hashes.robust).then(
            (hits) => ({ hits }),
            (error: unknown) => ({ error }), // settled either way: an item decided without it leaves no unhandled rejection
          ),
        );
  // Place matching before the transaction (the one embedded connection is not held meanwhile), its geometric
  // verification on the hashing workers (not on the event loop). Inside it, only the verdicts' reads and rows.
  const withPlace = prepared.flatMap((p) => (p.hashes && !isFailure(p.hashes) && p.hashes.place ? [{ itemId: p.item.id, place: p.hashes.place }] : []));
  const places = withPlace.length
    ? await span('place match (before the transaction)', () => placeCandidates(ctx, ctx.db, withPlace, (t) => ctx.services.hashPool.runPlace(t), seizureId))
    : new Map<number, PlacePre>();
  await span('db: batch transaction', () =>
    ctx.db.transaction().execute(async (trx) => {
      const seizure = await processingRepo.seizure(trx, seizureId);
      const stillMine = await processingRepo.lockClaimed(
        trx,
        claimed.map((c) => c.id),
        token,
      );
      const results: Record<string, number> = {};
      const peers: BatchPeer[] = []; // images decided in this batch: not in the live index until commit
      const writes = new BatchWrites(); // rows no later item of the batch reads: written once, at the end
      for (const p of prepared) {
        if (!stillMine.has(p.item.id)) continue;
        const o = await span('db: decide (match + insert)', () => decide(ctx, trx, seizure, p, added, peers, places, writes, robustEarly.get(p.item.id)));
        await span('db: item update', () =>
          processingRepo.recordOutcome(trx, p.item.id, {
            status: o.status,
            result: o.result,
            media_id: o.mediaId,
            match: o.match ? JSON.stringify(cleanJson(o.match)) : null,
            note: opt(o.note),
            near_item_id: o.nearItemId ?? null,
            error_reason: o.errorReason,
            error_message: opt(o.errorMessage),
            ...evidenceColumns(o.match),
            ...(p.hashes && !isFailure(p.hashes) ? { pdq: p.hashes.pdq } : {}),
          }),
        );
        const key = o.result ?? `error:${o.errorReason}`;
        results[key] = (results[key] ?? 0) + 1;
      }
      await span('db: batch writes (features, links, signatures)', () => writes.flush(trx));
      await span('audit', () =>
        recordAudit(trx, ingestActor, { action: 'seizure.process', objectType: 'seizure', objectId: seizureId, details: { itemIds: [...stillMine], results } }),
      );
      if (await seizuresRepo.completeIfDone(trx, seizureId)) {
        await recordAudit(trx, ingestActor, { action: 'seizure.complete', objectType: 'seizure', objectId: seizureId });
      }
    }),
  );
}

/** A crop/border search started before the transaction, settled either way. */
type EarlyRobust = Promise<{ hits: Candidate[] } | { error: unknown }>;

async function robustHits(ctx: AppContext, q: RobustQuery, early: EarlyRobust | undefined): Promise<Candidate[]> {
  if (!early) return robustCandidates(ctx, q);
  const r = await early;
  if ('error' in r) throw r.error;
  return r.hits;
}

async function decide(
  ctx: AppContext,
  trx: Trx,
  seizure: SeizureRow,
  p: Prepared,
  added: AddedMedia[],
  peers: BatchPeer[],
  places: Map<number, PlacePre>,
  writes: BatchWrites,
  robustEarly?: EarlyRobust,
): Promise<Outcome> {
  const item = p.item;
  const ok = p.hashes && !isFailure(p.hashes) ? p.hashes : null;
  const base: Outcome = { status: 'done', result: null, mediaId: null, match: null, note: null, errorReason: null, errorMessage: null };
  const knownBytes = async (exact: ExactRecord) => {
    // A hash line claimed this SHA-256 first: these are its real bytes, so they complete the record.
    if (!exact.stored && item.kind === 'file' && item.sha256 && ok) {
      const done = await completeFromFile(trx, exact.id, item, ok, p.thumb, writes);
      if (done) added.push(done);
    }
    return exactOutcome(trx, seizure, item, exact, base);
  };

  // 1. Exact: by SHA-256, else MD5 / SHA-1 (hash lists may carry only those), through database indexes.
  const exact = await span('match: exact (sha256/md5/sha1)', () => processingRepo.findExact(trx, item));
  if (exact) return knownBytes(exact);

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
      candidates = await span('match: near (PDQ index)', () => imageCandidates(ctx, trx, ok?.dihedral?.length ? ok.dihedral : [pdq], ok?.pdqUpright));
      // Second stage: crops and borders PDQ cannot see (needs pixels: not for hash-only items).
      if (ok?.robust?.regions.length && !(await hasOutside(trx, seizure, candidates)))
        candidates.push(...(await span('match: robust (crop/border)', () => robustHits(ctx, ok.robust!, robustEarly))));
      // Third stage: a partial copy, from the place stage's verification (done before the transaction).
      const partial = partialCopyCandidates(places.get(item.id)?.hits ?? []);
      if (partial.length && !(await hasOutside(trx, seizure, candidates))) candidates.push(...partial);
    } else if (ok && pdq) note = `image too featureless for similarity matching (PDQ quality ${quality})`;
  }
  // Decide first (pure), then write what the verdict asks for.
  const { verdict, changes } = await span('match: judge', async () =>
    judgeCandidates(
      seizure,
      item,
      candidates,
      await processingRepo.candidateMedia(trx, judgedMediaIds(candidates)),
      matchable ? { pdq: matchable, peers } : undefined,
    ),
  );
  await applyVerdictChanges(trx, seizure, changes);
  if (matchable) peers.push({ itemId: item.id, pdq: matchable });

  // 3. New content (also a near copy: its own bytes are new): a media row owned by the uploader.
  // 2b. Same place: new by every hash, but a verified shared scene with known material (src/places).
  let place: PlaceVerdict | null = null;
  let pp = placePeers.get(peers);
  if (!pp) placePeers.set(peers, (pp = []));
  if (verdict.result === 'new' && ok?.place) place = await span('db: place verdict', () => samePlace(ctx, trx, seizure, item, places.get(item.id), pp!));

  const entry = await span('db: insert media + robust rows', () => insertMedia(trx, seizure, item, ok, p.thumb, writes));
  if (entry === 'raced') {
    // Another worker stored the same bytes between our look-up and our insert (two batches of one seizure, or two
    // seizures, at once on a database server): the item is that copy's exact duplicate after all.
    const now = await processingRepo.findExact(trx, item);
    if (now) return knownBytes(now);
    return { ...base, status: 'error', errorReason: 'processing_failed', errorMessage: 'the stored copy vanished while it was matched' };
  }
  if (entry && ok?.place) writes.addPlace(placeRows(entry.id, item, ok.place, place, pp));
  if (entry) added.push(entry);
  return {
    ...base,
    result: verdict.result,
    mediaId: entry?.id ?? null,
    match: place?.match ?? verdict.match,
    note: verdict.note ?? place?.note ?? note,
    nearItemId: verdict.nearItemId ?? null,
  };
}

export { VARIANTS };

type ExactRecord = NonNullable<Awaited<ReturnType<typeof processingRepo.findExact>>>;

/** An item whose bytes are stored already: a duplicate within the seizure (noted on the later copy by upload order,
 * whatever order processing ran in), else known material (and a deconfliction notice to its owner). */
async function exactOutcome(trx: Trx, seizure: SeizureRow, item: ItemRow, exact: ExactRecord, base: Outcome): Promise<Outcome> {
  if (exact.first_seizure_id === seizure.id) {
    if (exact.first_item_id && exact.first_item_id > item.id) {
      await processingRepo.setFirstItem(trx, exact.id, item.id);
      await processingRepo.setNote(trx, exact.first_item_id, `duplicate: same file as item ${item.id} (${item.path}) in this seizure`);
      return { ...base, result: 'new', mediaId: exact.id };
    }
    const first = exact.first_item_id ? await processingRepo.itemPath(trx, exact.first_item_id) : undefined;
    return {
      ...base,
      result: 'new',
      mediaId: exact.id,
      match: null,
      note: `duplicate: same file as item ${first?.id ?? '?'}${first ? ` (${first.path})` : ''} in this seizure`,
    };
  }
  await recordDeconfliction(trx, seizure, exact.id);
  return { ...base, result: 'known_exact', mediaId: exact.id, match: { mediaId: exact.id, distance: 0, stage: exact.stage } };
}

/** Writes the row changes a verdict asked for (judgeCandidates decides them without writing). */
async function applyVerdictChanges(trx: Trx, seizure: SeizureRow, changes: readonly VerdictChange[]): Promise<void> {
  for (const c of changes) {
    if (c.kind === 'deconfliction') await recordDeconfliction(trx, seizure, c.mediaId);
    else await processingRepo.setNearNote(trx, c);
  }
}

/** What goes into the live indexes once the transaction commits. */
export interface AddedMedia {
  id: number;
  pdq: string | null;
  frames: Array<{ id: number; pdq: string; crop_pdq: string[] | null }>;
  robust: RobustSignature | null;
}

/** The media columns that come from the item and, for a file, from its decoded content. */
function contentColumns(item: ItemRow, h: ItemHashes | null, thumb: boolean): MediaContentColumns {
  return {
    md5: item.md5,
    sha1: item.sha1,
    size_bytes: item.size_bytes,
    media_type: h?.video ? ('video' as const) : ('image' as const),
    duration_s: h?.video?.durationS ?? null,
    format: h?.format ?? null,
    width: h?.width ?? null,
    height: h?.height ?? null,
    pdq: h?.pdq ?? item.pdq,
    pdq_quality: h?.quality ?? null,
    pdq_dihedral: h?.dihedral ?? null,
    pdq_upright: h?.pdqUpright ?? null,
    pdq_basis: (h?.pdq ? 'stored' : item.pdq ? 'given' : null) as 'stored' | 'given' | null,
    // Last gate before storage: text read from the file, cleaned of what PostgreSQL refuses.
    exif: JSON.stringify(cleanJson(h?.exif ?? {})),
    camera_make: opt(h?.cameraMake),
    camera_model: opt(h?.cameraModel),
    camera_serial: opt(h?.cameraSerial),
    captured_at: h?.capturedAt ?? null,
    gps_lat: h?.gpsLat ?? null,
    gps_lon: h?.gpsLon ?? null,
    stored: item.kind === 'file',
    thumb_stored: thumb,
    hash_only: item.kind === 'hash',
  };
}

/**
 * The real bytes of media known until now only by a hash line: the record gets what only the file gives
 * (PDQ computed from the pixels, thumbnail, EXIF, size, frames, crop regions); owner and series stay.
 */
async function completeFromFile(trx: Trx, mediaId: number, item: ItemRow, h: ItemHashes, thumb: boolean, writes: BatchWrites): Promise<AddedMedia | null> {
  const row = await processingRepo.completeFromFile(trx, mediaId, contentColumns(item, h, thumb), item.md5, item.sha1);
  if (!row) return null; // completed by another worker a moment ago
  return derivedRows(trx, mediaId, h, writes);
}

/** The new media row and its derived rows; 'raced' when another transaction stored the same bytes first. */
async function insertMedia(
  trx: Trx,
  seizure: SeizureRow,
  item: ItemRow,
  h: ItemHashes | null,
  thumb: boolean,
  writes: BatchWrites,
): Promise<AddedMedia | null | 'raced'> {
  if (!item.sha256) return null; // a hash line without SHA-256 cannot become a content-addressed record
  const row = await processingRepo.insertMedia(trx, {
    sha256: item.sha256,
    ...contentColumns(item, h, thumb),
    series_id: null,
    category: null,
    owner_country: seizure.owner_country,
    owner_agency_id: seizure.owner_agency_id,
    distribution: seizure.distribution,
    shared_with: seizure.shared_with,
    first_seizure_id: seizure.id,
    first_item_id: item.id,
  });
  if (!row) return 'raced'; // the other worker indexes them
  const entry = await derivedRows(trx, row.id, h, writes);
  return { ...entry, pdq: h?.pdq ?? item.pdq };
}

/** Video frames (now) and crop-robust regions (with the batch's writes) of a new (or newly completed) media row. */
async function derivedRows(trx: Trx, mediaId: number, h: ItemHashes | null, writes: BatchWrites): Promise<AddedMedia> {
  let frames: Array<{ id: number; pdq: string; crop_pdq: string[] | null }> = [];
  if (h?.video?.frames.length) {
    frames = await processingRepo.insertFrames(trx, mediaFrameRows(mediaId, { frames: h.video.frames }));
  }
  const robust = h?.robust ? signatureOf(h.robust) : null;
  if (robust) writes.addRobust(robustRows(mediaId, robust));
  return { id: mediaId, pdq: h?.pdq ?? null, frames, robust };
}

const opt = (s: string | null | undefined) => (s == null ? null : cleanText(s));

/** The match's stage and why, as columns (migrations/007): reportable per seizure without parsing the JSON. */
function evidenceColumns(m: Record<string, unknown> | null) {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    match_stage: typeof m?.stage === 'string' ? m.stage : null,
    match_rule: typeof m?.rule === 'string' ? m.rule : null,
    match_votes: num(m?.votes),
    match_min_distance: num(m?.minDistance ?? m?.distance),
  };
}
