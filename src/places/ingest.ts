// What the hashing worker computes for the place index: the encoded features (media_features.features)
// and their visual words under the committed vocabulary (media_features.words, u16 each), from the same
// decode PDQ uses. The words are stored so the index is rebuilt at start without re-extracting.
import { encodeFeatures, featuresFromPixels } from './features.js';
import { wordsOf } from './vocabulary.js';
import { loadVocabulary } from './vocabulary-file.js';

export interface PlaceFeatures {
  features: Uint8Array;
  words: Uint8Array;
  count: number;
  ms: number;
}

export function placeFeatures(pixels: Uint8Array, width: number, height: number, channels: number): PlaceFeatures {
  const t0 = performance.now();
  const f = featuresFromPixels(pixels, width, height, channels);
  const w = wordsOf(loadVocabulary(), f.desc, f.count);
  return { features: encodeFeatures(f), words: encodeWords(w), count: f.count, ms: performance.now() - t0 };
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
