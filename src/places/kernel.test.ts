// The WebAssembly SIMD FAST kernel gives the scalar scores on every pixel (random, flat, saturated and
// photo-like pictures, widths that are not multiples of 16, thresholds at the ends of the range), the
// features built on it are the same, and its embedded bytes are the compiled kernel.wat.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWat } from '../../scripts/wat.js';
import { Prng } from '../matching/prng.js';
import { downscaleScalar, encodeFeatures, extractFeatures, fastCorners, setKernelEnabled, storedAndQueryFeatures, workLuma } from './features.js';
import { downscaleWasm, fastCornersSimd, kernelAvailable, lumasWasm } from './kernel.js';
import { WASM_BASE64 } from './kernel.wasm.js';
import { matchWithWords, verifyWithWords, wordsOf } from './index.js';
import { setKernelMatching } from './match.js';
import { loadVocabulary } from './vocabulary-file.js';
import { wordsOfPlain } from './vocabulary.js';

const BORDER = 19;

function picture(w: number, h: number, kind: 'random' | 'flat' | 'extremes' | 'blobs', seed: number): Uint8Array {
  const rng = new Prng(seed);
  const img = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (kind === 'random') img[i] = rng.int(256);
      else if (kind === 'flat') img[i] = 128;
      else if (kind === 'extremes') img[i] = rng.int(2) ? 255 : 0;
      // Smooth shapes with corners: rectangles and a gradient, like a scene's edges.
      else img[i] = ((x >> 4) ^ (y >> 3)) & 1 ? 40 + ((x * 3) % 60) : 200 - ((y * 5) % 70);
    }
  if (kind === 'blobs') for (let k = 0; k < 200; k++) img[rng.int(w * h)] = rng.int(256);
  return img;
}

describe('FAST-9 in WebAssembly SIMD', () => {
  afterEach(() => setKernelEnabled(true));
  it('runs here (Node 20 has WebAssembly SIMD)', () => expect(kernelAvailable()).toBe(true));

  const cases: Array<[number, number, 'random' | 'flat' | 'extremes' | 'blobs', number]> = [
    [40, 40, 'random', 18],
    [41, 39, 'blobs', 18],
    [53, 77, 'random', 9],
    [64, 64, 'extremes', 18],
    [100, 57, 'blobs', 0],
    [123, 200, 'random', 255],
    [512, 341, 'blobs', 18],
    [517, 389, 'random', 18],
    [300, 300, 'flat', 18],
  ];
  it.each(cases)('%ix%i %s, threshold %i: the scalar scores on every pixel and the same suppressed corners', (w, h, kind, t) => {
    const img = picture(w, h, kind, w * 31 + h);
    setKernelEnabled(false);
    const scalar = fastCorners(img, w, h, t);
    setKernelEnabled(true);
    const simd = fastCornersSimd(img, w, h, t, BORDER)!;
    const want = scalar.score,
      got = simd.score;
    expect(simd.idx).toEqual(scalar.idx);
    expect(got.length).toBe(want.length);
    let corners = 0;
    for (let i = 0; i < want.length; i++) {
      if (got[i] !== want[i]) throw new Error(`pixel ${i % w},${Math.floor(i / w)}: simd ${got[i]} scalar ${want[i]}`);
      if (want[i]! > 0) corners++;
    }
    // The comparison means something: textured pictures with room inside the border have corners, a flat one none.
    if (kind === 'flat' || t === 255) expect(corners).toBe(0);
    else if (w - 2 * BORDER >= 16 && h - 2 * BORDER >= 16) {
      expect(corners).toBeGreaterThan(0);
      expect(scalar.idx.length).toBeGreaterThan(0);
      expect(scalar.idx.length).toBeLessThanOrEqual(corners);
    }
  });

  it('leaves features unchanged (the same keypoints and descriptors as the scalar path)', () => {
    const img = picture(512, 384, 'blobs', 7);
    const simd = extractFeatures(img, 512, 384);
    expect(fastCorners(img, 512, 384, 18).score).toBeInstanceOf(Uint16Array);
    setKernelEnabled(false);
    const scalar = extractFeatures(img, 512, 384);
    expect(simd.count).toBeGreaterThan(100);
    expect(simd.count).toBe(scalar.count);
    expect(Buffer.from(simd.desc).equals(Buffer.from(scalar.desc))).toBe(true);
    expect(Array.from(simd.xy)).toEqual(Array.from(scalar.xy));
  });

  it('embeds the compiled kernel.wat (npm run build:wasm)', async () => {
    const text = fs.readFileSync(fileURLToPath(new URL('./kernel.wat', import.meta.url)), 'utf8');
    const bytes = await compileWat(text, 'kernel.wat');
    expect(Buffer.from(bytes).toString('base64')).toBe(WASM_BASE64);
  });
});

describe('pyramid downscale in WebAssembly', () => {
  it.each([
    [512, 384, 427, 320],
    [517, 389, 431, 324],
    [41, 40, 34, 33],
    [1024, 683, 853, 569],
    [300, 300, 250, 250],
  ])('%ix%i -> %ix%i: the bytes of the scalar path', (w, h, nw, nh) => {
    const img = picture(w, h, 'random', w + h);
    const want = downscaleScalar(img, w, h, nw, nh);
    const got = downscaleWasm(img, w, h, nw, nh)!;
    expect(got.length).toBe(nw * nh);
    expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
    // Not a copy of the input's first bytes: the output varies and is no prefix of the source.
    expect(Buffer.from(got).equals(Buffer.from(img.subarray(0, nw * nh)))).toBe(false);
  });
});

describe('both work lumas in WebAssembly', () => {
  afterEach(() => setKernelEnabled(true));
  it.each([
    [1024, 683, 3],
    [777, 1024, 4],
    [1000, 999, 3],
  ])('%ix%i, %i channels: the bytes of two workLuma calls; the query form is the same with and without the kernels', (w, h, ch) => {
    const rng = new Prng(w * h + ch);
    const px = new Uint8Array(w * h * ch);
    // Smooth shapes plus noise: corners at every level.
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) px[(y * w + x) * ch + c] = (((x >> 5) ^ (y >> 4)) & 1 ? 60 : 190) + rng.int(20) + c * 3;
    const small = workLuma(px, w, h, ch),
      large = workLuma(px, w, h, ch, 1024);
    const got = lumasWasm(px, w, h, ch, small.width, small.height)!;
    expect(Buffer.from(got.small).equals(Buffer.from(small.luma))).toBe(true);
    expect(Buffer.from(got.large).equals(Buffer.from(large.luma))).toBe(true);
    const withKernels = storedAndQueryFeatures(px, w, h, ch);
    setKernelEnabled(false);
    const plain = storedAndQueryFeatures(px, w, h, ch);
    expect(withKernels.query.count).toBeGreaterThan(withKernels.stored.count);
    expect(Buffer.from(encodeFeatures(withKernels.query)).equals(Buffer.from(encodeFeatures(plain.query)))).toBe(true);
  });
});

describe('the work lumas in integers', () => {
  it('rounds as the float64 sums do, also where the exact luma (or a box mean) lies on .5', () => {
    // Colours whose 299 R + 587 G + 114 B ends in 500 (luma exactly n + .5 before rounding), and box neighbours
    // that put a 2×2 mean on .5 too: the places where the integer path hands over to the float64 expression.
    const half: number[][] = [];
    for (let r = 0; r < 256; r += 3)
      for (let g = 0; g < 256; g += 5) for (let b = 0; b < 256; b++) if ((299 * r + 587 * g + 114 * b) % 1000 === 500) half.push([r, g, b]);
    expect(half.length).toBeGreaterThan(1000);
    const w = 998,
      h = 666,
      ch = 3;
    const rng = new Prng(7);
    const px = new Uint8Array(w * h * ch);
    for (let i = 0; i < w * h; i++) {
      const c = i % 3 === 0 ? half[rng.int(half.length)]! : [rng.int(256), rng.int(256), rng.int(256)];
      px.set(c, i * ch);
    }
    // Blocks of one colour from `half`: their means are exactly on .5 at every box size.
    for (let y = 0; y < 200; y++) for (let x = 0; x < w; x++) px.set(half[(((y >> 2) * 251 + (x >> 2)) % half.length) | 0]!, (y * w + x) * ch);
    const small = workLuma(px, w, h, ch),
      large = workLuma(px, w, h, ch, 1024);
    const got = lumasWasm(px, w, h, ch, small.width, small.height)!;
    expect(Buffer.from(got.large).equals(Buffer.from(large.luma))).toBe(true);
    expect(Buffer.from(got.small).equals(Buffer.from(small.luma))).toBe(true);
  });
});

describe('descriptor matching in WebAssembly', () => {
  afterEach(() => setKernelMatching(true));
  it('gives the matches (and so the verification) of the plain loop, on related and unrelated pictures', () => {
    const voc = loadVocabulary();
    // Random overlapping rectangles: corners everywhere, none repeating.
    const base = new Uint8Array(700 * 520).fill(128);
    const rng = new Prng(11);
    for (let r = 0; r < 400; r++) {
      const x0 = rng.int(680),
        y0 = rng.int(500),
        w = 8 + rng.int(60),
        h = 8 + rng.int(60),
        v = rng.int(256);
      for (let y = y0; y < Math.min(520, y0 + h); y++) base.fill(v, y * 700 + x0, y * 700 + Math.min(700, x0 + w));
    }
    // The same picture shifted by (37, 21) and another one: right matches and chance ones.
    const shifted = new Uint8Array(640 * 480);
    for (let y = 0; y < 480; y++) for (let x = 0; x < 640; x++) shifted[y * 640 + x] = base[(y + 21) * 700 + x + 37]!;
    const a = extractFeatures(base, 700, 520),
      b = extractFeatures(shifted, 640, 480),
      other = extractFeatures(picture(640, 480, 'random', 5), 640, 480);
    const wa = wordsOf(voc, a.desc, a.count),
      wb = wordsOf(voc, b.desc, b.count),
      wo = wordsOf(voc, other.desc, other.count);
    for (const [q, qw, c, cw] of [
      [b, wb, a, wa],
      [other, wo, a, wa],
    ] as const) {
      const kernel = matchWithWords(q, qw, c, voc, cw);
      const vk = verifyWithWords(q, qw, c, voc, cw);
      setKernelMatching(false);
      const plain = matchWithWords(q, qw, c, voc, cw);
      const vp = verifyWithWords(q, qw, c, voc, cw);
      setKernelMatching(true);
      expect(kernel).toEqual(plain);
      expect(vk.inliers).toBe(vp.inliers);
      expect(vk.pairs).toEqual(vp.pairs);
    }
    // Meaningful: the shifted copy matches well, the unrelated picture hardly.
    expect(matchWithWords(b, wb, a, voc, wa).length).toBeGreaterThan(100);
    expect(verifyWithWords(b, wb, a, voc, wa).inliers).toBeGreaterThan(verifyWithWords(other, wo, a, voc, wa).inliers + 50);
  });
});

describe('vocabulary words in WebAssembly', () => {
  it('gives the words of the plain tree descent, for real features and for random descriptors (ties included)', () => {
    const voc = loadVocabulary();
    const f = extractFeatures(picture(640, 480, 'random', 9), 640, 480);
    const rng = new Prng(5);
    const random = Uint8Array.from({ length: 32 * 500 }, () => rng.int(256));
    // Copies of centroids are as near to two siblings as can be when siblings share bits: ties must break alike.
    const centroid = voc.centroids.slice(32 * 3, 32 * 4);
    for (const [desc, count] of [
      [f.desc, f.count],
      [random, 500],
      [centroid, 1],
    ] as const) {
      const fast = wordsOf(voc, desc, count);
      const plain = wordsOfPlain(voc, desc, count);
      expect(fast.length).toBe(count);
      expect(Array.from(fast)).toEqual(Array.from(plain));
    }
    expect(f.count).toBeGreaterThan(300);
    // Real features spread over many words (the descent is not stuck in one branch).
    expect(new Set(wordsOf(voc, f.desc, f.count)).size).toBeGreaterThan(f.count / 4);
  });
});
