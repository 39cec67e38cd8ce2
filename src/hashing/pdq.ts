// PDQ perceptual hash (Meta ThreatExchange), pure TypeScript, bit-exact with the C++ core
// (pdqhashing.cpp, downscaling.cpp, torben.cpp). The reference computes in float32; every
// float accumulation here is rounded with Math.fround or a Float32Array store in the same order.
// No I/O: callers hand in decoded pixels.

import { jaroszDownscale64, type LumaRows } from './jarosz.js';
import { checkChannels, checkPixels, lumaRows, rgbRows } from './luma.js';
import { dct64To16Simd, jaroszDownscale64Simd, simdEnabled, type SimdInput } from './jarosz-simd.js';
import { formatPdqWords } from './hex.js';

const fround = Math.fround;

/** Images smaller than this in either dimension hash to all zeros with quality 0 (reference MIN_HASHABLE_DIM). */
export const PDQ_MIN_HASHABLE_DIM = 5;

export interface PdqResult {
  /** 64 lowercase hex chars, upstream Hash256::format() order. */
  hash: string;
  /** 0..100; below ~50 the hash is unreliable (flat or featureless image). */
  quality: number;
}

export interface PdqDihedralHashes {
  original: string;
  rotate90: string;
  rotate180: string;
  rotate270: string;
  flipx: string;
  flipy: string;
  flipPlus1: string;
  flipMinus1: string;
}

export interface PdqDihedralResult {
  quality: number;
  hashes: PdqDihedralHashes;
}

/** The float stage: 16x16 DCT coefficients (row-major, float32) and the quality metric. */
export interface PdqFloat256 {
  dct: Float32Array;
  quality: number;
}

// ---------------------------------------------------------------- DCT, quality, median

/** 16x64 DCT-II rows 1..16 (skipping DC), float32 as in the reference dct_matrix_64. */
const DCT = (() => {
  const scale = fround(Math.sqrt(2.0 / 64));
  const d = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) d[i * 64 + j] = scale * Math.cos((Math.PI / 2.0 / 64) * (i + 1) * (2 * j + 1));
  }
  return d;
})();

const DCT_T = (() => {
  const t = new Float32Array(64 * 16);
  for (let i = 0; i < 16; i++) for (let k = 0; k < 64; k++) t[k * 16 + i] = DCT[i * 64 + k]!;
  return t;
})();

const dctTmp = new Float32Array(16 * 64);

/**
 * B = D A D^T with float32 accumulation in the reference order; A is 64x64, B is 16x16. The first product
 * runs k outside j so both operands are read row by row; each T[i][j] still sums its k terms in ascending
 * order, and a Float32Array store rounds every partial sum as fround does.
 */
export function dct64To16(a: Float32Array, out: Float32Array = new Float32Array(256)): Float32Array {
  const d = DCT;
  const t = dctTmp;
  t.fill(0);
  for (let i = 0; i < 16; i++) {
    const di = i * 64;
    for (let k = 0; k < 64; k++) {
      const dik = d[di + k]!;
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[di + j] = t[di + j]! + fround(dik * a[ak + j]!);
    }
  }
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let j = 0; j < 16; j++) {
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = fround(sum + fround(t[ti + k]! * d[dj + k]!));
      out[i * 16 + j] = sum;
    }
  }
  return out;
}

/** Reference pdqImageDomainQualityMetric: quantised gradient sum / 90, capped at 100. */
export function pdqQuality(b64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = Math.trunc(fround(fround(fround(b64[i * 64 + j]! - b64[(i + 1) * 64 + j]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = Math.trunc(fround(fround(fround(b64[i * 64 + j]! - b64[i * 64 + j + 1]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** Torben Mogensen's median (reference torben.cpp), float32 comparisons; returns the lower median for even n. */
export function torbenMedian(m: Float32Array, n = m.length): number {
  let min = m[0]!;
  let max = m[0]!;
  for (let i = 1; i < n; i++) {
    const v = m[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const half = (n + 1) >> 1;
  let less = 0,
    greater = 0,
    equal = 0;
  let guess = 0,
    maxLtGuess = 0,
    minGtGuess = 0;
  for (;;) {
    guess = fround(fround(min + max) / 2);
    less = 0;
    greater = 0;
    equal = 0;
    maxLtGuess = min;
    minGtGuess = max;
    for (let i = 0; i < n; i++) {
      const v = m[i]!;
      if (v < guess) {
        less++;
        if (v > maxLtGuess) maxLtGuess = v;
      } else if (v > guess) {
        greater++;
        if (v < minGtGuess) minGtGuess = v;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) break;
    if (less > greater) max = maxLtGuess;
    else min = minGtGuess;
  }
  if (less >= half) return maxLtGuess;
  if (less + equal >= half) return guess;
  return minGtGuess;
}

const selectScratch = new Float32Array(256);
/**
 * The lower median (the ⌈n/2⌉-th smallest, torbenMedian's value) by quickselect on a copy: a few passes instead of
 * Torben's ~30 over the array. For finite values (a DCT) the hashes are the same: `> median` cannot tell -0 from 0.
 */
export function lowerMedian(m: Float32Array, n = m.length): number {
  const a = n <= selectScratch.length ? selectScratch : new Float32Array(n);
  a.set(m.subarray(0, n));
  const k = ((n + 1) >> 1) - 1;
  let lo = 0,
    hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** Reference pdqBuffer16x16ToBits: bit 16*i+j (word i, bit j) set when coefficient (i,j) > median. */
export function pdqWordsFromDct(dct: Float32Array, words: Uint16Array = new Uint16Array(16), median = torbenMedian(dct, 256)): Uint16Array {
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 16; j++) if (dct[i * 16 + j]! > median) w |= 1 << j;
    words[i] = w;
  }
  return words;
}

/** Hex hash (upstream format) of a 16x16 DCT buffer. */
export function pdqHashFromDct(dct: Float32Array): string {
  return formatPdqWords(pdqWordsFromDct(dct));
}

// The eight dihedral images' DCTs are sign flips / transposes of the original's (reference dct16OriginalTo*).
type DihedralKey = keyof PdqDihedralHashes;
const DIHEDRAL: ReadonlyArray<readonly [DihedralKey, boolean, (i: number, j: number) => boolean]> = [
  ['rotate90', true, (_i, j) => (j & 1) === 0],
  ['rotate180', false, (i, j) => ((i + j) & 1) === 1],
  ['rotate270', true, (i) => (i & 1) === 0],
  ['flipx', false, (i) => (i & 1) === 0],
  ['flipy', false, (_i, j) => (j & 1) === 0],
  ['flipPlus1', true, () => false],
  ['flipMinus1', true, (i, j) => ((i + j) & 1) === 1],
];

/** Per variant, where each coefficient goes (transposed or not) and whether it changes sign, computed once. */
const DIHEDRAL_MAPS = new Map(
  DIHEDRAL.map(([key, transpose, negate]) => {
    const to = new Uint8Array(256);
    const sign = new Float32Array(256);
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 16; j++) {
        to[i * 16 + j] = transpose ? j * 16 + i : i * 16 + j;
        sign[i * 16 + j] = negate(i, j) ? -1 : 1;
      }
    // Which coefficients change sign (the same set for two variants that differ only by a transpose).
    const signKey = Array.from(sign.keys())
      .filter((k) => sign[k]! < 0)
      .join(',');
    return [key, { to, sign, signKey }] as const;
  }),
);

/** The DCT of the image transformed by `which`, derived from the original's DCT. */
export function dihedralDct(dct: Float32Array, which: Exclude<DihedralKey, 'original'>, out: Float32Array = new Float32Array(256)): Float32Array {
  const map = DIHEDRAL_MAPS.get(which);
  if (!map) throw new RangeError(`unknown dihedral variant ${which}`);
  const { to, sign } = map;
  for (let k = 0; k < 256; k++) out[to[k]!] = sign[k]! * dct[k]!; // exact: a sign change
  return out;
}

const DIHEDRAL_KEYS: readonly DihedralKey[] = ['original', ...DIHEDRAL.map((d) => d[0])];

/**
 * The 8 dihedral hashes of a DCT buffer (reference pdqDihedralHash256esFromFloatLuma's bit step). A median
 * depends only on the multiset of values, and a transpose does not change it: the variants that differ only by
 * a transpose share one median, so four medians serve eight hashes.
 */
export function pdqDihedralHashesFromDct(dct: Float32Array): PdqDihedralHashes {
  const aux = new Float32Array(256);
  const words = new Uint16Array(16);
  const medians = new Map<string, number>();
  const hashes = {} as PdqDihedralHashes;
  for (const key of DIHEDRAL_KEYS) {
    const values = key === 'original' ? dct : dihedralDct(dct, key, aux);
    const signs = DIHEDRAL_MAPS.get(key)?.signKey ?? '';
    let median = medians.get(signs);
    if (median === undefined) medians.set(signs, (median = lowerMedian(values, 256)));
    hashes[key] = formatPdqWords(pdqWordsFromDct(values, words, median));
  }
  return hashes;
}

// ---------------------------------------------------------------- pipelines

const ZERO_HASH = '0'.repeat(64);
const buf64 = new Float32Array(64 * 64);

/**
 * Downscale + quality + DCT (reference pdqFloat256FromFloatLuma). With `shortcut64` (the
 * non-dihedral reference path) a 64x64 input is used as-is, unfiltered; the dihedral path
 * always filters. Returns null below the minimum hashable size.
 */
function float256(rows: LumaRows, width: number, height: number, shortcut64: boolean, simd: SimdInput): PdqFloat256 | null {
  if (width < PDQ_MIN_HASHABLE_DIM || height < PDQ_MIN_HASHABLE_DIM) return null;
  if (simdEnabled() && !(shortcut64 && width === 64 && height === 64)) {
    jaroszDownscale64Simd(simd, width, height, buf64);
  } else if (shortcut64 && width === 64 && height === 64) {
    const offs = new Int32Array(4);
    for (let i = 0; i < 64; i++) {
      const b = rows.rows(i, 1, offs);
      buf64.set(b.subarray(offs[0]!, offs[0]! + 64), i * 64);
    }
  } else {
    jaroszDownscale64(rows, width, height, buf64);
  }
  const quality = pdqQuality(buf64);
  const dct = new Float32Array(256);
  if (simdEnabled()) dct64To16Simd(buf64, DCT, DCT_T, dct);
  else dct64To16(buf64, dct);
  return { dct, quality };
}

function checkLuma(luma: Float32Array, width: number, height: number): void {
  checkPixels(luma.length, width, height, 1);
}

/** DCT and quality from float luma (reference pdqFloat256FromFloatLuma); null if under 5 px. Does not modify luma. */
export function pdqFloat256FromLuma(luma: Float32Array, width: number, height: number): PdqFloat256 | null {
  checkLuma(luma, width, height);
  return float256(lumaRows(luma, width), width, height, true, { luma });
}

/** Reference pdqHash256FromFloatLuma. The input is not modified. */
export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqResult {
  const f = pdqFloat256FromLuma(luma, width, height);
  return f ? { hash: pdqHashFromDct(f.dct), quality: f.quality } : { hash: ZERO_HASH, quality: 0 };
}

function dihedralResult(f: PdqFloat256 | null): PdqDihedralResult {
  if (!f) {
    const z = ZERO_HASH;
    return { quality: 0, hashes: { original: z, rotate90: z, rotate180: z, rotate270: z, flipx: z, flipy: z, flipPlus1: z, flipMinus1: z } };
  }
  return { quality: f.quality, hashes: pdqDihedralHashesFromDct(f.dct) };
}

/** Reference pdqDihedralHash256esFromFloatLuma. The input is not modified. */
export function pdqDihedralFromLuma(luma: Float32Array, width: number, height: number): PdqDihedralResult {
  checkLuma(luma, width, height);
  return dihedralResult(float256(lumaRows(luma, width), width, height, false, { luma }));
}

/**
 * pdqDihedralFromLuma of a window (x, y, w×h) of a larger luma image (`width` values per row), the same hashes as of
 * the window copied out; the SIMD path reads it in place (the robust stage hashes 13 centre crops of one image).
 */
export function pdqDihedralFromLumaWindow(luma: Float32Array, width: number, x: number, y: number, w: number, h: number): PdqDihedralResult {
  if (!(x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && (y + h) * width <= luma.length))
    throw new RangeError(`window ${w}x${h} at ${x},${y} is outside the ${width}-wide luma image`);
  if (!simdEnabled()) {
    const crop = new Float32Array(w * h);
    for (let r = 0; r < h; r++) crop.set(luma.subarray((y + r) * width + x, (y + r) * width + x + w), r * w);
    return pdqDihedralFromLuma(crop, w, h);
  }
  return dihedralResult(float256(lumaRows(luma, width), w, h, false, { luma, stride: width, x, y }));
}

/** PDQ of interleaved 8-bit pixels (fillFloatLumaFromRGB + pdqHash256FromFloatLuma), without materialising the luma image. */
export function pdqFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3): PdqResult {
  checkChannels(channels);
  checkPixels(pixels.length, width, height, channels);
  const f = float256(rgbRows(pixels, width, channels), width, height, true, { pixels, channels });
  return f ? { hash: pdqHashFromDct(f.dct), quality: f.quality } : { hash: ZERO_HASH, quality: 0 };
}

/** The 8 dihedral PDQ hashes of interleaved 8-bit pixels (fillFloatLumaFromRGB + pdqDihedralHash256esFromFloatLuma). */
export function pdqDihedralFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3): PdqDihedralResult {
  checkChannels(channels);
  checkPixels(pixels.length, width, height, channels);
  return dihedralResult(float256(rgbRows(pixels, width, channels), width, height, false, { pixels, channels }));
}

/**
 * Plain hash plus the 8 dihedral hashes from one decode. Identical to calling pdqFromRgb and
 * pdqDihedralFromRgb; the filter runs once except for exactly 64x64 input, where the reference's
 * two paths differ (the plain one skips filtering).
 */
export function pdqWithDihedralFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3): { pdq: PdqResult; dihedral: PdqDihedralResult } {
  const dihedral = pdqDihedralFromRgb(pixels, width, height, channels);
  if (width === 64 && height === 64) return { pdq: pdqFromRgb(pixels, width, height, channels), dihedral };
  return { pdq: { hash: dihedral.hashes.original, quality: dihedral.quality }, dihedral };
}
