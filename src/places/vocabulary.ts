// Visual vocabulary (DBoW2 style): a tree of binary centroids, branching K, depth L; a descriptor's word
// is its leaf, numbered by its path (digits base K), so the node at any depth is a prefix of the word.
// Trained by k-majority (k-means for bit vectors: each centroid bit is the majority of its members)
// with k-means++ seeding. Each word carries an idf weight from the training images. Pure.
import { Prng } from '../matching/prng.js';
import { DESC_BYTES, descDistance } from './features.js';
import { vocabularyWords } from './kernel.js';

export interface Vocabulary {
  version: number;
  k: number;
  depth: number;
  /** Centroids of every node in breadth-first order, node n's children at n*K+1 .. n*K+K (root excluded:
   * node ids start at 1 for the first level), DESC_BYTES each; a missing child is all-zero and flagged. */
  centroids: Uint8Array;
  present: Uint8Array;
  /** idf per word (K^depth). */
  idf: Float32Array;
}

export const nodeCount = (k: number, depth: number) => {
  let n = 0,
    p = 1;
  for (let d = 0; d < depth; d++) {
    p *= k;
    n += p;
  }
  return n;
};
export const wordCount = (v: Pick<Vocabulary, 'k' | 'depth'>) => v.k ** v.depth;

/** Word of descriptor i of `desc`. */
export function wordOf(v: Vocabulary, desc: Uint8Array, i: number): number {
  let node = 0,
    word = 0; // node: index of the parent in the implicit tree (0 = root)
  for (let d = 0; d < v.depth; d++) {
    let best = 0,
      bestD = 1e9;
    const first = node * v.k; // children of `node` occupy first .. first+k-1 (0-based over non-root nodes)
    for (let c = 0; c < v.k; c++) {
      if (!v.present[first + c]) continue;
      const dist = descDistance(desc, i, v.centroids, first + c);
      if (dist < bestD) {
        bestD = dist;
        best = c;
      }
    }
    word = word * v.k + best;
    node = first + best + 1;
  }
  return word;
}

export function wordsOf(v: Vocabulary, desc: Uint8Array, count: number): Uint32Array {
  // The WebAssembly kernel's popcounts where available (~an order of magnitude faster), the same words.
  if (count > 0) {
    const fast = vocabularyWords(v.centroids, v.present, v.k, v.depth, desc, count);
    if (fast) return fast;
  }
  return wordsOfPlain(v, desc, count);
}

/** wordsOf in plain TypeScript (the kernel's reference, and the path without WebAssembly SIMD). */
export function wordsOfPlain(v: Vocabulary, desc: Uint8Array, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = wordOf(v, desc, i);
  return out;
}

function kMajority(desc: Uint8Array, members: Int32Array, k: number, rng: Prng, iterations: number): { centroids: Uint8Array; assign: Int32Array } {
  const n = members.length;
  const cents = new Uint8Array(k * DESC_BYTES);
  // k-means++ seeding.
  const dmin = new Float64Array(n).fill(1e9);
  let chosen = members[rng.int(n)]!;
  for (let c = 0; c < k; c++) {
    cents.set(desc.subarray(chosen * DESC_BYTES, chosen * DESC_BYTES + DESC_BYTES), c * DESC_BYTES);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = descDistance(desc, members[i]!, cents, c);
      if (d < dmin[i]!) dmin[i] = d;
      total += dmin[i]! * dmin[i]!;
    }
    let r = rng.float() * total;
    for (let i = 0; i < n; i++) {
      r -= dmin[i]! * dmin[i]!;
      if (r <= 0) {
        chosen = members[i]!;
        break;
      }
    }
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0,
        bd = 1e9;
      for (let c = 0; c < k; c++) {
        const d = descDistance(desc, members[i]!, cents, c);
        if (d < bd) {
          bd = d;
          best = c;
        }
      }
      if (assign[i] !== best) changed++;
      assign[i] = best;
    }
    const counts = new Int32Array(k * 256),
      sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!,
        o = members[i]! * DESC_BYTES;
      sizes[c]!++;
      for (let b = 0; b < 256; b++) if (desc[o + (b >> 3)]! & (1 << (b & 7))) counts[c * 256 + b]!++;
    }
    cents.fill(0);
    for (let c = 0; c < k; c++) for (let b = 0; b < 256; b++) if (counts[c * 256 + b]! * 2 > sizes[c]!) cents[c * DESC_BYTES + (b >> 3)]! |= 1 << (b & 7);
    if (it > 0 && changed === 0) break;
  }
  return { centroids: cents, assign };
}

/** Trains a vocabulary on descriptors grouped by image (imageOf[i] = image index, for idf). */
export function trainVocabulary(
  desc: Uint8Array,
  imageOf: Uint32Array,
  opts: { k?: number; depth?: number; seed?: number; iterations?: number } = {},
): Vocabulary {
  const k = opts.k ?? 10,
    depth = opts.depth ?? 4;
  const rng = new Prng(opts.seed ?? 1);
  const nodes = nodeCount(k, depth);
  const centroids = new Uint8Array(nodes * DESC_BYTES),
    present = new Uint8Array(nodes);
  const n = desc.length / DESC_BYTES;
  // Breadth-first: queue of (node index of the parent in the implicit numbering, its members).
  let level: Array<{ parent: number; members: Int32Array }> = [{ parent: 0, members: Int32Array.from({ length: n }, (_, i) => i) }];
  for (let d = 0; d < depth; d++) {
    const next: typeof level = [];
    for (const { parent, members } of level) {
      const first = parent * k;
      if (members.length === 0) continue;
      if (members.length <= k) {
        members.forEach((m, c) => {
          centroids.set(desc.subarray(m * DESC_BYTES, m * DESC_BYTES + DESC_BYTES), (first + c) * DESC_BYTES);
          present[first + c] = 1;
        });
        members.forEach((m, c) => next.push({ parent: first + c + 1, members: Int32Array.of(m) }));
        continue;
      }
      const { centroids: cs, assign } = kMajority(desc, members, k, rng, opts.iterations ?? 8);
      for (let c = 0; c < k; c++) {
        const mem = members.filter((_, i) => assign[i] === c);
        if (!mem.length) continue;
        centroids.set(cs.subarray(c * DESC_BYTES, c * DESC_BYTES + DESC_BYTES), (first + c) * DESC_BYTES);
        present[first + c] = 1;
        next.push({ parent: first + c + 1, members: mem });
      }
    }
    level = next;
  }
  const v: Vocabulary = { version: 1, k, depth, centroids, present, idf: new Float32Array(k ** depth) };
  // idf = log(N / n_w) over training images; words never seen get the largest weight.
  const images = new Set(imageOf).size;
  const seen = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    const w = wordOf(v, desc, i);
    let s = seen.get(w);
    if (!s) seen.set(w, (s = new Set()));
    s.add(imageOf[i]!);
  }
  for (let w = 0; w < v.idf.length; w++) v.idf[w] = Math.log(images / (seen.get(w)?.size ?? 0.5));
  return v;
}

// File format: 'VOC1', version u32, k u32, depth u32, present bytes, centroids, idf (float32 LE).
export function encodeVocabulary(v: Vocabulary): Uint8Array {
  const nodes = nodeCount(v.k, v.depth);
  const out = new Uint8Array(16 + nodes + nodes * DESC_BYTES + v.idf.length * 4);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x31434f56, true);
  dv.setUint32(4, v.version, true);
  dv.setUint32(8, v.k, true);
  dv.setUint32(12, v.depth, true);
  out.set(v.present, 16);
  out.set(v.centroids, 16 + nodes);
  const o = 16 + nodes + nodes * DESC_BYTES;
  v.idf.forEach((x, i) => dv.setFloat32(o + 4 * i, x, true));
  return out;
}

export function decodeVocabulary(b: Uint8Array): Vocabulary {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (dv.getUint32(0, true) !== 0x31434f56) throw new Error('not a VOC1 vocabulary file');
  const version = dv.getUint32(4, true),
    k = dv.getUint32(8, true),
    depth = dv.getUint32(12, true);
  const nodes = nodeCount(k, depth),
    words = k ** depth;
  if (b.byteLength !== 16 + nodes + nodes * DESC_BYTES + words * 4) throw new Error('vocabulary file has the wrong length');
  const idf = new Float32Array(words);
  const o = 16 + nodes + nodes * DESC_BYTES;
  for (let i = 0; i < words; i++) idf[i] = dv.getFloat32(o + 4 * i, true);
  return { version, k, depth, present: b.slice(16, 16 + nodes), centroids: b.slice(16 + nodes, 16 + nodes + nodes * DESC_BYTES), idf };
}
