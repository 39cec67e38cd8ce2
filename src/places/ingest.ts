// What the hashing worker computes for the place index: the encoded features (media_features.features)
// and their visual words under the committed vocabulary (media_features.words, u16 each), from the same
// decode PDQ uses. The words are stored so the index is rebuilt at start without re-extracting. The query form
// (the same keypoints plus finer levels from the larger work image) is what the item is compared with; it is
// not stored.
import { encodeFeatures, storedAndQueryFeatures } from './features.js';
import { wordsOf } from './vocabulary.js';
import { loadVocabulary } from './vocabulary-file.js';

export interface PlaceFeatures {
  /** Stored form (media_features). */
  features: Uint8Array;
  words: Uint8Array;
  count: number;
  /** Query form: what this item is verified with against the index and its batch (storedAndQueryFeatures). */
  query: Uint8Array;
  queryWords: Uint8Array;
  ms: number;
}

export function placeFeatures(pixels: Uint8Array, width: number, height: number, channels: number): PlaceFeatures {
  const t0 = performance.now();
  const { stored, query } = storedAndQueryFeatures(pixels, width, height, channels);
  const voc = loadVocabulary();
  // The query form starts with the stored keypoints, so its words' prefix is the stored form's: one pass over
  // the tree (the kernel copies the 2.3 MB vocabulary in once per call).
  const qw = wordsOf(voc, query.desc, query.count);
  const w = qw.subarray(0, stored.count);
  return {
    features: encodeFeatures(stored),
    words: encodeWords(w),
    count: stored.count,
    query: encodeFeatures(query),
    queryWords: encodeWords(qw),
    ms: performance.now() - t0,
  };
}

export function encodeWords(w: Uint32Array): Uint8Array {
  const out = new Uint8Array(w.length * 2);
  w.forEach((v, i) => {
    out[2 * i] = v & 0xff;
    out[2 * i + 1] = v >> 8;
  });
  return out;
}
export function decodeWords(b: Uint8Array): Uint32Array {
  const out = new Uint32Array(b.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = b[2 * i]! | (b[2 * i + 1]! << 8);
  return out;
}
