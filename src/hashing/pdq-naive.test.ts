// The optimised core (streaming filter, reciprocal multiply, 4-row interleave, partial passes)
// against a literal, slow transcription of the reference C++ algorithm on many image shapes.
import { describe, expect, it } from 'vitest';
import {
  dct64To16,
  lumaFromRgb,
  pdqDihedralFromLuma,
  pdqDihedralFromRgb,
  pdqFloat256FromLuma,
  pdqFromLuma,
  pdqFromRgb,
  pdqWithDihedralFromRgb,
  pdqDihedralFromLumaWindow,
  lowerMedian,
  setSimdEnabled,
  torbenMedian,
} from './index.js';

const f = Math.fround;

// ---- literal transcription of downscaling.cpp / pdqhashing.cpp (full buffers, true division)
function box1D(inv: Float32Array, inOff: number, out: Float32Array, outOff: number, len: number, stride: number, win: number): void {
  const half = Math.trunc((win + 2) / 2);
  const p1 = half - 1,
    p2 = win - half + 1,
    p3 = len - win,
    p4 = half - 1;
  let li = 0,
    ri = 0,
    oi = 0,
    sum = 0,
    cur = 0;
  for (let i = 0; i < p1; i++) {
    sum = f(sum + inv[inOff + ri]!);
    cur++;
    ri += stride;
  }
  for (let i = 0; i < p2; i++) {
    sum = f(sum + inv[inOff + ri]!);
    cur++;
    out[outOff + oi] = f(sum / cur);
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < p3; i++) {
    sum = f(sum + inv[inOff + ri]!);
    sum = f(sum - inv[inOff + li]!);
    out[outOff + oi] = f(sum / cur);
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < p4; i++) {
    sum = f(sum - inv[inOff + li]!);
    cur--;
    out[outOff + oi] = f(sum / cur);
    li += stride;
    oi += stride;
  }
}

function naiveFloat256(lumaIn: Float32Array, w: number, h: number, shortcut: boolean): { b64: Float32Array; dct: Float32Array; quality: number } {
  const b1 = Float32Array.from(lumaIn.subarray(0, w * h));
  const b2 = new Float32Array(w * h);
  const b64 = new Float32Array(4096);
  if (shortcut && w === 64 && h === 64) b64.set(b1);
  else {
    const wr = Math.trunc((w + 127) / 128),
      wc = Math.trunc((h + 127) / 128);
    for (let rep = 0; rep < 2; rep++) {
      for (let i = 0; i < h; i++) box1D(b1, i * w, b2, i * w, w, 1, wr);
      for (let j = 0; j < w; j++) box1D(b2, j, b1, j, h, w, wc);
    }
    for (let oi = 0; oi < 64; oi++) {
      const ii = Math.trunc(((oi + 0.5) * h) / 64);
      for (let oj = 0; oj < 64; oj++) b64[oi * 64 + oj] = b1[ii * w + Math.trunc(((oj + 0.5) * w) / 64)]!;
    }
  }
  let g = 0;
  for (let i = 0; i < 63; i++) for (let j = 0; j < 64; j++) g += Math.abs(Math.trunc(f(f(f(b64[i * 64 + j]! - b64[(i + 1) * 64 + j]!) * 100) / 255)));
  for (let i = 0; i < 64; i++) for (let j = 0; j < 63; j++) g += Math.abs(Math.trunc(f(f(f(b64[i * 64 + j]! - b64[i * 64 + j + 1]!) * 100) / 255)));
  const quality = Math.min(100, Math.trunc(g / 90));
  const d = new Float32Array(1024);
  const scale = f(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) for (let j = 0; j < 64; j++) d[i * 64 + j] = f(scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1)));
  const t = new Float32Array(1024);
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 64; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f(d[i * 64 + k]! * b64[k * 64 + j]!));
      t[i * 64 + j] = s;
    }
  const dct = new Float32Array(256);
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 16; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f(t[i * 64 + k]! * d[j * 64 + k]!));
      dct[i * 16 + j] = s;
    }
  return { b64, dct, quality };
}

function naiveLuma(px: Uint8Array, w: number, h: number, c: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const [r, g, b] = c >= 3 ? [px[i * c]!, px[i * c + 1]!, px[i * c + 2]!] : [px[i * c]!, px[i * c]!, px[i * c]!];
    out[i] = f(f(f(f(0.299) * r) + f(f(0.587) * g)) + f(f(0.114) * b));
  }
  return out;
}

/** Hash hex from DCT using a sort-based median, independent of the Torben code. */
function hexFromDct(dct: Float32Array): string {
  const median = Float32Array.from(dct).sort()[127]!;
  const words = new Array<number>(16).fill(0);
  for (let k = 0; k < 256; k++) if (dct[k]! > median) words[k >> 4]! |= 1 << (k & 15);
  return words
    .reverse()
    .map((w) => w.toString(16).padStart(4, '0'))
    .join('');
}

// ---- deterministic synthetic images: gradients + blobs + noise, so hashes are non-trivial
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function synth(w: number, h: number, c: number, seed: number): Uint8Array {
  const r = rng(seed);
  const px = new Uint8Array(w * h * c);
  const cx = r() * w,
    cy = r() * h,
    fx = 1 + r() * 6,
    fy = 1 + r() * 6;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const base =
        128 + 60 * Math.sin(((fx * x) / w) * Math.PI) * Math.cos(((fy * y) / h) * Math.PI) + (Math.hypot(x - cx, y - cy) < Math.min(w, h) / 4 ? 50 : -20);
      for (let k = 0; k < c; k++) px[(y * w + x) * c + k] = Math.max(0, Math.min(255, Math.round(base + (r() - 0.5) * 40 + k * 7)));
    }
  return px;
}

const SHAPES: Array<[number, number]> = [
  [5, 5],
  [5, 300],
  [300, 5],
  [7, 11],
  [34, 42],
  [63, 64],
  [64, 64],
  [65, 64],
  [64, 65],
  [100, 100],
  [127, 129],
  [128, 128],
  [129, 127],
  [130, 70],
  [255, 257],
  [256, 256],
  [384, 200],
  [200, 384],
  [513, 389],
  [700, 300],
  [1001, 130],
];

describe('optimised core equals a literal transcription of the C++ reference', () => {
  it.each(SHAPES)('%ix%i RGB: hash, quality, dihedral', (w, h) => {
    const px = synth(w, h, 3, w * 1000 + h);
    const luma = naiveLuma(px, w, h, 3);
    expect(lumaFromRgb(px, w, h, 3)).toEqual(luma);
    const plain = naiveFloat256(luma, w, h, true);
    const dih = naiveFloat256(luma, w, h, false);
    const got = pdqFromRgb(px, w, h, 3);
    expect(got).toEqual({ hash: hexFromDct(plain.dct), quality: plain.quality });
    const gd = pdqDihedralFromRgb(px, w, h, 3);
    expect(gd.quality).toBe(dih.quality);
    expect(gd.hashes.original).toBe(hexFromDct(dih.dct));
    expect(pdqFloat256FromLuma(luma, w, h)!.dct).toEqual(plain.dct);
    const both = pdqWithDihedralFromRgb(px, w, h, 3);
    expect(both.pdq).toEqual(got);
    expect(both.dihedral).toEqual(gd);
  });

  it.each([1, 2, 4])('channels=%i (grey expanded to RGB, alpha ignored)', (c) => {
    const w = 150,
      h = 97;
    const px = synth(w, h, c, 77 + c);
    const ref = naiveFloat256(naiveLuma(px, w, h, c), w, h, true);
    expect(pdqFromRgb(px, w, h, c)).toEqual({ hash: hexFromDct(ref.dct), quality: ref.quality });
  });

  it.each([3, 4])('channels=%i: pixels at any byte alignment in a larger buffer give the same luma and hash', (c) => {
    for (const [w, h] of [
      [101, 37],
      [64, 9],
      [7, 7],
    ] as const) {
      const px = synth(w, h, c, w + c);
      const luma = naiveLuma(px, w, h, c);
      const ref = naiveFloat256(luma, w, h, true);
      for (let shift = 0; shift < 4; shift++) {
        const big = new Uint8Array(px.length + 8).fill(0xee);
        big.set(px, shift);
        const view = big.subarray(shift, shift + px.length);
        expect(lumaFromRgb(view, w, h, c)).toEqual(luma);
        expect(pdqFromRgb(view, w, h, c)).toEqual({ hash: hexFromDct(ref.dct), quality: ref.quality });
      }
    }
  });

  it('random float luma (not from 8-bit RGB), including values far from 0..255', () => {
    const r = rng(5);
    for (const [w, h] of [
      [333, 222],
      [64, 64],
      [90, 1000],
    ] as const) {
      const luma = Float32Array.from({ length: w * h }, () => f((r() - 0.3) * 1e4 * r()));
      const copy = Float32Array.from(luma);
      const plain = naiveFloat256(luma, w, h, true);
      expect(pdqFromLuma(luma, w, h)).toEqual({ hash: hexFromDct(plain.dct), quality: plain.quality });
      expect(pdqDihedralFromLuma(luma, w, h).hashes.original).toBe(hexFromDct(naiveFloat256(luma, w, h, false).dct));
      expect(luma).toEqual(copy); // input untouched
    }
  });

  it('64x64: the plain path uses the pixels unfiltered, the dihedral path filters (as upstream)', () => {
    const px = synth(64, 64, 3, 9);
    const luma = naiveLuma(px, 64, 64, 3);
    const unfiltered = naiveFloat256(luma, 64, 64, true);
    expect(unfiltered.b64).toEqual(luma);
    expect(pdqFromRgb(px, 64, 64).hash).toBe(hexFromDct(unfiltered.dct));
    expect(pdqDihedralFromRgb(px, 64, 64).hashes.original).toBe(hexFromDct(naiveFloat256(luma, 64, 64, false).dct));
  });
});

describe('core building blocks', () => {
  it('Torben median is the lower median (sorted[127] of 256) and copes with ties', () => {
    const r = rng(1);
    for (let t = 0; t < 50; t++) {
      const m = Float32Array.from({ length: 256 }, () => (t % 5 === 0 ? Math.floor(r() * 4) : f(r() * 200 - 100)));
      expect(torbenMedian(m)).toBe(Float32Array.from(m).sort()[127]);
    }
  });

  it("the quickselect lower median is Torben's value, at any length, with ties and negative zeros", () => {
    const r = rng(2);
    for (let t = 0; t < 400; t++) {
      const n = t % 4 === 0 ? 1 + Math.floor(r() * 300) : 256;
      const m = Float32Array.from({ length: n }, () => (t % 3 === 0 ? Math.floor(r() * 5) - 2 : t % 7 === 0 ? -0 : f(r() * 2000 - 1000)));
      expect(lowerMedian(m, n)).toBe(torbenMedian(m, n));
    }
  });

  it('hashes a window of a luma image as the window copied out, with and without SIMD', () => {
    const r = rng(3);
    const w = 300,
      h = 220;
    const luma = Float32Array.from({ length: w * h }, (_, i) => f(128 + 90 * Math.sin((i % w) / 17) * Math.cos(i / w / 13) + r() * 20));
    try {
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        for (const [x, y, cw, ch] of [
          [0, 0, w, h],
          [31, 22, 238, 176],
          [100, 7, 64, 64],
          [5, 150, 295, 70],
        ] as const) {
          const crop = new Float32Array(cw * ch);
          for (let row = 0; row < ch; row++) crop.set(luma.subarray((y + row) * w + x, (y + row) * w + x + cw), row * cw);
          expect(pdqDihedralFromLumaWindow(luma, w, x, y, cw, ch)).toEqual(pdqDihedralFromLuma(crop, cw, ch));
        }
      }
    } finally {
      setSimdEnabled(true);
    }
    expect(() => pdqDihedralFromLumaWindow(luma, w, 10, 0, w, h)).toThrow(RangeError);
  });

  it('DCT agrees with a float64 DCT-II to float precision', () => {
    const a = Float32Array.from({ length: 4096 }, (_, i) => f(Math.sin(i * 0.37) * 100 + (i % 64)));
    const b = dct64To16(a);
    for (const [u, v] of [
      [0, 0],
      [3, 7],
      [15, 15],
      [9, 2],
    ] as const) {
      let s = 0;
      for (let x = 0; x < 64; x++)
        for (let y = 0; y < 64; y++) {
          s += a[x * 64 + y]! * Math.cos((Math.PI / 128) * (u + 1) * (2 * x + 1)) * Math.cos((Math.PI / 128) * (v + 1) * (2 * y + 1));
        }
      expect(b[u * 16 + v]!).toBeCloseTo((2 / 64) * s, 1);
    }
  });
});
