// downscaledLuma's every-pixel case through luma.wat: the same float32 values (luma.test.ts; exact integer sums,
// see luma.wat for why they round alike), in about a quarter of the TypeScript loop's time. null where the runtime
// has no WebAssembly (or it is switched off for a comparison); the caller then keeps the TypeScript path.
import { WASM_BASE64 } from './luma.wasm.js';
import { WasmKernel } from '../shared/wasm-kernel.js';
import type { Rect } from './border.js';

interface Kernel {
  memory: WebAssembly.Memory;
  blockLuma(src: number, stride: number, ch: number, rw: number, rh: number, f: number, ow: number, oh: number, dst: number, acc: number): void;
}

// Memory above this is handed back after the call: a worker that once saw a huge image keeps nothing.
const kernel = new WasmKernel<Kernel>(WASM_BASE64, 16 << 20);

const align = (n: number) => (n + 15) & ~15;

let enabled = true;
/** Whether downscaledLuma may use the kernel (tests and benchmarks switch it off to compare with the TypeScript path). */
export function setLumaKernelEnabled(on: boolean): void {
  enabled = on;
}

/** Luma of the rect of 3- or 4-channel pixels, box-averaged by f (ow×oh = the rect / f, rounded up). */
export function blockLumaWasm(pixels: Uint8Array, width: number, channels: number, r: Rect, f: number, ow: number, oh: number): Float32Array | null {
  if (!enabled) return null;
  const first = r.y * width * channels;
  const bytes = r.height * width * channels;
  const ACC = align(bytes),
    DST = ACC + 4 * ow;
  const k = kernel.with(DST + 4 * ow * oh);
  if (!k) return null;
  new Uint8Array(k.memory.buffer).set(pixels.subarray(first, first + bytes), 0);
  k.blockLuma(r.x * channels, width * channels, channels, r.width, r.height, f, ow, oh, DST, ACC);
  const out = new Float32Array(k.memory.buffer, DST, ow * oh).slice();
  kernel.release();
  return out;
}
