// The WebAssembly SIMD downscale equals the scalar one bit for bit on every shape that matters
// (tiny, odd, narrower than a vector, not multiples of 4/16, 64x64, tall, wide, all channel
// counts, float luma), and its embedded bytes are the compiled jarosz-simd.wat.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jaroszDownscale64 } from './jarosz.js';
import { jaroszDownscale64Simd, setSimdEnabled, simdAvailable } from './jarosz-simd.js';
import { pdqFloat256FromLuma } from './pdq.js';
import { WASM_BASE64 } from './jarosz-simd.wasm.js';
import { lumaRows, rgbRows } from './luma.js';
import { Prng } from '../matching/prng.js';
import { compileWat } from '../../scripts/wat.js';
import { firstDifference } from '../testing/arrays.js';

describe('Jarosz downscale, WebAssembly SIMD vs scalar', () => {
  it('runs here (Node 20 has WebAssembly SIMD)', () => expect(simdAvailable()).toBe(true));

  const shapes: Array<[number, number, number]> = [
    [5, 5, 3],
    [6, 9, 1],
    [7, 300, 3],
    [15, 17, 4],
    [33, 5, 2],
    [64, 64, 3],
    [65, 63, 4],
    [127, 129, 3],
    [128, 128, 1],
    [250, 1000, 3],
    [1000, 250, 4],
    [513, 511, 3],
    [1601, 1003, 3],
  ];
  it.each(shapes)('%ix%i, %i channels: identical output on random pixels, twice in a row', (w, h, channels) => {
    const prng = new Prng(w * 7919 + h * 31 + channels);
    const rnd = () => prng.float();
    const pixels = new Uint8Array(w * h * channels);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(rnd() * 256);
    const want = new Float32Array(4096);
    jaroszDownscale64(rgbRows(pixels, w, channels), w, h, want);
    for (let round = 0; round < 2; round++) {
      // the second run reuses memory holding the first's data
      const got = new Float32Array(4096).fill(Number.NaN);
      jaroszDownscale64Simd({ pixels, channels }, w, h, got);
      expect(firstDifference(want, got)).toBe(-1);
    }
  });

  it('float luma input, including values far outside 0..255 and a smooth gradient', () => {
    for (const [w, h] of [
      [200, 150],
      [31, 999],
    ] as const) {
      const prng = new Prng(w + h);
      const rnd = () => prng.float();
      const luma = new Float32Array(w * h);
      for (let i = 0; i < luma.length; i++) luma[i] = i % 3 === 0 ? (rnd() - 0.5) * 1e6 : (i % w) * 0.37 + Math.floor(i / w) * 0.11;
      const want = new Float32Array(4096);
      const got = new Float32Array(4096);
      jaroszDownscale64(lumaRows(luma, w), w, h, want);
      jaroszDownscale64Simd({ luma }, w, h, got);
      expect(firstDifference(want, got)).toBe(-1);
    }
  });

  it('the embedded module is jarosz-simd.wat compiled (run npm run build:wasm after editing it)', async () => {
    const wat = fs.readFileSync(fileURLToPath(new URL('./jarosz-simd.wat', import.meta.url)), 'utf8');
    const bytes = await compileWat(wat, 'jarosz-simd.wat');
    expect(Buffer.from(bytes).toString('base64')).toBe(WASM_BASE64);
  });
});

describe('PDQ DCT, WebAssembly SIMD vs scalar', () => {
  it('identical 16x16 coefficients on random, extreme and smooth 64x64 inputs', () => {
    const prng = new Prng(6464);
    const inputs: Float32Array[] = [];
    for (let t = 0; t < 40; t++) {
      const a = new Float32Array(4096);
      for (let i = 0; i < a.length; i++)
        a[i] =
          t % 4 === 0 ? (prng.float() - 0.5) * 1e7 : t % 4 === 1 ? prng.float() * 255 : t % 4 === 2 ? (i % 64) * 0.37 + (i >> 6) * 0.11 : prng.float() * 1e-30;
      inputs.push(a);
    }
    for (const a of inputs) {
      try {
        setSimdEnabled(false);
        const want = pdqFloat256FromLuma(a, 64, 64)!.dct;
        setSimdEnabled(true);
        const got = pdqFloat256FromLuma(a, 64, 64)!.dct;
        expect(firstDifference(want, got)).toBe(-1);
        expect(want.some((v) => v !== 0)).toBe(true);
      } finally {
        setSimdEnabled(true);
      }
    }
  });
});
