// The inverted file's parts that hold no index state: posting lists, the top-k by score, and an image's tf-idf
// vector (DBoW2's L1 form, for the index's scores and for comparing two pictures directly).
import type { Vocabulary } from './vocabulary.js';

// Empty until a word's first image (most of the 65,536 words have few postings, many none at first). A posting is
// the image's slot and the word's count in it (5 bytes): its tf-idf weight is count × idf(word) × the image's norm.
export class Postings {
  slots: Uint32Array = new Uint32Array(0);
  tf: Uint8Array = new Uint8Array(0);
  n = 0;
  push(slot: number, tf: number) {
    if (this.n === this.slots.length) {
      const grown = Math.max(4, this.n * 2);
      const slots = new Uint32Array(grown);
      slots.set(this.slots);
      this.slots = slots;
      const t = new Uint8Array(grown);
      t.set(this.tf);
      this.tf = t;
    }
    this.slots[this.n] = slot;
    this.tf[this.n] = tf;
    this.n++;
  }
}

/** Slots scored together: their running scores and norms (8 B each) fill 128 KB, within a core's L2 cache. */
export const SCORE_BLOCK = 16384;

export const bestFirst = (a: Candidate, b: Candidate) => b.score - a.score || a.id - b.id;

/** The k highest scores seen, best first, ties by id (exactly those, whatever order they come in): keeps at most
 * 4k, cut back to k when full. */
export class TopK {
  private best: Candidate[] = [];
  private floor = -1;
  constructor(private readonly k: number) {}
  /** Whether a score could still enter (checked before the id is looked up). */
  admits(score: number) {
    return this.k > 0 && score >= this.floor;
  }
  push(c: Candidate) {
    this.best.push(c);
    if (this.best.length > this.k * 4) {
      this.best.sort(bestFirst);
      this.best.length = this.k;
      this.floor = this.best[this.k - 1]!.score;
    }
  }
  result(skip?: Set<number>): Candidate[] {
    return this.best
      .filter((c) => !skip?.has(c.id))
      .sort(bestFirst)
      .slice(0, this.k);
  }
}

/** How many times each word occurs in an image's word list. */
export function wordCounts(words: Uint32Array): Map<number, number> {
  const tf = new Map<number, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/** Normalised tf-idf vector (L1) of an image's words: sorted word ids and weights. */
export function bowVector(voc: Vocabulary, words: Uint32Array): { words: Uint32Array; weights: Float32Array } {
  const tf = wordCounts(words);
  const ids = [...tf.keys()].sort((a, b) => a - b);
  const weights = new Float32Array(ids.length);
  let sum = 0;
  ids.forEach((w, i) => {
    weights[i] = (tf.get(w)! / words.length) * Math.max(0, voc.idf[w]!);
    sum += weights[i]!;
  });
  if (sum > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  return { words: Uint32Array.from(ids), weights };
}

/** DBoW2's L1 similarity of two normalised tf-idf vectors (sorted word ids): 0.5 Σ (|a|+|b|-|a-b|) over shared words. */
export function bowSimilarity(a: { words: Uint32Array; weights: Float32Array }, b: { words: Uint32Array; weights: Float32Array }): number {
  let i = 0,
    j = 0,
    s = 0;
  while (i < a.words.length && j < b.words.length) {
    const wa = a.words[i]!,
      wb = b.words[j]!;
    if (wa === wb) {
      const x = a.weights[i++]!,
        y = b.weights[j++]!;
      s += x + y - Math.abs(x - y);
    } else if (wa < wb) i++;
    else j++;
  }
  return s / 2;
}

export interface Candidate {
  id: number;
  score: number;
}
