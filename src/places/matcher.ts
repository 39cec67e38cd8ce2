// The live place index of one process: built from media_features (stored words, no re-extraction) and kept
// in step with every process's ingest by an id watermark: before each query it reads the rows above the
// watermark (keyset pages), so media committed by another process are found too. Rows removed from media
// cascade away; their postings stay until restart, and verification skips them (features gone).
// Memory: the postings (bench:places prints bytes per image), and the stored feature records of recent candidates
// (STORED_CACHE_BYTES): an ingest batch verifies ~40 candidates per item, mostly the same ones as the batch before.
import path from 'node:path';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../db/types.js';
import { decodeFeatures, type Features } from './features.js';
import { byInliers, isPlaceLink, PLACE_CANDIDATES, PlaceIndex, verifyPlace, type PlaceHit } from './index.js';
import { decodeWords, encodeWords } from './ingest.js';
import { wordsOf } from './vocabulary.js';
import { loadVocabulary, VOCABULARY_ID } from './vocabulary-file.js';
import { addSpan } from '../shared/spans.js';
import { readPlaceSnapshot, writePlaceSnapshot } from './snapshot.js';
import { yieldToLoop } from '../shared/event-loop.js';

const PAGE = 5000;
/** Rows added to the index between turns of the event loop: an add is ~0.2 ms (its postings' tails are scattered
 * over the index), so a page of 5,000 held the loop ~1 s, twenty times over when a process first loads 100,000. */
export const ADDS_PER_TURN = 250;
/** Stored feature records kept in memory (~18 KB each): reading them from the embedded database took ~2.6 ms each,
 * 16 ms of the main thread per ingested file (bench:ingest --profile). */
export const STORED_CACHE_BYTES = 64 << 20;
/** Read per statement (~18 KB each): one statement returning hundreds of them holds the embedded database (and, on
 * PGlite, the event loop) for its whole length; between chunks other requests (/health) get their turn. */
const FEATURE_READ_CHUNK = 16;

/** A media's stored features as in media_features; words empty when quantised with another vocabulary. */
export interface StoredFeatures {
  features: Uint8Array;
  words: Uint8Array;
}

export interface PlaceMatcherOptions {
  addsPerTurn?: number;
  page?: number;
  /** The snapshot file: read at the first load, written by save() (none: always rebuilt from the database). */
  snapshot?: string;
  /** Saves after a load that added at least this many rows (default 50,000). */
  resaveAfter?: number;
  log?: (msg: string) => void;
}

export class PlaceMatcher {
  private current = new PlaceIndex(loadVocabulary());
  private readonly addsPerTurn: number;
  private readonly page: number;
  private snapshotTried = false;
  /** Rows added since the snapshot was read or written. */
  private sinceSave = 0;
  /** The largest media id added: rows come in id order, so every earlier row with words is in the index. */
  private maxAdded = 0;
  constructor(private readonly opts: PlaceMatcherOptions = {}) {
    this.addsPerTurn = opts.addsPerTurn ?? ADDS_PER_TURN;
    this.page = opts.page ?? PAGE;
  }
  get index(): PlaceIndex {
    return this.current;
  }
  private watermark = 0;
  private readonly catching = new Map<Executor, Promise<void>>();
  private readonly stored = new LRUCache<number, StoredFeatures>({
    maxSize: STORED_CACHE_BYTES,
    sizeCalculation: (v) => v.features.byteLength + v.words.byteLength + 100,
  });

  get size() {
    return this.index.size;
  }
  /** Bytes of the postings and of the stored-feature cache (bounded by STORED_CACHE_BYTES). */
  memory(): { indexBytes: number; cacheBytes: number } {
    return { indexBytes: this.index.memoryBytes(), cacheBytes: this.stored.calculatedSize ?? 0 };
  }

  /**
   * Adds every media_features row above the watermark. `db`: the caller's transaction inside one (PGlite has one
   * connection). Callers on the same executor share one load; a load on another executor runs beside it rather
   * than being awaited, since on PGlite a transaction awaiting a load outside it (the start-up load, another
   * batch's) would wait for a connection it holds itself. Two loads at once are harmless: an id is added once.
   */
  catchUp(db: Executor): Promise<void> {
    let loading = this.catching.get(db);
    if (!loading) {
      loading = this.load(db).finally(() => this.catching.delete(db));
      this.catching.set(db, loading);
    }
    return loading;
  }

  private async load(db: Executor): Promise<void> {
    if (!this.snapshotTried) {
      this.snapshotTried = true;
      if (this.opts.snapshot) await this.fromSnapshot(db, this.opts.snapshot);
    }
    let added = 0;
    for (;;) {
      const rows = await db
        .selectFrom('media_features')
        .select(['media_id', 'words', 'vocabulary'])
        .where('media_id', '>', this.watermark)
        .orderBy('media_id')
        .limit(this.page)
        .execute();
      for (const [i, r] of rows.entries()) {
        if (i > 0 && i % this.addsPerTurn === 0) await yieldToLoop();
        if (!this.index.has(r.media_id)) {
          this.index.add(r.media_id, r.vocabulary === VOCABULARY_ID ? decodeWords(r.words) : await this.requantise(db, r.media_id));
          this.maxAdded = Math.max(this.maxAdded, r.media_id);
          this.sinceSave++;
          added++;
        }
      }
      if (rows.length) this.watermark = Math.max(this.watermark, rows[rows.length - 1]!.media_id);
      if (rows.length < this.page) break;
    }
    if (added >= (this.opts.resaveAfter ?? 50_000)) this.save();
  }

  /** Starts from the snapshot when it covers exactly the rows the database has up to its watermark. */
  private async fromSnapshot(db: Executor, file: string): Promise<void> {
    const t0 = performance.now();
    const snap = readPlaceSnapshot(file, this.index.vocabulary);
    let reason = 'error' in snap ? snap.error : null;
    if (!('error' in snap)) {
      const { maxId, count, vocabulary } = snap.watermark;
      // Rows without words have no place in the index (add() leaves them out).
      const now = Number(
        (
          await db
            .selectFrom('media_features')
            .select((e) => e.fn.countAll().as('n'))
            .where('media_id', '<=', maxId)
            .where(sql`octet_length(words)`, '>', 0)
            .executeTakeFirstOrThrow()
        ).n,
      );
      if (vocabulary !== VOCABULARY_ID) reason = `snapshot of vocabulary ${vocabulary}, not ${VOCABULARY_ID}`;
      else if (now !== count) reason = `stale snapshot: ${now} rows up to media ${maxId}, snapshot has ${count}`;
      else if (this.index.size === 0) {
        this.current = snap.index;
        this.watermark = this.maxAdded = maxId;
        this.opts.log?.(`place index: snapshot of ${count} images read in ${(performance.now() - t0).toFixed(0)} ms`);
        return;
      }
    }
    if (reason) this.opts.log?.(`place index: rebuilding from the database (${reason})`);
  }

  /** Writes the snapshot if rows were added since it was read or written (at close, and after a large load). */
  save(): void {
    if (!this.opts.snapshot || this.sinceSave === 0) return;
    // Up to the last id added, not the watermark: a save between two rows of a page holds the rows added so far.
    writePlaceSnapshot(this.opts.snapshot, this.index, { maxId: this.maxAdded, count: this.index.size, vocabulary: VOCABULARY_ID });
    this.sinceSave = 0;
  }

  async features(db: Executor, mediaId: number): Promise<{ f: Features; words: Uint32Array } | null> {
    const r = (await this.storedFeatures(db, [mediaId])).get(mediaId);
    return r ? { f: decodeFeatures(r.features), words: decodeWords(r.words) } : null;
  }

  /**
   * Stored features of these media (those that still exist), from memory where recently read. A cached record
   * still costs an id lookup: media removed since (retention, a withdrawn seizure) must not be verified.
   */
  async storedFeatures(db: Executor, ids: readonly number[]): Promise<Map<number, StoredFeatures>> {
    const out = new Map<number, StoredFeatures>();
    const cached = ids.filter((id) => this.stored.has(id));
    const held = new Set(cached);
    if (cached.length) {
      const alive = new Set((await db.selectFrom('media_features').select('media_id').where('media_id', 'in', cached).execute()).map((r) => r.media_id));
      for (const id of cached) {
        if (alive.has(id)) out.set(id, this.stored.get(id)!);
        else this.stored.delete(id);
      }
    }
    // Held records whose media are gone are not read again: they would not be found.
    const missing = ids.filter((id) => !held.has(id));
    for (let i = 0; i < missing.length; i += FEATURE_READ_CHUNK)
      for (const r of await db
        .selectFrom('media_features')
        .select(['media_id', 'features', 'words', 'vocabulary'])
        .where('media_id', 'in', missing.slice(i, i + FEATURE_READ_CHUNK))
        .execute()) {
        // Words of another vocabulary are left out: verification quantises the features again (matchWithWords).
        // Copies: a driver's small Buffer is a view of a shared 8 KB slab, which a held view would keep alive.
        const v = { features: new Uint8Array(r.features), words: r.vocabulary === VOCABULARY_ID ? new Uint8Array(r.words) : new Uint8Array(0) };
        this.stored.set(r.media_id, v);
        out.set(r.media_id, v);
      }
    return out;
  }

  /** A row quantised with an earlier vocabulary: its words again from its stored features, written back once. */
  private async requantise(db: Executor, mediaId: number): Promise<Uint32Array> {
    const r = await db.selectFrom('media_features').select('features').where('media_id', '=', mediaId).executeTakeFirstOrThrow();
    const f = decodeFeatures(r.features);
    const words = wordsOf(this.index.vocabulary, f.desc, f.count);
    await db
      .updateTable('media_features')
      .set({ words: encodeWords(words), vocabulary: VOCABULARY_ID })
      .where('media_id', '=', mediaId)
      .execute();
    return words;
  }

  /** Index candidates for stored words (verified elsewhere: PlaceVerifyTask on a worker), best score first. */
  async candidates(db: Executor, words: Uint32Array, n = PLACE_CANDIDATES): Promise<Array<{ id: number; score: number }>> {
    return (await this.candidatesOfEach(db, [words], n))[0]!;
  }

  /** candidates() for several word sets (a batch's items) after one catch-up with the database. */
  async candidatesOfEach(db: Executor, words: readonly Uint32Array[], n = PLACE_CANDIDATES): Promise<Array<Array<{ id: number; score: number }>>> {
    const t0 = performance.now();
    await this.catchUp(db);
    let ms = performance.now() - t0;
    const out: Array<Array<{ id: number; score: number }>> = [];
    for (const [i, w] of words.entries()) {
      // One search took ~21 ms at 90,000 indexed images, a batch of them ~330 ms without a break, when /health's
      // max was 647 ms (bench:ingest, 100,000 files). Between items other requests get their turn.
      if (i > 0) await yieldToLoop();
      const t = performance.now();
      out.push(this.index.candidates(w, n));
      ms += performance.now() - t;
    }
    // The catch-up and the searches, not the turns other work took between them (the profile's main-thread figure).
    addSpan('place: index candidates', ms);
    return out;
  }

  /** Verified same-scene media for a feature set, most inliers first. */
  async query(db: Executor, f: Features, opts: { exclude?: (id: number) => boolean; minInliers?: number; candidates?: number } = {}): Promise<PlaceHit[]> {
    await this.catchUp(db);
    const words = this.index.words(f);
    const cands = this.index.candidates(words, opts.candidates ?? PLACE_CANDIDATES, opts.exclude);
    const hits: PlaceHit[] = [];
    for (const c of cands) {
      const other = await this.features(db, c.id);
      if (!other) continue;
      const v = verifyPlace(f, words, other.f, this.index.vocabulary, other.words);
      if (isPlaceLink(v, opts.minInliers)) hits.push({ ...c, verification: v });
    }
    return hits.sort(byInliers);
  }
}

const matchers = new WeakMap<object, PlaceMatcher>();
/** One matcher per application context (ctx), created on first use. */
export function placeMatcher(ctx: { config: { dataDir: string }; log: { info(msg: string): void } }): PlaceMatcher {
  let m = matchers.get(ctx);
  if (!m) matchers.set(ctx, (m = new PlaceMatcher({ snapshot: path.join(ctx.config.dataDir, 'index', 'places.plx'), log: (msg) => ctx.log.info(msg) })));
  return m;
}
