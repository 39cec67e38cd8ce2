// The live near-duplicate indexes of known media, loaded at start and kept in step as ingest adds media:
//  - still images: a PdqIndex (src/matching) under their media id, snapshot 'media-pdq';
//  - video frames: a second PdqIndex under frameIndexId(media_frames.id) (src/video/index-ids), snapshot
//    'media-frames' (its own store, so each snapshot's id watermark stays meaningful); the frames' centre-crop
//    hashes (media_frames.crop_pdq, src/video CROP_SCALES) in one more store per crop slot under the same
//    ids ('media-frame-crop1', …), so videos find cropped copies of stored frames (nearFrames withCrops);
//  - the crop/border-robust regions (src/robust) of images, rebuilt from media_robust_regions at start.
// Each PDQ store loads its snapshot under <dataDir>/index/ and catches up from the database (keyset
// pages), or rebuilds when the snapshot is stale; both are snapshotted again at close.
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import { MatchIndexStore, type MatchRow, type MatchRowSource } from '../matchindex/index.js';
import { FRAME_INDEX_ID_BASE, frameIndexId } from '../video/index-ids.js';
import { RobustIndex, type RobustMatch, type RobustQuery, type RobustSignature } from '../robust/index.js';
import { queryRadius, regionCodes } from '../robust/matcher.js';
import { BackgroundMerger, ParallelMatcher, PdqIndex } from '../matching/index.js';
import { loadRobustIndex, loadRobustSignatures } from './robust.js';
import { IndexChangeFeed } from './replica.js';
import { PDQ_MATCH_THRESHOLD } from '../matching/code.js';

export interface NearHit {
  mediaId: number;
  distance: number;
  variant: number;
}
/** A video frame near the query: `frameRowId` is media_frames.id. */
export interface FrameHit {
  frameRowId: number;
  distance: number;
  variant: number;
}

export const NEAR_THRESHOLD = PDQ_MATCH_THRESHOLD;
/** Crop hashes indexed per frame (src/video CROP_SCALES has 2; more stored ones are ignored). */
const CROP_SLOTS = 2;
const PAGE = 5000;

export class MatchService {
  private readonly store: MatchIndexStore;
  private readonly frames: MatchIndexStore;
  private readonly frameCrops: MatchIndexStore[];
  private cropsSinceSave = 0;
  /** Large segment merges of every PDQ and region index here, on one worker thread (not the event loop's). */
  private readonly merger = new BackgroundMerger();
  private robustIndex = this.newRobustIndex();
  /** The region search on a worker thread, over the robust index's own codes (shared memory), once it is large. */
  private robustThread: { index: RobustIndex; matcher: ParallelMatcher } | null = null;
  private readonly robustWorkerFromCodes: number;
  private ready: Promise<void> | null = null;
  private sinceSave = 0;
  private framesSinceSave = 0;
  /** Changes committed by any process (index_changes), applied in every process. */
  readonly feed: IndexChangeFeed;

  constructor(
    private readonly db: Db,
    opts: { dataDir: string; robustWorkerFromCodes?: number },
  ) {
    this.robustWorkerFromCodes = opts.robustWorkerFromCodes ?? 10_000;
    this.feed = new IndexChangeFeed(db, this);
    const dir = path.join(opts.dataDir, 'index'),
      index = { merger: this.merger };
    this.store = new MatchIndexStore({ dir, name: 'media-pdq', index });
    this.frames = new MatchIndexStore({ dir, name: 'media-frames', index });
    this.frameCrops = Array.from({ length: CROP_SLOTS }, (_, k) => new MatchIndexStore({ dir, name: `media-frame-crop${k + 1}`, index }));
  }

  get size(): number {
    return this.store.index.size;
  }
  get frameCount(): number {
    return this.frames.index.size;
  }
  /** Images held by the robust stage. */
  get robustSize(): number {
    return this.robustIndex.size;
  }
  /** Bytes of the PDQ indexes' codes (stills and frames) and the count of crop/border region codes held. */
  memory(): { pdqBytes: number; robustCodes: number } {
    let pdqBytes = this.store.index.memoryBytes() + this.frames.index.memoryBytes();
    for (const c of this.frameCrops) pdqBytes += c.index.memoryBytes();
    return { pdqBytes, robustCodes: this.robustIndex.codeCount };
  }

  private source(): MatchRowSource {
    const db = this.db;
    return {
      async *rowsAfter(afterId: number): AsyncIterable<MatchRow> {
        let after = afterId;
        for (;;) {
          const page = await db
            .selectFrom('media')
            .select(['id', 'pdq'])
            .where('pdq', 'is not', null)
            .where('id', '>', after)
            .orderBy('id')
            .limit(PAGE)
            .execute();
          for (const r of page) yield { id: r.id, pdq: r.pdq! };
          if (page.length < PAGE) return;
          after = page[page.length - 1]!.id;
        }
      },
      async countUpTo(maxId: number) {
        const r = await db
          .selectFrom('media')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('pdq', 'is not', null)
          .where('id', '<=', maxId)
          .executeTakeFirstOrThrow();
        return r.n;
      },
    };
  }

  /** Frame rows under their index ids (FRAME_INDEX_ID_BASE + row id). */
  private frameSource(): MatchRowSource {
    const db = this.db;
    return {
      async *rowsAfter(afterIndexId: number): AsyncIterable<MatchRow> {
        let after = Math.max(0, afterIndexId - FRAME_INDEX_ID_BASE);
        for (;;) {
          const page = await db.selectFrom('media_frames').select(['id', 'pdq']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
          for (const r of page) yield { id: frameIndexId(r.id), pdq: r.pdq };
          if (page.length < PAGE) return;
          after = page[page.length - 1]!.id;
        }
      },
      async countUpTo(maxIndexId: number) {
        const r = await db
          .selectFrom('media_frames')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('id', '<=', maxIndexId - FRAME_INDEX_ID_BASE)
          .executeTakeFirstOrThrow();
        return r.n;
      },
    };
  }

  /** Crop hash number `slot` (1-based) of the frame rows that have one, under the frames' index ids. */
  private frameCropSource(slot: number): MatchRowSource {
    const db = this.db;
    const crop = sql<string | null>`crop_pdq[${sql.lit(slot)}]`;
    return {
      async *rowsAfter(afterIndexId: number): AsyncIterable<MatchRow> {
        let after = Math.max(0, afterIndexId - FRAME_INDEX_ID_BASE);
        for (;;) {
          const page = await db
            .selectFrom('media_frames')
            .select(['id', crop.as('crop')])
            .where(crop, 'is not', null)
            .where('id', '>', after)
            .orderBy('id')
            .limit(PAGE)
            .execute();
          for (const r of page) yield { id: frameIndexId(r.id), pdq: r.crop! };
          if (page.length < PAGE) return;
          after = page[page.length - 1]!.id;
        }
      },
      async countUpTo(maxIndexId: number) {
        const r = await db
          .selectFrom('media_frames')
          .select(sql<number>`count(*)::int`.as('n'))
          .where(crop, 'is not', null)
          .where('id', '<=', maxIndexId - FRAME_INDEX_ID_BASE)
          .executeTakeFirstOrThrow();
        return r.n;
      },
    };
  }

  /** Sizes and watermarks for /health (in memory, no I/O). */
  health() {
    return {
      loaded: this.loaded,
      changeWatermark: this.feed.watermark,
      media: { size: this.store.index.size, watermark: this.store.watermark.maxId },
      frames: { size: this.frames.index.size, watermark: Math.max(0, this.frames.watermark.maxId - FRAME_INDEX_ID_BASE) },
      robust: { size: this.robustIndex.size },
    };
  }

  private loaded = false;

  /**
   * Applies every change committed since the last call (by this or any other process): the same path on
   * PGlite and on the server. Ingest awaits it after its commit, so the next batch sees its media.
   */
  refresh(): Promise<number> {
    if (!this.ready) return Promise.resolve(0);
    return this.feed.poll();
  }

  /** Re-reads the given ids from the database and makes the indexes agree (added, changed or gone). */
  async reconcile(kind: 'media' | 'frame' | 'robust', ids: number[]): Promise<void> {
    if (!ids.length) return;
    if (kind === 'media') {
      const rows = await this.db.selectFrom('media').select(['id', 'pdq']).where('id', 'in', ids).execute();
      const have = new Map(rows.map((r) => [r.id, r.pdq]));
      for (const id of ids) {
        const pdq = have.get(id);
        if (pdq) this.add(id, pdq);
        else if (this.store.remove(id)) this.sinceSave++;
      }
    } else if (kind === 'frame') {
      const rows = await this.db.selectFrom('media_frames').select(['id', 'pdq', 'crop_pdq']).where('id', 'in', ids).execute();
      const have = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids) {
        const r = have.get(id);
        if (r) {
          this.addFrame(r.id, r.pdq, r.crop_pdq);
          continue;
        }
        const indexId = frameIndexId(id);
        if (this.frames.remove(indexId)) this.framesSinceSave++;
        for (const c of this.frameCrops) if (c.remove(indexId)) this.cropsSinceSave++;
      }
    } else {
      const sigs = await loadRobustSignatures(this.db, ids);
      for (const id of ids) {
        this.robustIndex.remove(String(id));
        const sig = sigs.get(id);
        if (sig) this.robustIndex.add(String(id), sig);
      }
    }
  }

  /** Loads the indexes once (snapshot + catch-up, or rebuild); later calls wait for the same load. */
  start(): Promise<void> {
    return (this.ready ??= (async () => {
      // The change cursor is taken before loading, so a change committed during the load is replayed.
      await this.feed.init();
      await this.store.open(this.source());
      await this.frames.open(this.frameSource());
      for (let k = 0; k < CROP_SLOTS; k++) await this.frameCrops[k]!.open(this.frameCropSource(k + 1));
      this.robustIndex = await loadRobustIndex(this.db, this.newRobustIndex());
      this.loaded = true;
    })());
  }

  /** Writes snapshots if entries were added since the last ones. */
  async snapshot(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    if (this.sinceSave > 0) {
      this.store.save();
      this.sinceSave = 0;
    }
    if (this.framesSinceSave > 0) {
      this.frames.save();
      this.framesSinceSave = 0;
    }
    if (this.cropsSinceSave > 0) {
      for (const s of this.frameCrops) s.save();
      this.cropsSinceSave = 0;
    }
  }

  add(mediaId: number, pdq: string | null): void {
    if (!pdq || !this.ready) return; // not loaded yet: the load reads it from the database
    if (this.store.apply({ id: mediaId, pdq })) this.sinceSave++;
  }

  /** A stored video frame (media_frames row) becomes findable by stills and other videos. */
  addFrame(frameRowId: number, pdq: string, cropPdq?: readonly string[] | null): void {
    if (!this.ready) return;
    const id = frameIndexId(frameRowId);
    if (this.frames.apply({ id, pdq })) this.framesSinceSave++;
    for (let k = 0; k < CROP_SLOTS && k < (cropPdq?.length ?? 0); k++) if (this.frameCrops[k]!.apply({ id, pdq: cropPdq![k]! })) this.cropsSinceSave++;
  }

  /** The robust regions of an image (as stored in media_robust_regions). */
  addRobust(mediaId: number, sig: RobustSignature): void {
    if (!this.ready || !sig.regions.length) return;
    this.robustIndex.add(String(mediaId), sig);
  }

  remove(mediaId: number): void {
    if (this.store.remove(mediaId)) this.sinceSave++;
    this.robustIndex.remove(String(mediaId));
  }

  /** Still images within `threshold` of the item: its 8 dihedral hashes when known (mirrored/rotated copies match). */
  async near(hashes: string[], threshold = NEAR_THRESHOLD): Promise<NearHit[]> {
    await this.start();
    const index = this.store.index;
    if (hashes.length === 8) return index.queryDihedral(hashes, threshold).map((h) => ({ mediaId: h.id, distance: h.distance, variant: h.variant }));
    return index.query(hashes[0]!, threshold).map((h) => ({ mediaId: h.id, distance: h.distance, variant: 0 }));
  }

  /**
   * Video frames within `threshold` of the item (dihedral as for near()). withCrops: also the frames
   * whose crop hashes are near (one hit per frame, the nearest of its hashes); single-hash queries only.
   */
  async nearFrames(hashes: string[], threshold = NEAR_THRESHOLD, opts: { withCrops?: boolean } = {}): Promise<FrameHit[]> {
    await this.start();
    const index = this.frames.index;
    const hits = hashes.length === 8 ? index.queryDihedral(hashes, threshold) : index.query(hashes[0]!, threshold).map((h) => ({ ...h, variant: 0 }));
    if (!opts.withCrops || hashes.length === 8) return hits.map((h) => ({ frameRowId: h.id - FRAME_INDEX_ID_BASE, distance: h.distance, variant: h.variant }));
    const best = new Map<number, number>();
    for (const h of [...hits, ...this.frameCrops.flatMap((s) => s.index.query(hashes[0]!, threshold))]) {
      const d = best.get(h.id);
      if (d === undefined || h.distance < d) best.set(h.id, h.distance);
    }
    return [...best].map(([id, distance]) => ({ frameRowId: id - FRAME_INDEX_ID_BASE, distance, variant: 0 }));
  }

  /** The second stage: crop/border-robust matches of an image, strongest first (`media` = the numeric media id). */
  async robust(q: RobustQuery, excludeMediaId?: number): Promise<Array<RobustMatch & { media: number }>> {
    await this.start();
    if (!q.regions.length) return [];
    const index = this.robustIndex;
    const exclude = excludeMediaId === undefined ? undefined : String(excludeMediaId);
    const thread = this.robustMatcher();
    // On the thread, the event loop (and with it the embedded database) serves other batches while the index is searched.
    const matches = thread
      ? index.matchesFromHits(q, await thread.queryBatch(regionCodes(q), { radius: queryRadius() }), {}, exclude)
      : index.query(q, {}, exclude);
    return matches.map((m) => ({ ...m, media: Number(m.mediaId) }));
  }

  /** Whether a crop/border search now runs on the match worker thread (the index holds robustWorkerFromCodes codes). */
  robustRunsAside(): boolean {
    return this.robustIndex.codeCount >= this.robustWorkerFromCodes && this.robustIndex.codeIndex instanceof PdqIndex;
  }

  /** The thread's matcher over the current robust index (a new one if the index was rebuilt), or null below the size. */
  private robustMatcher(): ParallelMatcher | null {
    if (!this.robustRunsAside()) return null;
    const index = this.robustIndex;
    if (this.robustThread?.index !== index) {
      void this.robustThread?.matcher.close();
      this.robustThread = { index, matcher: new ParallelMatcher(index.codeIndex as PdqIndex, { threads: 1 }) };
    }
    return this.robustThread.matcher;
  }

  /** A region index whose large merges run on the merger's thread. */
  private newRobustIndex(): RobustIndex {
    return new RobustIndex(new PdqIndex({ merger: this.merger }));
  }

  /** Stops the region search thread (if one started) and the merger's (a merge out stays undone: the segments are kept). */
  async close(): Promise<void> {
    const t = this.robustThread;
    this.robustThread = null;
    await t?.matcher.close();
    await this.merger.close();
  }
}
