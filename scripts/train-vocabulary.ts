// Trains the place vocabulary (src/places/vocabulary.bin) on benign packaged photos: scikit-image's
// documentation figures (python-skimage-doc, fetched by scripts/fetch-photos.ts). Those images are never used
// as places or queries by bench:places (it takes its places from the wallpaper packages and skimage data), so
// the vocabulary is not tuned on what the bench measures. Recipe (deterministic): every image scaled to 512 px and
// 7 more views of it (turned ±20°, 0.6–1 of the size; seed 1), 500 features each (src/places/features.ts), K=16,
// depth 4 (65,536 words: word ids still fit u16), k-majority with k-means++ seeding (seed 1, 8 iterations per node),
// idf over the training views. A new recipe gets a new VOCABULARY_ID (src/places/vocabulary-file.ts).
//   npx tsx scripts/train-vocabulary.ts [--max-images N] [--out FILE] [--k 16] [--depth 4] [--augment 7]  (other shapes: experiments, never committed unasked)
import fs from 'node:fs';
import sharp from 'sharp';
import { fetchPhotos } from './fetch-photos.js';
import { featuresFromPixels, encodeVocabulary, trainVocabulary } from '../src/places/index.js';
import { DESC_BYTES } from '../src/places/features.js';
import { Prng } from '../src/matching/prng.js';

export const VOCABULARY_SOURCE = (f: string) => f.includes('/skimage-doc') || f.includes('/_images/');

const arg = (n: string) => {
  const i = process.argv.indexOf(n);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const files = fetchPhotos()
  .filter(VOCABULARY_SOURCE)
  .slice(0, Number(arg('--max-images') ?? 1e9));
const descs: Uint8Array[] = [],
  owners: number[] = [];
let img = 0;
// --augment N: N more views of each image (turned ±20°, scaled 0.6–1 of 512 px; seeded), for more descriptors per word.
const AUGMENT = Number(arg('--augment') ?? 7);
const rng = new Prng(1);
for (const f of files) {
  for (let a = 0; a <= AUGMENT; a++) {
    try {
      const size = a === 0 ? 512 : Math.round(512 * (0.6 + 0.4 * rng.float()));
      let pipe = sharp(f).flatten({ background: '#fff' }).resize(size, size, { fit: 'inside' });
      if (a > 0) pipe = sharp(await pipe.png().toBuffer()).rotate(Math.round(40 * rng.float() - 20), { background: '#fff' });
      const { data, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
      const feats = featuresFromPixels(data, info.width, info.height, info.channels);
      if (feats.count < 50) continue;
      descs.push(feats.desc);
      for (let i = 0; i < feats.count; i++) owners.push(img);
      img++;
    } catch {
      /* an unreadable file is skipped */
    }
  }
}
const all = new Uint8Array(owners.length * DESC_BYTES);
let o = 0;
for (const d of descs) {
  all.set(d, o);
  o += d.length;
}
console.error(`training on ${owners.length} descriptors from ${img} images`);
const t0 = performance.now();
const voc = trainVocabulary(all, Uint32Array.from(owners), { k: Number(arg('--k') ?? 16), depth: Number(arg('--depth') ?? 4), seed: 1, iterations: 8 });
const out = arg('--out') ?? new URL('../src/places/vocabulary.bin', import.meta.url).pathname;
fs.writeFileSync(out, encodeVocabulary(voc));
console.error(`wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${voc.present.reduce((a, b) => a + b, 0)} nodes)`);
