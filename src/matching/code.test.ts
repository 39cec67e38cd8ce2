import { describe, expect, it } from 'vitest';
import { codeFromHex, codeToHex, hamming, hammingHex, popcount32, toCode } from './code.js';
import { Prng } from './prng.js';
import { slowDistance } from './testutil.js';

describe('PDQ codes', () => {
  it('round-trips hex and rejects malformed input', () => {
    const rng = new Prng(1);
    for (let i = 0; i < 200; i++) {
      const c = rng.codes(1);
      const hex = codeToHex(c);
      expect(hex).toMatch(/^[0-9a-f]{64}$/);
      expect(Array.from(codeFromHex(hex))).toEqual(Array.from(c));
      expect(codeToHex(codeFromHex(hex.toUpperCase()))).toBe(hex);
    }
    for (const bad of ['', 'xyz', '0'.repeat(63), '0'.repeat(65), 'g'.repeat(64), ' '.repeat(64)]) expect(() => codeFromHex(bad)).toThrow();
    expect(() => toCode(new Uint32Array(7))).toThrow();
  });

  it('popcount and hamming agree with a bit-by-bit count', () => {
    const rng = new Prng(2);
    for (let i = 0; i < 2000; i++) {
      const x = rng.u32();
      let k = 0;
      for (let b = 0; b < 32; b++) k += (x >>> b) & 1;
      expect(popcount32(x)).toBe(k);
    }
    expect(popcount32(0xffffffff)).toBe(32);
    const a = rng.codes(100),
      b = rng.codes(100);
    for (let i = 0; i < 100; i++) expect(hamming(a, b, i * 8, i * 8)).toBe(slowDistance(a, i * 8, b, i * 8));
    expect(hammingHex('f'.repeat(64), '0'.repeat(64))).toBe(256);
  });
});
