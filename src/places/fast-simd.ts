// FAST-9 corner scores and their non-maximum suppression through the WebAssembly SIMD kernel of fast-simd.wat: the same scores as the scalar
// fastCorners of features.ts (fast-simd.test.ts compares them), 16 pixels per vector. FAST was the largest
// part of feature extraction (~40 % of its CPU). Where the runtime lacks WebAssembly SIMD the caller keeps the
// scalar path.
import { WASM_BASE64 } from './fast-simd.wasm.js';

interface Kernel {
  memory: WebAssembly.Memory;
  fast(img: number, out: number, w: number, h: number, t: number, border: number): void;
  nms(score: number, w: number, h: number, border: number, idx: number): number;
  downscale(src: number, w: number, h: number, dst: number, nw: number, nh: number, cols: number): void;
  lumaPlane(src: number, n: number, channels: number, plane: number, luma: number): void;
  boxLuma(plane: number, w: number, h: number, dst: number, nw: number, nh: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
let kernel: Kernel | null = null;
const PAGE = 65536;
// Memory above this is handed back after the image: a worker that once scored a huge level keeps nothing.
const KEEP_BYTES = 32 << 20;

function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export function fastSimdAvailable(): boolean {
  return module() !== null;
}

function kernelWith(bytes: number): Kernel | null {
  const mod = module();
  if (!mod) return null;
  if (!kernel) kernel = new WebAssembly.Instance(mod).exports as unknown as Kernel;
  const have = kernel.memory.buffer.byteLength;
  if (have < bytes) kernel.memory.grow(Math.ceil((bytes - have) / PAGE));
  return kernel;
}

/** The pyramid's bilinear downscale (features.ts downscale, the same bytes); null without SIMD. */
export function downscaleWasm(src: Uint8Array, w: number, h: number, nw: number, nh: number): Uint8Array | null {
  const DST = (w * h + 15) & ~15,
    COLS = (DST + nw * nh + 15) & ~15;
  const k = kernelWith(COLS + 12 * (nw + 2) + 16);
  if (!k) return null;
  new Uint8Array(k.memory.buffer).set(src, 0);
  k.downscale(0, w, h, DST, nw, nh, COLS);
  const out = new Uint8Array(k.memory.buffer, DST, nw * nh).slice();
  if (k.memory.buffer.byteLength > KEEP_BYTES) kernel = null;
  return out;
}

/** workLuma of 3- or 4-channel pixels at their own size and box-averaged to nw×nh (the same bytes as two workLuma
 * calls, each pixel's luma computed once); null without WebAssembly. */
export function lumasWasm(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number, nw: number, nh: number) {
  const n = width * height;
  const PLANE = (n * channels + 15) & ~15,
    LUMA = PLANE + 8 * n,
    DST = (LUMA + n + 15) & ~15;
  const k = kernelWith(DST + nw * nh + 16);
  if (!k) return null;
  new Uint8Array(k.memory.buffer).set(pixels, 0);
  k.lumaPlane(0, n, channels, PLANE, LUMA);
  k.boxLuma(PLANE, width, height, DST, nw, nh);
  const mem = k.memory.buffer;
  const out = { large: new Uint8Array(mem, LUMA, n).slice(), small: new Uint8Array(mem, DST, nw * nh).slice() };
  if (mem.byteLength > KEEP_BYTES) kernel = null;
  return out;
}

/** FAST-9 scores of the interior (border pixels on each side are 0), one u16 per pixel, and the corners left by
 * 3×3 non-maximum suppression (pixel indices in scan order); null without SIMD. */
export function fastCornersSimd(img: Uint8Array, w: number, h: number, t: number, border: number): { score: Uint16Array; idx: number[] } | null {
  const n = w * h;
  const OUT = (n + 15) & ~15,
    IDX = OUT + ((2 * n + 64) & ~15);
  const k = kernelWith(IDX + 4 * n + 64);
  if (!k) return null;
  const mem = k.memory.buffer;
  new Uint8Array(mem).set(img, 0);
  new Uint16Array(mem, OUT, n).fill(0);
  k.fast(0, OUT, w, h, Math.min(255, Math.max(0, t)), border);
  const count = k.nms(OUT, w, h, border, IDX);
  const score = new Uint16Array(mem, OUT, n).slice();
  const idx = Array.from(new Uint32Array(mem, IDX, count));
  if (mem.byteLength > KEEP_BYTES) kernel = null;
  return { score, idx };
}
