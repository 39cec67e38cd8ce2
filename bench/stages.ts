// `npm run bench:stages [-- --n 50 --rounds 3]` — the hashing worker's pure stages on packaged photos (at 512 px;
// the worker's place features also from its 1024-px work image), one thread: the robust signature in its query form (what the worker
// computes from its 1024-px work image, beside the same with the work luma in TypeScript) and its stored form, and the
// place features. Each stage's SHA-256 over all outputs is printed first,
// so a change meant to be bit-identical can be checked against the digest of the tree before it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { setKernelEnabled } from '../src/places/features.js';
import { placeFeatures } from '../src/places/ingest.js';
import { setLumaKernelEnabled } from '../src/robust/luma.js';
import { robustQueryFromPixels } from '../src/robust/signature.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const n = arg('--n', 50);
const rounds = arg('--rounds', 3);
const dir = path.resolve('data/photo-cache/root');
if (!fs.existsSync(dir)) throw new Error('no packaged photos: run `npx tsx scripts/fetch-photos.ts` first');
const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
const images: Array<{ data: Uint8Array; w: number; h: number; work: { data: Uint8Array; w: number; h: number } }> = [];
for (const f of files) {
  if (images.length >= n) break;
  try {
    const { data, info } = await sharp(path.join(dir, f)).resize(512, 512, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    // The hashing worker's work image (≤ 1024 px): what the place stage's query form is made from.
    const big = await sharp(path.join(dir, f)).resize(1024, 1024, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    images.push({ data: new Uint8Array(data), w: info.width, h: info.height, work: { data: new Uint8Array(big.data), w: big.info.width, h: big.info.height } });
  } catch {
    // a damaged file in a package: the next one
  }
}

const stages: Record<string, (im: (typeof images)[number]) => unknown> = {
  'robust signature, query form': (im) => robustQueryFromPixels(im.data, im.w, im.h, 3),
  'robust signature, stored form': (im) => robustQueryFromPixels(im.data, im.w, im.h, 3, { halfLevels: false }),
  // What the hashing worker computes: the query form from its 1024-px work image (a box average by 2 to 512 first).
  'robust signature, worker (query form from 1024 px)': (im) => robustQueryFromPixels(im.work.data, im.work.w, im.work.h, 3),
  // Baseline in the same run: the work luma in TypeScript, not luma.wat (the digest must equal the line above's).
  'robust signature, worker, TypeScript luma (no kernel)': (im) => {
    setLumaKernelEnabled(false);
    try {
      return robustQueryFromPixels(im.work.data, im.work.w, im.work.h, 3);
    } finally {
      setLumaKernelEnabled(true);
    }
  },
  // The stored form (its digest is comparable with trees before the query form existed).
  'place features': (im) => {
    const { features, words, count } = placeFeatures(im.data, im.w, im.h, 3);
    return { features, words, count };
  },
  // What the worker computes: stored and query form (finer levels) from its 1024-px work image, with their words.
  'place features, worker (stored + query form from 1024 px)': (im) => {
    const { ms: _timing, ...rest } = placeFeatures(im.work.data, im.work.w, im.work.h, 3);
    return rest;
  },
  // Baseline in the same run: the plain TypeScript path, no WebAssembly kernel (the digest must equal the line above's).
  'place features, plain TypeScript (no kernel)': (im) => {
    setKernelEnabled(false);
    try {
      const { features, words, count } = placeFeatures(im.data, im.w, im.h, 3);
      return { features, words, count };
    } finally {
      setKernelEnabled(true);
    }
  },
};
const bytes = (_k: string, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
const figures: Record<string, number> = {};
for (const [name, run] of Object.entries(stages)) {
  const digest = createHash('sha256');
  for (const im of images) digest.update(JSON.stringify(run(im), bytes));
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const im of images) run(im);
    times.push((performance.now() - t0) / images.length);
  }
  const best = Math.min(...times);
  figures[name] = best;
  console.log(`${name}: ${times.map((t) => t.toFixed(2)).join(' / ')} ms per image (rounds), sha256 ${digest.digest('hex').slice(0, 16)}`);
}
console.log(
  JSON.stringify({
    bench: 'stages',
    images: images.length,
    ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k.replace(/\W+/g, '_'), +v.toFixed(2)])),
  }),
);
