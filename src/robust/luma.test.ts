import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWat } from '../../scripts/wat.js';
import { setSimdEnabled } from '../hashing/index.js';
import { blockLumaWasm, setLumaKernelEnabled } from './luma.js';
import { WASM_BASE64 } from './luma.wasm.js';
import { downscaledLuma, robustQueryFromPixels } from './signature.js';

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

/** The definition: per block, each row's luma summed left to right from 0, the rows' sums added from 0, / count. */
function reference(px: Uint8Array, width: number, ch: number, r: { x: number; y: number; width: number; height: number }, f: number) {
  const ow = Math.ceil(r.width / f),
    oh = Math.ceil(r.height / f);
  const out = new Float32Array(ow * oh);
  for (let oy = 0; oy < oh; oy++)
    for (let ox = 0; ox < ow; ox++) {
      let acc = 0,
        count = 0;
      for (let y = oy * f; y < Math.min(r.height, oy * f + f); y++) {
        let s = 0;
        for (let x = ox * f; x < Math.min(r.width, ox * f + f); x++, count++) {
          const p = ((r.y + y) * width + r.x + x) * ch;
          s += 0.299 * px[p]! + 0.587 * px[p + 1]! + 0.114 * px[p + 2]!;
        }
        acc += s;
      }
      out[oy * ow + ox] = acc / count;
    }
  return { luma: out, width: ow, height: oh };
}

afterEach(() => {
  setLumaKernelEnabled(true);
  setSimdEnabled(true);
});

describe('the robust work luma in WebAssembly', () => {
  it.each([
    [1024, 683, 3, 512, 'whole'],
    [1000, 750, 3, 512, 'whole'],
    [999, 601, 4, 512, 'whole'],
    [700, 480, 3, 100, 'window'],
    [517, 389, 3, 512, 'window'],
    [300, 200, 4, 64, 'window'],
  ] as const)('%ix%i, %i channels, longest side %i, %s: the same float32 values as the TypeScript path and the definition', (w, h, ch, max, part) => {
    const px = noise(w * h * ch, w * 7 + h);
    const r = part === 'whole' ? { x: 0, y: 0, width: w, height: h } : { x: 13, y: 7, width: w - 13 - 29, height: h - 7 - 3 };
    const kernel = downscaledLuma(px, w, ch, r, max);
    expect(blockLumaWasm(px, w, ch, r, Math.ceil(Math.max(r.width, r.height) / max), kernel.width, kernel.height)).not.toBeNull();
    setLumaKernelEnabled(false);
    const plain = downscaledLuma(px, w, ch, r, max);
    expect([kernel.width, kernel.height]).toEqual([plain.width, plain.height]);
    expect(Buffer.from(kernel.luma.buffer).equals(Buffer.from(plain.luma.buffer))).toBe(true);
    const def = reference(px, w, ch, r, Math.ceil(Math.max(r.width, r.height) / max));
    expect(Buffer.from(kernel.luma.buffer).equals(Buffer.from(def.luma.buffer))).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("factor %i: the integer sums round to the float64 loop's float32 values, whole and edge blocks", (f) => {
    // Every block a different mix (noise), and a region whose sides leave a narrower last block.
    for (const ch of [3, 4]) {
      const w = 61 * f + 5,
        h = 23 * f + 3;
      const px = noise(w * h * ch, 977 * f + ch);
      const r = { x: 1, y: 2, width: w - 3, height: h - 2 };
      const ow = Math.ceil(r.width / f),
        oh = Math.ceil(r.height / f);
      const kernel = blockLumaWasm(px, w, ch, r, f, ow, oh)!;
      const def = reference(px, w, ch, r, f);
      expect(Buffer.from(kernel.buffer).equals(Buffer.from(def.luma.buffer))).toBe(true);
    }
  });

  it('gives the same robust query with the kernels on and off (luma kernel, PDQ windows read in place)', () => {
    const w = 640,
      h = 427;
    // A smooth picture with a black border, so both pyramids (full and trimmed) are hashed.
    const px = new Uint8Array(w * h * 3);
    for (let y = 30; y < h - 30; y++)
      for (let x = 20; x < w - 20; x++) {
        const p = (y * w + x) * 3;
        px[p] = 128 + 100 * Math.sin(x / 23) * Math.cos(y / 31);
        px[p + 1] = (x * y) % 251;
        px[p + 2] = 255 - ((x + 2 * y) % 200);
      }
    const on = robustQueryFromPixels(px, w, h, 3);
    expect(on.trim).not.toBeNull();
    expect(on.regions.some((r) => r.base === 'trim')).toBe(true);
    setLumaKernelEnabled(false);
    setSimdEnabled(false);
    expect(robustQueryFromPixels(px, w, h, 3)).toEqual(on);
  });

  it('embeds the compiled luma.wat (npm run build:wasm)', async () => {
    const text = fs.readFileSync(fileURLToPath(new URL('./luma.wat', import.meta.url)), 'utf8');
    expect(Buffer.from(await compileWat(text, 'luma.wat')).toString('base64')).toBe(WASM_BASE64);
  });
});
