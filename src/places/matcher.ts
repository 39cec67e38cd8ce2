// The live place index of one process: built from media_features (stored words, no re-extraction) and kept
// in step with every process's ingest by an id watermark: before each query it reads the rows above the
// watermark (keyset pages), so media committed by another process are found too. Rows removed from media
// cascade away; their postings stay until restart, and verification skips them (features gone).
// Memory: the postings only (bench:places prints bytes per image); features are read per candidate.
import type { Executor } from '../db/types.js';
import { decodeFeatures, type Features } from './features.js';
import { isPlaceLink, PLACE_CANDIDATES, PlaceIndex, verifyWithWords, type PlaceHit } from './index.js';
import { decodeWords, encodeWords } from './ingest.js';
import { wordsOf } from './vocabulary.js';
import { loadVocabulary, VOCABULARY_ID } from './vocabulary-file.js';

const PAGE = 5000;

export class PlaceMatcher {
  readonly index = new PlaceIndex(loadVocabulary());
  private watermark = 0;
  private catching: Promise<void> | null = null;

  get size() {
    return this.index.size;
  }

  /** Adds every media_features row above the watermark. `db`: the caller's transaction inside one (PGlite has one connection). */
  catchUp(db: Executor): Promise<void> {
    this.catching ??= (async () => {
      try {
        for (;;) {
          const rows = await db
            .selectFrom('media_features')
            .select(['media_id', 'words', 'vocabulary'])
            .where('media_id', '>', this.watermark)
            .orderBy('media_id')
            .limit(PAGE)
            .execute();
          for (const r of rows) this.index.add(r.media_id, r.vocabulary === VOCABULARY_ID ? decodeWords(r.words) : await this.requantise(db, r.media_id));
          if (rows.length) this.watermark = rows[rows.length - 1]!.media_id;
          if (rows.length < PAGE) return;
        }
      } finally {
        this.catching = null;
      }
    })();
    return this.catching;
  }

  async features(db: Executor, mediaId: number): Promise<{ f: Features; words: Uint32Array } | null> {
    const r = await db.selectFrom('media_features').select(['features', 'words', 'vocabulary']).where('media_id', '=', mediaId).executeTakeFirst();
    // Words of another vocabulary are left out: verification quantises the features again (matchWithWords), as in
    // placeCandidates.
    return r ? { f: decodeFeatures(r.features), words: r.vocabulary === VOCABULARY_ID ? decodeWords(r.words) : new Uint32Array(0) } : null;
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
    await this.catchUp(db);
    return this.index.candidates(words, n);
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
      const v = verifyWithWords(f, words, other.f, this.index.vocabulary, other.words);
      if (isPlaceLink(v, opts.minInliers)) hits.push({ ...c, verification: v });
    }
    return hits.sort((a, b) => b.verification.inliers - a.verification.inliers || a.id - b.id);
  }
}

const matchers = new WeakMap<object, PlaceMatcher>();
/** One matcher per application context (ctx), created on first use. */
export function placeMatcher(ctx: object): PlaceMatcher {
  let m = matchers.get(ctx);
  if (!m) matchers.set(ctx, (m = new PlaceMatcher()));
  return m;
}
