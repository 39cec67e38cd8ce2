import { describe, expect, it } from 'vitest';
import { boxDownscale, boxFactor } from './downscale.js';

/** Straightforward block average (full blocks only), rounded half up. */
function reference(px: Uint8Array, w: number, h: number, c: number, f: number): Uint8Array {
  const ow = Math.floor(w / f),
    oh = Math.floor(h / f);
  const out = new Uint8Array(ow * oh * c);
  for (let oy = 0; oy < oh; oy++)
    for (let ox = 0; ox < ow; ox++)
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let y = 0; y < f; y++) for (let x = 0; x < f; x++) s += px[((oy * f + y) * w + ox * f + x) * c + ch]!;
        out[(oy * ow + ox) * c + ch] = Math.floor(s / (f * f) + 0.5);
      }
  return out;
}

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('boxDownscale', () => {
  it('averages odd factors exactly, any channel count, dropping the partial edge', () => {
    for (const c of [1, 3, 4]) {
      const px = noise(37 * 23 * c, c);
      const r = boxDownscale({ pixels: px, width: 37, height: 23, channels: c }, 3);
      expect([r.width, r.height, r.channels]).toEqual([12, 7, c]);
      expect(Array.from(r.pixels)).toEqual(Array.from(reference(px, 37, 23, c, 3)));
    }
  });

  it('halves RGB exactly and does even factors as halvings (within 1 level of the direct average)', () => {
    const px = noise(41 * 29 * 3, 7);
    const img = { pixels: px, width: 41, height: 29, channels: 3 };
    expect(Array.from(boxDownscale(img, 2).pixels)).toEqual(Array.from(reference(px, 41, 29, 3, 2)));
    const four = boxDownscale(img, 4);
    expect([four.width, four.height]).toEqual([10, 7]);
    const ref = reference(px, 41, 29, 3, 4);
    expect(Math.max(...Array.from(four.pixels, (v, i) => Math.abs(v - ref[i]!)))).toBeLessThanOrEqual(1);
  });

  it('returns the image itself at factor 1 and never goes below one pixel', () => {
    const img = { pixels: noise(12, 1), width: 4, height: 1, channels: 3 };
    expect(boxDownscale(img, 1)).toBe(img);
    expect(boxDownscale(img, 8)).toBe(img); // capped by the height: nothing to average
    expect(boxFactor(1600, 1000, 1024)).toBe(2);
    expect(boxFactor(800, 600, 1024)).toBe(1);
    expect(boxFactor(5000, 100, 1024)).toBe(5);
  });
});
