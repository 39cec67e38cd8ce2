// The place features' WebAssembly kernel (kernel.wat): FAST-9 and its non-maximum suppression, the pyramid's
// downscale, the work lumas, orientation and rotated BRIEF, and the verification's nearest neighbours. Each function
// returns what the plain TypeScript path returns (kernel.test.ts compares them) or null where the runtime has no
// WebAssembly SIMD, and the caller then keeps the plain path. One instance per thread (src/shared/wasm-kernel.ts);
// memory above 32 MB is handed back after the call.
import { WASM_BASE64 } from './kernel.wasm.js';
import { WasmKernel } from '../shared/wasm-kernel.js';

interface Kernel {
  memory: WebAssembly.Memory;
  fast(img: number, out: number, w: number, h: number, t: number, border: number): void;
  nms(score: number, w: number, h: number, border: number, idx: number): number;
  downscale(src: number, w: number, h: number, dst: number, nw: number, nh: number, cols: number): void;
  lumaPlane(src: number, n: number, channels: number, plane: number, luma: number): void;
  boxLuma(plane: number, w: number, h: number, dst: number, nw: number, nh: number, src: number, channels: number, cols: number): void;
  integral(img: number, w: number, h: number, ii: number): void;
  moments(img: number, w: number, pick: number, count: number, umax: number, out: number): void;
  brief(ii: number, w: number, pick: number, bins: number, count: number, offA: number, offB: number, out: number): void;
  match(qd: number, qn: number, qb: number, cd: number, start: number, list: number, out: number): void;
  words(desc: number, n: number, cents: number, present: number, k: number, depth: number, out: number): void;
}

// Memory above this is handed back after the image: a worker that once scored a huge level keeps nothing.
const kernel = new WasmKernel<Kernel>(WASM_BASE64, 32 << 20);

export function kernelAvailable(): boolean {
  return kernel.available;
}

/** The pyramid's bilinear downscale (features.ts downscale, the same bytes); null without SIMD. */
export function downscaleWasm(src: Uint8Array, w: number, h: number, nw: number, nh: number): Uint8Array | null {
  const DST = (w * h + 15) & ~15,
    COLS = (DST + nw * nh + 15) & ~15;
  const k = kernel.with(COLS + 20 * (nw + 2) + 16);
  if (!k) return null;
  new Uint8Array(k.memory.buffer).set(src, 0);
  k.downscale(0, w, h, DST, nw, nh, COLS);
  const out = new Uint8Array(k.memory.buffer, DST, nw * nh).slice();
  kernel.release();
  return out;
}

/** workLuma of 3- or 4-channel pixels at their own size and box-averaged to nw×nh (the same bytes as two workLuma
 * calls, each pixel's luma computed once); null without WebAssembly. */
export function lumasWasm(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number, nw: number, nh: number) {
  const n = width * height;
  const PLANE = (n * channels + 15) & ~15,
    LUMA = PLANE + 4 * n,
    DST = (LUMA + n + 15) & ~15,
    COLS = (DST + nw * nh + 15) & ~15;
  const k = kernel.with(COLS + 8 * nw + 16);
  if (!k) return null;
  new Uint8Array(k.memory.buffer).set(pixels, 0);
  k.lumaPlane(0, n, channels, PLANE, LUMA);
  k.boxLuma(PLANE, width, height, DST, nw, nh, 0, channels, COLS);
  const mem = k.memory.buffer;
  const out = { large: new Uint8Array(mem, LUMA, n).slice(), small: new Uint8Array(mem, DST, nw * nh).slice() };
  kernel.release();
  return out;
}

/**
 * Orientation (intensity centroid, radius 15: `umax` holds the patch's row half-widths) and rotated BRIEF (256 tests
 * of 5×5 box sums; `pairs` per angle bin: dx1, dy1, dx2, dy2 per test) of the keypoints at pixel indices `pick` of a
 * level image: angleOf and the descriptor loop of features.ts, the same angles and bytes. Null without WebAssembly.
 */
export function orientedBrief(img: Uint8Array, w: number, h: number, pick: number[], pairs: Int8Array[], umax: number[]) {
  const n = pick.length,
    iw = w + 1,
    bins = pairs.length;
  const II = (w * h + 15) & ~15,
    PICK = II + 4 * iw * (h + 1),
    MOM = PICK + 4 * n,
    BINS = MOM + 8 * n,
    OFFA = BINS + 4 * n,
    OFFB = OFFA + 4 * 256 * bins,
    UMAX = OFFB + 4 * 256 * bins,
    DESC = UMAX + 64;
  const k = kernel.with(DESC + 32 * n + 16);
  if (!k) return null;
  const mem = k.memory.buffer;
  new Uint8Array(mem).set(img, 0);
  const i32 = new Int32Array(mem);
  i32.set(pick, PICK >> 2);
  i32.set(umax, UMAX >> 2);
  k.moments(0, w, PICK, n, UMAX, MOM);
  const angle = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.atan2(i32[(MOM >> 2) + 2 * i]!, i32[(MOM >> 2) + 2 * i + 1]!);
    angle[i] = a;
    i32[(BINS >> 2) + i] = ((Math.round((a * bins) / (2 * Math.PI)) % bins) + bins) % bins;
  }
  for (let b = 0; b < bins; b++) {
    const pat = pairs[b]!;
    for (let t = 0; t < 256; t++) {
      const j = t * 4;
      i32[(OFFA >> 2) + b * 256 + t] = (pat[j + 1]! - 2) * iw + pat[j]! - 2;
      i32[(OFFB >> 2) + b * 256 + t] = (pat[j + 3]! - 2) * iw + pat[j + 2]! - 2;
    }
  }
  k.integral(0, w, h, II);
  k.brief(II, w, PICK, BINS, n, OFFA, OFFB, DESC);
  const desc = new Uint8Array(mem, DESC, 32 * n).slice();
  kernel.release();
  return { angle, desc };
}

/**
 * For each query descriptor (32 bytes each), the nearest and second-nearest candidate descriptor among those its
 * bucket lists (`list[start[b] .. start[b + 1])` for bucket `qBucket[i]`), first of equal distances winning: the
 * search loop of matchFeatures (verify.ts). Per query j1, d1, d2; null without WebAssembly.
 */
export function nearestInBuckets(
  qDesc: Uint8Array,
  qCount: number,
  qBucket: Int32Array,
  cDesc: Uint8Array,
  start: Int32Array,
  list: Int32Array,
): Int32Array | null {
  const QD = 0,
    CD = 32 * qCount,
    QB = CD + cDesc.length,
    START = QB + 4 * qCount,
    LIST = START + 4 * start.length,
    OUT = LIST + 4 * list.length;
  const k = kernel.with(OUT + 12 * qCount + 16);
  if (!k) return null;
  const mem = k.memory.buffer;
  const u8 = new Uint8Array(mem);
  u8.set(qDesc.subarray(0, 32 * qCount), QD);
  u8.set(cDesc, CD);
  const i32 = new Int32Array(mem);
  i32.set(qBucket.subarray(0, qCount), QB >> 2);
  i32.set(start, START >> 2);
  i32.set(list, LIST >> 2);
  k.match(QD, qCount, QB, CD, START, LIST, OUT);
  const out = new Int32Array(mem, OUT, 3 * qCount).slice();
  kernel.release();
  return out;
}

/**
 * The vocabulary word of each of `count` descriptors (vocabulary.ts wordOf, the same numbers): the tree's centroids
 * and presence flags are copied in with the descriptors (2.3 MB for 65,536 words, ~0.1 ms); null without WebAssembly.
 */
export function vocabularyWords(centroids: Uint8Array, present: Uint8Array, k: number, depth: number, desc: Uint8Array, count: number): Uint32Array | null {
  const DESC = 0,
    CENTS = (32 * count + 7) & ~7,
    PRESENT = CENTS + centroids.length,
    OUT = (PRESENT + present.length + 7) & ~7;
  const kw = kernel.with(OUT + 4 * count + 16);
  if (!kw) return null;
  const u8 = new Uint8Array(kw.memory.buffer);
  u8.set(desc.subarray(0, 32 * count), DESC);
  u8.set(centroids, CENTS);
  u8.set(present, PRESENT);
  kw.words(DESC, count, CENTS, PRESENT, k, depth, OUT);
  const out = new Uint32Array(kw.memory.buffer, OUT, count).slice();
  kernel.release();
  return out;
}

/** FAST-9 scores of the interior (border pixels on each side are 0), one u16 per pixel, and the corners left by
 * 3×3 non-maximum suppression (pixel indices in scan order); null without SIMD. */
export function fastCornersSimd(img: Uint8Array, w: number, h: number, t: number, border: number): { score: Uint16Array; idx: number[] } | null {
  const n = w * h;
  const OUT = (n + 15) & ~15,
    IDX = OUT + ((2 * n + 64) & ~15);
  const k = kernel.with(IDX + 4 * n + 64);
  if (!k) return null;
  const mem = k.memory.buffer;
  new Uint8Array(mem).set(img, 0);
  new Uint16Array(mem, OUT, n).fill(0);
  k.fast(0, OUT, w, h, Math.min(255, Math.max(0, t)), border);
  const count = k.nms(OUT, w, h, border, IDX);
  const score = new Uint16Array(mem, OUT, n).slice();
  const idx = Array.from(new Uint32Array(mem, IDX, count));
  kernel.release();
  return { score, idx };
}
