// Key of cached features in the benches: a digest of what the extractor outputs on a fixed generated picture
// (textured shapes over a gradient, with noise), so a faster but bit-identical extractor keeps its caches, and
// any change of output (keypoints, descriptors; stored or query form) gets fresh ones. The query form's options are
// part of the key.
import { createHash } from 'node:crypto';
import { Prng } from '../src/matching/prng.js';
import { encodeFeatures, storedAndQueryFeatures, type ExtractOptions } from '../src/places/features.js';

export function extractorKey(opts?: ExtractOptions): string {
  const w = 800,
    h = 600,
    rng = new Prng(0xfea7);
  const px = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const cell = ((x >> 5) * 7 + (y >> 4) * 13) % 5;
      for (let c = 0; c < 3; c++) px[(y * w + x) * 3 + c] = Math.min(255, (x >> 2) + cell * 30 + c * 10 + rng.int(12));
    }
  // Both forms from one extraction (the stored form is what extractFeatures gives): the query form's finer levels can
  // change while the stored form stays bit-identical.
  const { stored, query } = storedAndQueryFeatures(px, w, h, 3, opts);
  return createHash('sha256')
    .update(encodeFeatures(stored))
    .update(encodeFeatures(query))
    .update(JSON.stringify(opts ?? {}))
    .digest('hex')
    .slice(0, 10);
}
