// Place index: inverted files over visual words with tf-idf weights (DBoW2's L1 score), then geometric
// verification of the best candidates. In memory only the postings live (image slot u32 + the word's count u8 per
// distinct word of an image, one norm per image: ~3.6 KB at 590 keypoints); the keypoints and descriptors needed for
// verification are fetched per candidate from storage through `load` (the media_features table at
// ingest, a Map in tests and benches). Pure apart from that callback.
import type { Features } from './features.js';
import { matchInBuckets, type Match } from './match.js';
import { ransacHomography, type Verification } from './verify.js';
import { withGuidedMatches } from './guided.js';
import { bestFirst, bowVector, Postings, SCORE_BLOCK, TopK, wordCounts, type Candidate } from './bow.js';
import { wordsOf, type Vocabulary } from './vocabulary.js';

export { decodeFeatures, encodeFeatures, extractFeatures, featuresFromPixels, workLuma, type Features } from './features.js';
export { explain, ransacHomography, verifyPair, type Verification } from './verify.js';
export type { Match } from './match.js';
export { bowSimilarity, bowVector, type Candidate } from './bow.js';
export { decodeVocabulary, encodeVocabulary, trainVocabulary, wordsOf, type Vocabulary } from './vocabulary.js';

/** Candidates from the inverted file that are verified geometrically: 40 since the verification's kernel made each
 * one ~3× cheaper (bench:places, 10,000 distractors: recall@1 71.2 / 68.1 % at 20, 73.9 / 72.0 % at 40, no false link). */
export const PLACE_CANDIDATES = 40;
/** The inverted file's stop list: a query word in more than 10 % of the indexed images (and in over 1,000) is not
 * scored. Such words tell little apart, yet they are most of the postings a query visits, so a query's cost grew
 * with the index (2.5 M postings visited per query at 100,000 images, 26 ms). bench:places split 0: recall@1
 * 80.3 / 80.9 % without, 81.1 / 80.9 % with (10,000 indexed: lists over 1,000); at 100,000 a share of 2 % (lists
 * over 2,000) lost a fifth of the links, 10 % keeps the same share of words as at 10,000. See docs/near-duplicates.md. */
export const PLACE_STOP_FRACTION = 0.1;
export const PLACE_STOP_MINIMUM = 1000;
/** Inliers at or above which two pictures are linked as one place. An inlier agrees with the homography in position,
 * keypoint size and angle (verify.ts); with the size and angle check the wrong tail is shorter and steadier:
 * bench:places' largest wrong count (links to a sibling quarter of the same artwork apart) was 11 on split 0, where
 * 11 + 5 = 16 was chosen, then 12 and 10 on the fresh splits 1 and 2 (no false link). Without the check it was
 * 13 / 18 / 13 and needed 23. See docs/near-duplicates.md. */
export const PLACE_MIN_INLIERS = 16;
/** Share of the query picture the inliers must span: points packed in a caption, logo or watermark (shared by
 * unrelated pictures) are not a scene. 0.08 (0.05 before): the two wrong candidates above 16 inliers on split 0
 * spanned 0.054 and 0.068 of the frame (full box, before the trim), the right ones' 5th percentile 0.28. */
export const PLACE_MIN_COVERAGE = 0.08;
/** Width of the inliers across their narrowest axis, over the candidate's shorter side, that a link needs: points
 * along a line (a border, a row of a printed motif that two artworks share) are not a scene. With guided matching, a
 * wrong candidate that shares such a row grew to 16-17 inliers at spreads 0.019-0.033 (bench:places splits 0-3);
 * right links below 0.04 were 0-0.6 % of place queries. */
export const PLACE_MIN_SPREAD = 0.04;
/** Guided pairs (PLACE_GUIDED) link a candidate whose ratio-tested inliers stay below the threshold only with this
 * many more: wrong candidates with 8-13 inliers before guidance reached 16-20 after it in a shared texture (bench:places
 * splits 0-5, 2 of them on fresh splits after a spread floor alone was chosen), so 20 + 5 = 25 at 16. Above the
 * threshold the guided count ranks. */
export const PLACE_GUIDED_MARGIN = 9;
/** Inliers that decide a link at `minInliers`: the guided count when the ratio-tested one reaches the threshold or
 * the guided one the threshold + PLACE_GUIDED_MARGIN, else the ratio-tested count. */
export function linkInliers(v: Verification, minInliers = PLACE_MIN_INLIERS): number {
  const b = v.base;
  return !b || b.inliers >= minInliers || v.inliers >= minInliers + PLACE_GUIDED_MARGIN ? v.inliers : b.inliers;
}
/** The link rule: enough inliers, spread over enough of the picture and in two dimensions; or a partial copy, whose
 * own rule (chosen on ratio-tested matches, read from `base`) lets a smaller region count, as bench:detection measures
 * it (guided pairs can narrow the spread of a copy's inliers, and the coverage floor here is higher). */
export const isPlaceLink = (v: Verification, minInliers = PLACE_MIN_INLIERS): boolean =>
  (linkInliers(v, minInliers) >= minInliers && v.coverage >= PLACE_MIN_COVERAGE && v.spread >= PLACE_MIN_SPREAD) || isPartialCopy(v);
/** The partial-copy rule's own coverage floor (a logo-sized region of a collage still counts), as chosen with it. */
export const PARTIAL_MIN_COVERAGE = 0.05;
/** A partial copy (a known picture re-posted cropped, rotated, framed, in a collage or an inset, under a logo or
 * watermark) shares pixels, not only a scene: its inlier descriptors are near-identical (mean distance ≤ 30 of 256
 * bits) and spread in two dimensions (≥ 5 % of the shorter side across their narrowest axis: points packed in a
 * line of text, a title bar or a logo, which unrelated pictures share, are not a copy), and an edit maps a
 * picture by an affine transform (projective part ≤ 0.12; another camera position adds perspective).
 * bench:detection's partial-copy part chose the figures on its tune split: with the others, no wrong candidate of
 * 5,000 unrelated queries (carrying the same overlays) reached 36 inliers; 39 keeps a margin of 3. The spread was
 * 0.08 until 2026-12-07: true copies of a picture textured in one part (an off-centre crop, most often) pack hundreds
 * of inliers in a band 0.04–0.08 wide, while the tune split's wrong tail stays at 21 inliers down to 0.045 and
 * jumps to 55 below it (title bars, lines of text). So 0.05 at 39 inliers, and 0.04 at 80 (55 + ~45 %).
 * See README and docs/near-duplicates.md. */
export const PARTIAL_MIN_INLIERS = 39;
export const PARTIAL_MAX_DISTANCE = 30;
export const PARTIAL_MIN_SPREAD = 0.05;
/** A narrower region (down to 0.04 of the shorter side) is a copy only with many more inliers. */
export const PARTIAL_NARROW_SPREAD = 0.04;
export const PARTIAL_NARROW_MIN_INLIERS = 80;
export const PARTIAL_MAX_PROJECTIVE = 0.12;
export const isPartialCopy = (verification: Verification) => {
  const v = verification.base ?? verification;
  return (
    v.inliers >= PARTIAL_MIN_INLIERS &&
    v.coverage >= PARTIAL_MIN_COVERAGE &&
    v.inlierDistance <= PARTIAL_MAX_DISTANCE &&
    (v.spread >= PARTIAL_MIN_SPREAD || (v.spread >= PARTIAL_NARROW_SPREAD && v.inliers >= PARTIAL_NARROW_MIN_INLIERS)) &&
    v.projective <= PARTIAL_MAX_PROJECTIVE
  );
};

export interface PlaceHit extends Candidate {
  verification: Verification;
}

/** The order place hits are reported in: most inliers first, then by media id. */
export const byInliers = (a: PlaceHit, b: PlaceHit): number => b.verification.inliers - a.verification.inliers || a.id - b.id;

export interface PlaceQueryOptions {
  /** Candidates verified geometrically. */
  candidates?: number;
  minInliers?: number;
  /** Ids never to return (e.g. rejected links, the query itself). */
  exclude?: (id: number) => boolean;
}

/** A place index as flat arrays (slots numbered 0..n-1 in id order of addition; per word its postings' length). */
export interface PlaceSections {
  ids: Uint32Array;
  norms: Float32Array;
  lengths: Uint32Array;
  slots: Uint32Array;
  tf: Uint8Array;
}

export class PlaceIndex {
  private readonly postings: Postings[];
  private readonly slotOf = new Map<number, number>();
  private ids = new Uint32Array(1024);
  private alive = new Uint8Array(1024);
  private slots = 0;
  private live = 0;
  /** Per slot, side by side (one cache line per posting visited): [2 slot] a query's running score, [2 slot + 1]
   * 1 / Σ count × idf over the image's words (its L1 norm), so a posting's weight needs no float of its own. */
  private scored = new Float32Array(2048);
  /** add()'s scratch: a counter per word (all zero between calls) and the distinct words in order of first use. */
  private readonly wordCount: Uint32Array;
  private firstSeen = new Uint32Array(1024);
  /** Stop list (Sivic & Zisserman's, by the index's own counts): a query word whose posting list holds more than
   * this share of the indexed images is skipped (PLACE_STOP_FRACTION; 1: none). */
  stopFraction = PLACE_STOP_FRACTION;
  /** Lists at or under this length are always scanned (a small index has no stop list). */
  stopMinimum = PLACE_STOP_MINIMUM;
  /** Slots scored together (a test makes it small to cross many blocks). */
  scoreBlock = SCORE_BLOCK;
  /** Counters for benches: posting entries visited and query words skipped since construction. */
  visited = 0;
  stopped = 0;
  private stopAbove() {
    return this.stopFraction >= 1 ? Infinity : Math.max(this.stopMinimum, this.stopFraction * this.live);
  }
  /** Per slot, the containment score's sum while a query with `contained` runs (allocated on first use). */
  private contain = new Float32Array(0);
  /** Per slot, the covering score's sum while a query with `covering` runs (allocated on first use). */
  private cover = new Float32Array(0);

  constructor(readonly vocabulary: Vocabulary) {
    this.postings = Array.from({ length: vocabulary.idf.length }, () => new Postings());
    this.wordCount = new Uint32Array(vocabulary.idf.length);
  }

  get size() {
    return this.live;
  }
  has(id: number) {
    return this.slotOf.has(id);
  }

  /** Words of a feature set under this index's vocabulary. */
  words(f: Features): Uint32Array {
    return wordsOf(this.vocabulary, f.desc, f.count);
  }

  add(id: number, words: Uint32Array) {
    if (this.slotOf.has(id) || words.length === 0) return;
    if (this.slots === this.ids.length) {
      const ids = new Uint32Array(this.slots * 2);
      ids.set(this.ids);
      this.ids = ids;
      const al = new Uint8Array(this.slots * 2);
      al.set(this.alive);
      this.alive = al;
      const sc = new Float32Array(this.slots * 4);
      sc.set(this.scored);
      this.scored = sc;
    }
    const slot = this.slots++;
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.slotOf.set(id, slot);
    this.live++;
    // Each distinct word once, in order of first occurrence, with its count as the u8 postings keep it (so the
    // norm is of the weights the scores use). A counter per word, not a Map: a start-up rebuilds 100,000 images.
    const count = this.wordCount,
      order = this.firstSeen.length >= words.length ? this.firstSeen : (this.firstSeen = new Uint32Array(words.length));
    let distinct = 0;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (count[w]++ === 0) order[distinct++] = w;
    }
    const idf = this.vocabulary.idf;
    let sum = 0;
    for (let i = 0; i < distinct; i++) {
      const w = order[i]!;
      sum += Math.min(255, count[w]!) * Math.max(0, idf[w]!);
    }
    this.scored[2 * slot + 1] = sum > 0 ? 1 / sum : 0;
    for (let i = 0; i < distinct; i++) {
      const w = order[i]!;
      if (idf[w]! > 0) this.postings[w]!.push(slot, Math.min(255, count[w]!));
      count[w] = 0;
    }
  }

  /** Tombstones the image (its postings are skipped; a snapshot rebuild drops them). */
  remove(id: number) {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.alive[slot] = 0;
    this.slotOf.delete(id);
    this.live--;
  }

  /** Top candidates by L1 score 0.5 Σ (|q|+|d|-|q-d|) over shared words; with `contained`, that many more by the
   * share of the candidate's own tf-idf weight that the query holds too (Σ min(count_q, count_d) × idf × its norm):
   * a known picture shown small inside another one is a small part of the query's vector, so its L1 score is low,
   * but most of its own words are there. With `covering`, that many more by the share of the query's weight that the
   * candidate holds (Σ min(count_q, count_d) × idf; the query's norm is the same for all): a zoomed-in or half-hidden
   * view of a known picture is a small part of its vector, so again the L1 score is low. */
  candidates(words: Uint32Array, k = 10, exclude?: (id: number) => boolean, contained = 0, covering = 0): Candidate[] {
    const q = bowVector(this.vocabulary, words);
    const counts = contained > 0 || covering > 0 ? wordCounts(words) : null;
    if (counts && this.contain.length < this.ids.length) {
      this.contain = new Float32Array(this.ids.length);
      this.cover = new Float32Array(this.ids.length);
    }
    const scored = this.scored,
      contain = this.contain,
      cover = this.cover,
      idfs = this.vocabulary.idf;
    const longest = this.stopAbove();
    // The query's lists (stop list applied), then the hot loop (~4 M postings at 100,000 images of a seizure's few
    // scenes). It runs by blocks of slots whose running scores stay in the core's cache (a posting list is in slot
    // order: one cursor per list); per slot the contributions still add up in the query's word order, so scores are
    // bit for bit those of one pass (44–48 → 34–43 ms per query at 100,000 images, 3.8 M postings each, one run).
    const lists: Array<{ qw: number; idf: number; slots: Uint32Array; tf: Uint8Array; n: number; qc: number }> = [];
    for (let i = 0; i < q.words.length; i++) {
      const qw = q.weights[i]!;
      if (qw <= 0) continue;
      const word = q.words[i]!,
        p = this.postings[word]!;
      if (p.n > longest) {
        this.stopped++;
        continue;
      }
      this.visited += p.n;
      lists.push({ qw, idf: idfs[word]!, slots: p.slots, tf: p.tf, n: p.n, qc: counts ? Math.min(255, counts.get(word)!) : 0 });
    }
    const cursor = new Int32Array(lists.length);
    for (let lo = 0; lo < this.slots; lo += this.scoreBlock) {
      const hi = lo + this.scoreBlock;
      for (let l = 0; l < lists.length; l++) {
        const { qw, idf, slots, tf, n, qc } = lists[l]!;
        let j = cursor[l]!;
        if (counts)
          for (; j < n && slots[j]! < hi; j++) {
            const s = slots[j]!,
              sc = scored[2 * s]!,
              norm = scored[2 * s + 1]!;
            const dw = tf[j]! * idf * norm;
            scored[2 * s] = sc + (qw + dw - Math.abs(qw - dw));
            const both = Math.min(qc, tf[j]!) * idf;
            contain[s]! += both * norm;
            cover[s]! += both;
          }
        else
          for (; j < n && slots[j]! < hi; j++) {
            const s = slots[j]!,
              sc = scored[2 * s]!;
            const dw = tf[j]! * idf * scored[2 * s + 1]!;
            scored[2 * s] = sc + (qw + dw - Math.abs(qw - dw));
          }
        cursor[l] = j;
      }
    }
    const byScore = new TopK(k),
      // The L1 top k may hold some of the containment top: keep k + contained to fill `contained` new ones.
      byShare = new TopK(contained > 0 ? k + contained : 0),
      byCover = new TopK(covering > 0 ? k + contained + covering : 0);
    // Every slot once, in order (~0.1 ms at 100,000 images, against a branch per posting to list the scored ones).
    for (let s = 0; s < this.slots; s++) {
      if (scored[2 * s] === 0) continue;
      const sc = scored[2 * s]! / 2,
        share = counts ? contain[s]! : 0,
        held = counts ? cover[s]! : 0;
      scored[2 * s] = 0;
      if (counts) contain[s] = cover[s] = 0;
      if (!this.alive[s] || !(byScore.admits(sc) || byShare.admits(share) || byCover.admits(held))) continue;
      const id = this.ids[s]!;
      if (exclude?.(id)) continue;
      if (byScore.admits(sc)) byScore.push({ id, score: sc });
      if (byShare.admits(share)) byShare.push({ id, score: share });
      if (byCover.admits(held)) byCover.push({ id, score: held });
    }
    const top = byScore.result();
    if (!counts) return top;
    const chosen = new Set(top.map((c) => c.id));
    const more = byShare.result(chosen).slice(0, contained);
    for (const c of more) chosen.add(c.id);
    return [...top, ...more, ...byCover.result(chosen).slice(0, covering)];
  }

  /** Candidates, then RANSAC against each candidate's stored features; links at or above minInliers. */
  async query(
    f: Features,
    load: (id: number) => Promise<{ f: Features; words?: Uint32Array } | null> | { f: Features; words?: Uint32Array } | null,
    opts: PlaceQueryOptions = {},
  ): Promise<PlaceHit[]> {
    const words = this.words(f);
    const cands = this.candidates(words, opts.candidates ?? PLACE_CANDIDATES, opts.exclude);
    const hits: PlaceHit[] = [];
    for (const c of cands) {
      const other = await load(c.id);
      if (!other) continue;
      const v = verifyPlace(f, words, other.f, this.vocabulary, other.words);
      if (isPlaceLink(v, opts.minInliers)) hits.push({ ...c, verification: v });
    }
    return hits.sort(byInliers);
  }

  /** The live images' postings, removed images dropped and slots numbered again: what a snapshot holds. */
  sections(): PlaceSections {
    const renumber = new Int32Array(this.slots).fill(-1);
    const ids = new Uint32Array(this.live),
      norms = new Float32Array(this.live);
    let live = 0;
    for (let s = 0; s < this.slots; s++)
      if (this.alive[s]) {
        renumber[s] = live;
        ids[live] = this.ids[s]!;
        norms[live++] = this.scored[2 * s + 1]!;
      }
    const lengths = new Uint32Array(this.postings.length);
    let total = 0;
    for (const [w, p] of this.postings.entries()) {
      for (let j = 0; j < p.n; j++) if (renumber[p.slots[j]!]! >= 0) lengths[w]!++;
      total += lengths[w]!;
    }
    const slots = new Uint32Array(total),
      tf = new Uint8Array(total);
    let k = 0;
    for (const p of this.postings)
      for (let j = 0; j < p.n; j++) {
        const to = renumber[p.slots[j]!]!;
        if (to < 0) continue;
        slots[k] = to;
        tf[k++] = p.tf[j]!;
      }
    return { ids, norms, lengths, slots, tf };
  }

  /** An index from sections(): the posting lists are views of `slots` and `tf` until they grow. */
  static fromSections(vocabulary: Vocabulary, s: PlaceSections): PlaceIndex {
    if (s.lengths.length !== vocabulary.idf.length) throw new Error(`place sections: ${s.lengths.length} posting lists for ${vocabulary.idf.length} words`);
    const index = new PlaceIndex(vocabulary);
    const n = s.ids.length,
      cap = Math.max(1024, n);
    index.ids = new Uint32Array(cap);
    index.ids.set(s.ids);
    index.alive = new Uint8Array(cap).fill(1, 0, n);
    index.scored = new Float32Array(2 * cap);
    for (let i = 0; i < n; i++) {
      index.scored[2 * i + 1] = s.norms[i]!;
      index.slotOf.set(s.ids[i]!, i);
    }
    index.slots = index.live = n;
    if (index.slotOf.size !== n) throw new Error('place sections: an image id twice');
    let at = 0;
    for (const [w, len] of s.lengths.entries()) {
      const p = index.postings[w]!;
      // Exactly n long: the next push copies them out instead of writing over the next list.
      p.slots = s.slots.subarray(at, at + len);
      p.tf = s.tf.subarray(at, at + len);
      p.n = len;
      at += len;
      for (let j = 1; j < len; j++) if (p.slots[j]! <= p.slots[j - 1]!) throw new Error('place sections: a posting list out of order');
      if (len && p.slots[len - 1]! >= n) throw new Error('place sections: a posting beyond the images');
    }
    if (at !== s.slots.length || s.tf.length !== at) throw new Error('place sections: postings and their lengths disagree');
    return index;
  }

  /** Bytes held in memory: postings arrays (allocated) + per-slot arrays + the id map (~40 B/entry). */
  memoryBytes(): number {
    let b = 0;
    for (const p of this.postings) b += p.slots.byteLength + p.tf.byteLength + 32;
    return b + this.ids.byteLength + this.alive.byteLength + this.scored.byteLength + this.slotOf.size * 40;
  }

  /** All (id, word list) pairs cannot be rebuilt from postings cheaply; snapshots keep the words per id. */
  ids_(): number[] {
    return [...this.slotOf.keys()];
  }
}

/** Whether place verification adds guided matches under the homography found (guided.ts; bench:places --guided). */
export const PLACE_GUIDED = true;

/** The place stage's verification: verifyWithWords, then guided matching when PLACE_GUIDED. */
export function verifyPlace(q: Features, qWords: Uint32Array, c: Features, voc: Vocabulary, cWords?: Uint32Array): Verification {
  const v = verifyWithWords(q, qWords, c, voc, cWords);
  return PLACE_GUIDED ? withGuidedMatches(q, c, v) : v;
}

/** Matching restricted to descriptors sharing a vocabulary node one level below the root (DBoW2's direct
 * index): ~K× fewer comparisons, few true matches lost (they sit in the same coarse cell). */
export function verifyWithWords(q: Features, qWords: Uint32Array, c: Features, voc: Vocabulary, cWords?: Uint32Array): Verification {
  return ransacHomography(q, c, matchWithWords(q, qWords, c, voc, cWords));
}

/** The descriptor matches verifyWithWords checks. */
export function matchWithWords(q: Features, qWords: Uint32Array, c: Features, voc: Vocabulary, stored?: Uint32Array): Match[] {
  // The candidate's stored words when they fit its features (else computed: an older record).
  const cWords = stored && stored.length === c.count ? stored : wordsOf(voc, c.desc, c.count);
  const div = voc.k ** (voc.depth - 1);
  // The candidate's features listed by first-level cell (counting sort: within a cell in feature order).
  const cells = voc.k,
    cellOf = (word: number) => Math.min(cells - 1, Math.floor(word / div));
  const start = new Int32Array(cells + 1);
  for (let j = 0; j < c.count; j++) start[cellOf(cWords[j]!) + 1]!++;
  for (let b = 0; b < cells; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, cells),
    list = new Int32Array(c.count);
  for (let j = 0; j < c.count; j++) list[fill[cellOf(cWords[j]!)]!++] = j;
  const qBucket = Int32Array.from(qWords.subarray(0, q.count), cellOf);
  return matchInBuckets(q, c, qBucket, start, list);
}
