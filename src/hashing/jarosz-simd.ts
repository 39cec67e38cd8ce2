// The Jarosz downscale to 64x64 (luma, two row+column box passes, centre decimation) through the
// WebAssembly SIMD kernel of jarosz-simd.wat. Bit-exact with the scalar path of jarosz.ts (and the
// C++ reference): the kernel does the same float32 operations in the same order, four rows or
// columns per vector. Measured by `npm run bench:hash`; where the runtime lacks WebAssembly SIMD the
// callers fall back to the scalar path.
import { WASM_BASE64 } from './jarosz-simd.wasm.js';
import { WasmKernel } from '../shared/wasm-kernel.js';
import { decimationIndex, jaroszWindowSize } from './jarosz.js';

interface Kernel {
  memory: WebAssembly.Memory;
  lumaRow(src: number, dst: number, groups: number, channels: number): void;
  boxRows(src: number, dst: number, sa: number, sb: number, stride: number, rows: number, len: number, win: number): void;
  boxRowsPick(src: number, dst: number, sa: number, sb: number, stride: number, rows: number, len: number, win: number, picks: number): void;
  boxCols(src: number, dst: number, sums: number, stride: number, len: number, win: number): void;
  matmul(l: number, r: number, out: number, rows: number, k: number, n: number): void;
}

/** Pixels as the reference reads them: interleaved 8-bit (1..4 channels) or float luma. */
export type SimdInput =
  | { pixels: Uint8Array; channels: number }
  /** Float luma; with `stride` (and x, y) a w×h window of a larger luma image, read in place (no crop copy). */
  | { luma: Float32Array; stride?: number; x?: number; y?: number };

// Memory above this is handed back after the image (a fresh instance next time): a long-lived
// worker that once hashed a 100 MP image should not keep ~800 MB.
const kernel = new WasmKernel<Kernel>(WASM_BASE64, 96 << 20);

export function simdAvailable(): boolean {
  return kernel.available; // not where WebAssembly SIMD is missing
}

let enabled = true;
/** Whether the PDQ pipelines use the SIMD kernel (when available); off runs the scalar path (tests, benchmarks). */
export function simdEnabled(): boolean {
  return enabled && simdAvailable();
}
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

function instance(bytes: number): Kernel {
  const k = kernel.with(bytes);
  if (!k) throw new Error('WebAssembly SIMD is not available');
  return k;
}

const BAND = 16;

/**
 * Reference jaroszFilterFloat (2 reps) + decimateFloat to 64x64 into out (4096, row-major).
 * Throws if WebAssembly SIMD is unavailable (check simdAvailable()).
 */
export function jaroszDownscale64Simd(input: SimdInput, w: number, h: number, out: Float32Array): void {
  const stride = Math.ceil(w / 16) * 16;
  const rowsPad = Math.ceil(h / BAND) * BAND;
  const imageBytes = stride * rowsPad * 4;
  const channels = 'pixels' in input ? input.channels : 0;
  const stagingBytes = BAND * w * Math.max(channels, 1) + 64;
  const scratchBytes = stride * 64; // 4 quads of stride vectors
  const A = 0;
  const B = A + imageBytes;
  const SA = B + imageBytes;
  const SB = SA + scratchBytes;
  const SUMS = SB + scratchBytes;
  const C = SUMS + Math.max(stride, 64) * 4; // the 64 decimated columns, before and after the last column pass
  const D = C + rowsPad * 256;
  const PICKS = D + rowsPad * 256;
  const ST = PICKS + 256;
  const k = instance(ST + stagingBytes);
  const mem = k.memory.buffer;
  const f32 = new Float32Array(mem);

  if ('luma' in input) {
    const ls = input.stride ?? w;
    const first = (input.y ?? 0) * ls + (input.x ?? 0);
    for (let y = 0, o = first; y < h; y++, o += ls) f32.set(input.luma.subarray(o, o + w), (A >> 2) + y * stride);
  } else {
    const u8 = new Uint8Array(mem);
    const rowBytes = w * channels;
    const groups = Math.ceil(w / 4);
    for (let y0 = 0; y0 < h; y0 += BAND) {
      const rows = Math.min(BAND, h - y0);
      u8.set(input.pixels.subarray(y0 * rowBytes, (y0 + rows) * rowBytes), ST);
      for (let r = 0; r < rows; r++) k.lumaRow(ST + r * rowBytes, A + (y0 + r) * stride * 4, groups, channels);
    }
  }

  const fr = jaroszWindowSize(w, 64);
  const fc = jaroszWindowSize(h, 64);
  k.boxRows(A, B, SA, SB, stride, rowsPad, w, fr);
  k.boxCols(B, A, SUMS, stride, h, fc);
  // The second row pass is kept, and the last column pass run, only at the 64 columns the
  // decimation keeps.
  const i32 = new Int32Array(mem);
  for (let j = 0; j < 64; j++) i32[(PICKS >> 2) + j] = decimationIndex(j, w, 64);
  k.boxRowsPick(A, C, SA, SB, stride, rowsPad, w, fr, PICKS);
  k.boxCols(C, D, SUMS, 64, h, fc);
  for (let i = 0; i < 64; i++) {
    const row = (D >> 2) + decimationIndex(i, h, 64) * 64;
    for (let j = 0; j < 64; j++) out[i * 64 + j] = f32[row + j]!;
  }
  kernel.release();
}

/**
 * The PDQ DCT B = D A D^T (A 64x64, D 16x64, dt = D transposed) with the float32 operations of the scalar
 * dct64To16 in the same order, four coefficients per vector. Throws if WebAssembly SIMD is unavailable.
 */
export function dct64To16Simd(a: Float32Array, d: Float32Array, dt: Float32Array, out: Float32Array): void {
  const A = 0,
    D = A + 4096 * 4,
    DT = D + 1024 * 4,
    T = DT + 1024 * 4,
    B = T + 1024 * 4;
  const k = instance(B + 256 * 4);
  const f32 = new Float32Array(k.memory.buffer);
  f32.set(a, A >> 2);
  f32.set(d, D >> 2);
  f32.set(dt, DT >> 2);
  k.matmul(D, A, T, 16, 64, 64); // T = D A
  k.matmul(T, DT, B, 16, 64, 16); // B = T D^T
  out.set(f32.subarray(B >> 2, (B >> 2) + 256));
}
