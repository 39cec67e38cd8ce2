// Local binary features (ORB class: oriented FAST corners + rotated BRIEF, 256 bits) in plain TypeScript.
// Why not OpenCV's WebAssembly build: its 11 MB module took over a minute to instantiate in each worker on
// this shared machine, longer than hashing a whole batch; this file extracts ≤ 800 features of a 512-px
// image in ~20 ms of CPU (bench:places prints the figure beside PDQ). Pure: no I/O.
//
// Steps: luma at WORK_SIZE longest side → an 8-level pyramid (×1/1.2) → FAST-9 corners with 3×3
// non-maximum suppression, ranked by the Harris response and spread over a grid so one textured corner of
// the scene cannot take every keypoint → orientation by intensity centroid (radius 15) → 256 BRIEF tests
// on 5×5 box sums (an integral image), rotated to the keypoint's angle (30 steps of 12°). Coordinates are
// kept in the work frame (level 0); the angle is stored too (ORB2): verification builds its hypotheses from it.
import { Prng } from '../matching/prng.js';
import { downscaleWasm, fastCornersSimd, lumasWasm, orientedBrief } from './kernel.js';
import { angleOf, BORDER, downscaleScalar, fastScoresScalar, integral, PATCH_R, UMAX } from './features-plain.js';

import { DESC_BYTES, type Features } from './features-codec.js';

export { decodeFeatures, descDistance, DESC_BYTES, encodeFeatures, type Features } from './features-codec.js';
export { downscaleScalar, fastScoresScalar } from './features-plain.js';

/** Name of the stored feature format (media_features.features): 'ORB2' adds the keypoint angle to ORB1. */
export const FEATURE_FORMAT = 'ORB2';
export const WORK_SIZE = 512;
// 8 levels × 1/1.2 (as OpenCV's ORB): a picture taken from twice as far still has keypoints at the scale of the
// nearer one's finest ones (5 × 1.25 lost half the scale-0.5 views).
const LEVELS = 8;
const SCALE = 1.2;
/** Scale of a pyramid level relative to the work frame. */
export const levelScale = (level: number) => SCALE ** level;
const FAST_T = 18;
// 800 (590 kept on average; 500 gave 399): more of a scene survives a small overlap, an occluder or a zoom.
// bench:places over three splits: recall@1 78.9 / 79.9 / 80.4 % against 75.6 / 79.1 / 76.8 %; partial copies 84.7 / 82.8 % against
// 83.0 / 75.1 % (tune / held-out); +24 % CPU per file at ingest (docs/near-duplicates.md).
const MAX_FEATURES = 800;
const ANGLE_BINS = 30;

/** Size of a picture scaled so its longest side is at most `size` (never enlarged). */
function workSize(width: number, height: number, size: number) {
  const s = Math.min(1, size / Math.max(width, height));
  return { w: Math.max(1, Math.round(width * s)), h: Math.max(1, Math.round(height * s)) };
}

/** Luma of interleaved 8-bit pixels, downscaled (box average) so the longest side is at most `size`. */
export function workLuma(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number, size = WORK_SIZE) {
  const { w, h } = workSize(width, height, size);
  const out = new Uint8Array(w * h);
  if (w === width && h === height && channels >= 3) {
    // Already small enough (the hashing worker's work image): one pixel per output, the same sum as below.
    for (let i = 0, p = 0; i < out.length; i++, p += channels) out[i] = 0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]! + 0.5;
    return { luma: out, width: w, height: h };
  }
  const fx = width / w,
    fy = height / h;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * fy),
      y1 = Math.max(y0 + 1, Math.floor((y + 1) * fy));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * fx),
        x1 = Math.max(x0 + 1, Math.floor((x + 1) * fx));
      let acc = 0,
        n = 0;
      for (let yy = y0; yy < y1; yy++) {
        let i = (yy * width + x0) * channels;
        for (let xx = x0; xx < x1; xx++, i += channels) {
          acc += channels >= 3 ? 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]! : pixels[i]!;
          n++;
        }
      }
      out[y * w + x] = acc / n + 0.5;
    }
  }
  return { luma: out, width: w, height: h };
}

function downscale(src: Uint8Array, w: number, h: number, nw: number, nh: number): Uint8Array {
  return (useKernel && downscaleWasm(src, w, h, nw, nh)) || downscaleScalar(src, w, h, nw, nh);
}

let useKernel = true;
/** Whether FAST and the pyramid run on the WebAssembly kernels (when available); off runs the scalar path (tests, benchmarks). */
export function setKernelEnabled(on: boolean): void {
  useKernel = on;
}

/** FAST-9 corner scores (sum of the contrast beyond the threshold on the circle, 0 if not a corner) per pixel, and
 * the corners left by 3×3 non-maximum suppression (indices in scan order; ties go to the earlier pixel). */
export function fastCorners(img: Uint8Array, w: number, h: number, t: number): { score: Float32Array | Uint16Array; idx: number[] } {
  const simd = useKernel ? fastCornersSimd(img, w, h, t, BORDER) : null;
  if (simd) return simd;
  const score = fastScoresScalar(img, w, h, t);
  const idx: number[] = [];
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let x = BORDER; x < w - BORDER; x++) {
      const i = y * w + x,
        s = score[i]!;
      if (s <= 0) continue;
      if (
        s < score[i - 1]! ||
        s <= score[i + 1]! ||
        s < score[i - w - 1]! ||
        s < score[i - w]! ||
        s < score[i - w + 1]! ||
        s <= score[i + w - 1]! ||
        s <= score[i + w]! ||
        s <= score[i + w + 1]!
      )
        continue;
      idx.push(i);
    }
  }
  return { score, idx };
}

// BRIEF test pairs: isotropic Gaussian around the keypoint (σ = patch/5, as Calonder et al.), seeded so
// every process computes the same descriptor; one rotated copy per angle bin.
const PAIRS: Int8Array[] = (() => {
  const rng = new Prng(0x19ace);
  const gauss = () => {
    const u = Math.max(1e-9, rng.float()),
      v = rng.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const clip = (v: number) => Math.max(-12, Math.min(12, Math.round(v * 6.2)));
  const base: number[] = [];
  for (let i = 0; i < 256; i++) base.push(clip(gauss()), clip(gauss()), clip(gauss()), clip(gauss()));
  const out: Int8Array[] = [];
  for (let b = 0; b < ANGLE_BINS; b++) {
    const a = (b * 2 * Math.PI) / ANGLE_BINS,
      c = Math.cos(a),
      s = Math.sin(a);
    const r = new Int8Array(1024);
    for (let i = 0; i < 1024; i += 2) {
      r[i] = Math.round(c * base[i]! - s * base[i + 1]!);
      r[i + 1] = Math.round(s * base[i]! + c * base[i + 1]!);
    }
    out.push(r);
  }
  return out;
})();

export interface ExtractOptions {
  maxFeatures?: number;
  fastThreshold?: number;
  /** Query form: finer levels (default QUERY_UPPER_LEVELS) and their feature density relative to the frame's (default 1). */
  upperLevels?: number;
  upperDensity?: number;
}

/** ORB-class features of a luma image (already at work size: see workLuma). A low-contrast picture
 * (fewer than 60 % of the wanted features) is extracted at half the FAST threshold (lowContrastRule). */
export function extractFeatures(luma: Uint8Array, width: number, height: number, opts: ExtractOptions = {}): Features {
  const levels = lowerLevels(luma, width, height);
  const { lower: _all, ...f } = extractAt(levels, { ...opts, ...lowContrastRule(levels, opts) });
  return f;
}

type Corners = ReturnType<typeof fastCorners>;

/** The pyramid below the work frame: the frame itself, then steps of 1/1.2 while a level keeps room for the border. */
function lowerLevels(luma: Uint8Array, width: number, height: number): Level[] {
  const levels: Level[] = [{ img: luma, w: width, h: height, scale: 1, level: 0 }];
  for (let l = 1; l < LEVELS; l++) {
    const scale = SCALE ** l;
    const w = Math.round(width / scale),
      h = Math.round(height / scale);
    if (Math.min(w, h) < 2 * BORDER + 8) break;
    const prev = levels[l - 1]!;
    levels.push({ img: downscale(prev.img, prev.w, prev.h, w, h), w, h, scale, level: l });
  }
  return levels;
}

/**
 * The low-contrast rule: fewer than 60 % of the wanted keypoints in the pyramid at the FAST threshold, and the
 * extraction runs at half of it. extractAt keeps min(budget, corners) keypoints per level, so the count is known
 * from the corners alone, before any response, orientation or descriptor (which half of all pictures then
 * worked out twice). Returns the threshold to extract at, and the corners found at it when they can be reused.
 */
function lowContrastRule(levels: Level[], opts: ExtractOptions): { fastThreshold: number; lowerCorners?: Corners[] } {
  const want = opts.maxFeatures ?? MAX_FEATURES,
    t = opts.fastThreshold ?? FAST_T;
  const corners = levels.map((L) => fastCorners(L.img, L.w, L.h, t));
  if (t <= 8) return { fastThreshold: t, lowerCorners: corners };
  const budgets = lowerBudgets(levels, want);
  const kept = corners.reduce((a, c, i) => a + Math.max(0, Math.min(budgets[i]!, c.idx.length)), 0);
  return kept < want * 0.6 ? { fastThreshold: Math.floor(t / 2) } : { fastThreshold: t, lowerCorners: corners };
}

/** Keypoints per level of the pyramid below the frame, in proportion to its area (ORB's geometric split). */
function lowerBudgets(levels: Level[], maxFeatures: number): number[] {
  const total = levels.reduce((a, l) => a + l.w * l.h, 0);
  return levels.map((L) => Math.round((maxFeatures * L.w * L.h) / total));
}

/**
 * The `keep` corners of highest FAST score, ties to the lower index (what sorting by score, then index, and taking
 * the first `keep` gives), in O(n) through a histogram of the scores (integers below 4,096). `idx` is ascending.
 */
function strongest(idx: number[], score: ArrayLike<number>, keep: number): number[] {
  const hist = new Uint32Array(4096);
  for (const i of idx) hist[Math.min(4095, score[i]!)]!++;
  let thr = 4095,
    above = 0;
  while (thr > 0 && above + hist[thr]! < keep) above += hist[thr--]!;
  let ties = keep - above;
  const out: number[] = [];
  for (const i of idx) {
    const s = Math.min(4095, score[i]!);
    if (s > thr) out.push(i);
    else if (s === thr && ties > 0) {
      out.push(i);
      ties--;
    }
  }
  return out;
}

/** Harris corner response over a 7×7 window (ORB ranks FAST corners by it: fewer edge responses). */
function harris(img: Uint8Array, w: number, x: number, y: number): number {
  let a = 0,
    b = 0,
    c = 0;
  for (let dy = -3; dy <= 3; dy++) {
    let i = (y + dy) * w + x - 3;
    for (let dx = -3; dx <= 3; dx++, i++) {
      const ix = img[i + 1]! - img[i - 1]!,
        iy = img[i + w]! - img[i - w]!;
      a += ix * ix;
      b += iy * iy;
      c += ix * iy;
    }
  }
  return a * b - c * c - 0.04 * (a + b) * (a + b);
}

/** A pyramid level: its pixels, size, scale (work-frame pixels per level pixel) and signed index (levelScale). */
interface Level {
  img: Uint8Array;
  w: number;
  h: number;
  scale: number;
  level: number;
}

function extractAt(levels: Level[], opts: ExtractOptions & { lowerCorners?: Corners[] }, upper: Level[] = []): Features & { lower: number } {
  const { w: width, h: height } = levels[0]!;
  const maxFeatures = opts.maxFeatures ?? MAX_FEATURES;
  const t = opts.fastThreshold ?? FAST_T;
  // Feature budget per level in proportion to its area (ORB's geometric split); finer levels of the query form
  // get the same density.
  const areas = levels.map((l) => l.w * l.h),
    total = areas.reduce((a, b) => a + b, 0);
  const density = opts.upperDensity ?? 1;
  const budgets = [...levels, ...upper].map((L) => Math.round((maxFeatures * (L.level < 0 ? density : 1) * L.w * L.h) / total));
  const cap = maxFeatures + levels.length + budgets.slice(levels.length).reduce((a, b) => a + b, 0);
  const xy = new Float32Array(2 * cap),
    lv = new Int8Array(cap),
    ang = new Float32Array(cap),
    desc = new Uint8Array(cap * DESC_BYTES);
  let n = 0,
    lower = 0;
  [...levels, ...upper].forEach((L, li) => {
    if (li === levels.length) lower = n;
    const budget = Math.min(cap - n, budgets[li]!);
    if (budget <= 0) return;
    const corners = opts.lowerCorners?.[li] ?? fastCorners(L.img, L.w, L.h, t),
      score = corners.score;
    let idx = corners.idx,
      resp: number[] = [];
    // Harris only for the strongest FAST corners (4× the budget): it is the costly part of ranking.
    if (idx.length > 4 * budget) idx = strongest(idx, score, 4 * budget);
    resp = idx.map((i) => harris(L.img, L.w, i % L.w, (i / L.w) | 0));
    const ord = Uint32Array.from(idx.keys()).sort((a, b) => resp[b]! - resp[a]! || idx[a]! - idx[b]!);
    // Spread: the strongest per grid cell first (so one textured corner of the scene cannot take every keypoint),
    // then the rest by response.
    const cell = 24,
      cw = Math.ceil(L.w / cell),
      ch = Math.ceil(L.h / cell);
    const perCell = new Uint16Array(cw * ch);
    const cellCap = Math.max(2, Math.ceil((budget * 1.5) / (cw * ch)));
    const pick: number[] = [],
      rest: number[] = [];
    for (const o of ord) {
      const i = idx[o]!,
        c = Math.floor(((i / L.w) | 0) / cell) * cw + Math.floor((i % L.w) / cell);
      if (perCell[c]! < cellCap && pick.length < budget) {
        pick.push(i);
        perCell[c]!++;
      } else if (rest.length < budget) rest.push(i);
    }
    for (let r = 0; pick.length < budget && r < rest.length; r++) pick.push(rest[r]!);
    idx = [];
    resp = [];
    if (!pick.length) return;
    // Orientation and descriptors of the picked corners in the WebAssembly kernel (same angles and bytes).
    const viaWasm = useKernel ? orientedBrief(L.img, L.w, L.h, pick, PAIRS, UMAX) : null;
    if (viaWasm) {
      desc.set(viaWasm.desc, n * DESC_BYTES);
      pick.forEach((i, k) => {
        xy[2 * n] = (i % L.w) * L.scale;
        xy[2 * n + 1] = ((i / L.w) | 0) * L.scale;
        lv[n] = L.level;
        ang[n] = viaWasm.angle[k]!;
        n++;
      });
      return;
    }
    const ii = integral(L.img, L.w, L.h),
      iw = L.w + 1,
      d50 = 5 * iw,
      d55 = d50 + 5;
    // Each angle bin's 256 test pairs as offsets into this level's integral image (worked out once per bin used).
    const offA = new Int32Array(ANGLE_BINS * 256),
      offB = new Int32Array(ANGLE_BINS * 256),
      ready = new Uint8Array(ANGLE_BINS);
    for (const i of pick) {
      const x = i % L.w,
        y = (i / L.w) | 0;
      const a = angleOf(L.img, L.w, x, y);
      const bin = ((Math.round((a * ANGLE_BINS) / (2 * Math.PI)) % ANGLE_BINS) + ANGLE_BINS) % ANGLE_BINS;
      const at = bin * 256;
      if (!ready[bin]) {
        const pat = PAIRS[bin]!;
        for (let k = 0; k < 256; k++) {
          const j = k * 4;
          offA[at + k] = (pat[j + 1]! - 2) * iw + pat[j]! - 2;
          offB[at + k] = (pat[j + 3]! - 2) * iw + pat[j + 2]! - 2;
        }
        ready[bin] = 1;
      }
      const o = n * DESC_BYTES,
        base = y * iw + x;
      for (let byte = 0; byte < DESC_BYTES; byte++) {
        let v = 0;
        for (let bit = 0, k = at + byte * 8; bit < 8; bit++, k++) {
          // 5×5 box sums around the two test points (ORB compares smoothed intensities).
          const a0 = base + offA[k]!,
            b0 = base + offB[k]!;
          const p = ii[a0 + d55]! - ii[a0 + 5]! - ii[a0 + d50]! + ii[a0]!,
            q = ii[b0 + d55]! - ii[b0 + 5]! - ii[b0 + d50]! + ii[b0]!;
          v |= (p < q ? 1 : 0) << bit;
        }
        desc[o + byte] = v;
      }
      xy[2 * n] = x * L.scale;
      xy[2 * n + 1] = y * L.scale;
      lv[n] = L.level;
      ang[n] = a;
      n++;
    }
  });
  if (!upper.length) lower = n;
  return { width, height, count: n, lower, xy: xy.slice(0, 2 * n), level: lv.slice(0, n), angle: ang.slice(0, n), desc: desc.slice(0, n * DESC_BYTES) };
}

/** The first `count` keypoints of a feature set. */
function prefix(f: Features, count: number): Features {
  return {
    width: f.width,
    height: f.height,
    count,
    xy: f.xy.slice(0, 2 * count),
    level: f.level.slice(0, count),
    angle: f.angle.slice(0, count),
    desc: f.desc.slice(0, count * DESC_BYTES),
  };
}

/**
 * workLuma at WORK_SIZE and at twice it. When the larger one is the source itself (the hashing worker's ≤ 1024-px
 * work image), the kernel computes each pixel's luma once and box-averages those values in workLuma's order (the
 * same bytes as the two calls, which stay the path without the kernel).
 */
function bothLumas(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number) {
  const big = 2 * WORK_SIZE;
  if (useKernel && Math.max(width, height) <= big && channels >= 3) {
    const { w, h } = workSize(width, height, WORK_SIZE);
    const both = lumasWasm(pixels, width, height, channels, w, h);
    if (both) return { small: { luma: both.small, width: w, height: h }, large: { luma: both.large, width, height } };
  }
  return { small: workLuma(pixels, width, height, channels), large: workLuma(pixels, width, height, channels, big) };
}

/** The stored form inside a query form: its keypoints come first, those of the finer levels (negative) after. */
export function storedPart(f: Features): Features {
  let n = 0;
  while (n < f.count && f.level[n]! >= 0) n++;
  return n === f.count ? f : prefix(f, n);
}

/** Finer pyramid levels than the work frame (-1..-QUERY_UPPER_LEVELS, ×1.2 each) that a larger source allows. */
export const QUERY_UPPER_LEVELS = 3;

/**
 * The stored form (what the index keeps: ≤ 800 features of the WORK_SIZE frame, exactly extractFeatures') and the
 * query form: the stored form's keypoints followed by those of up to QUERY_UPPER_LEVELS finer levels, at the same
 * density, made from the larger source. A known picture that fills only part of the query (a collage, an inset, a
 * picture in a window) keeps keypoints at the known picture's own scale. Both in the same work frame; the finer
 * levels have negative level numbers (levelScale < 1).
 */
export function storedAndQueryFeatures(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  opts: ExtractOptions = {},
): { stored: Features; query: Features } {
  const { small, large } = bothLumas(pixels, width, height, channels);
  // Upper levels from the largest down, each from the one above (steps of 1.2, as the pyramid below the frame).
  const upper: Level[] = [];
  let prev: { img: Uint8Array; w: number; h: number } = { img: large.luma, w: large.width, h: large.height };
  for (let k = opts.upperLevels ?? QUERY_UPPER_LEVELS; k >= 1; k--) {
    const scale = SCALE ** -k;
    const w = Math.round(small.width / scale),
      h = Math.round(small.height / scale);
    if (w > large.width || h > large.height) continue;
    const img = w === prev.w && h === prev.h ? prev.img : downscale(prev.img, prev.w, prev.h, w, h);
    upper.unshift({ img, w, h, scale, level: -k });
    prev = { img, w, h };
  }
  // The stored form's low-contrast rule (extractFeatures), on its own part: the levels below the frame.
  const levels = lowerLevels(small.luma, small.width, small.height);
  const { lower, ...query } = extractAt(levels, { ...opts, ...lowContrastRule(levels, opts) }, upper);
  return { stored: prefix(query, lower), query };
}

/** Features of decoded pixels (any size): the work-size luma, then extractFeatures. */
export function featuresFromPixels(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: number, opts?: ExtractOptions): Features {
  const l = workLuma(pixels, width, height, channels);
  return extractFeatures(l.luma, l.width, l.height, opts);
}
