// Jarosz tent-filter downscale to 64x64, bit-exact with PDQ's C++ reference
// (downscaling.cpp: two passes of row box + column box, then centre decimation).
//
// The reference keeps a float32 running sum per box window; the adds and
// subtracts are order-dependent under float rounding, so every sum step is
// reproduced with Math.fround in the reference order. What we change is only
// *which* values are materialised:
//   - rows are produced on demand and the first column pass runs streaming
//     over a ring of (window+1) rows, so memory is O(width*window), not 2 full
//     float copies of the image;
//   - the second row pass keeps the full running sum but divides/stores only
//     at the 64 columns the decimation keeps;
//   - the second column pass runs on those 64 columns only.

/**
 * Rows of a float luma image, produced on demand: make rows r..r+count-1 (count <= 4) readable,
 * write each one's start offset into offs[0..count) and return the array holding them. The rows
 * must stay valid until the next call.
 */
export interface LumaRows {
  rows(r: number, count: number, offs: Int32Array): Float32Array;
}

/** Reference computeJaroszFilterWindowSize: integer ceil(oldDim / (2*newDim)). */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/** Reference decimateFloat index: sample centres, not corners (computed in double, truncated). */
export function decimationIndex(out: number, inDim: number, outDim: number): number {
  return Math.trunc(((out + 0.5) * inDim) / outDim);
}

// Division by the window count: fround(sum * (1/n)) equals fround(sum / n) for every float32 sum
// and integer n < 2^20. A float32 quotient sum/n is never a rounding midpoint (a midpoint has an
// odd 25-bit significand, n times it is not a float), and lies at least 2^-26/n relative from
// one, while the double product is within 2^-52 of the exact quotient: both round the same way.
// (The tests also compare against a literal transcription that divides.)
let recip = new Float64Array(0);
function reciprocals(upTo: number): Float64Array {
  if (recip.length <= upTo) {
    recip = new Float64Array(upTo + 1);
    for (let i = 1; i <= upTo; i++) recip[i] = 1 / i;
  }
  return recip;
}

/**
 * One reference box1DFloat over a contiguous vector, all outputs written.
 * Requires len >= fullWindow (always true for PDQ window sizes).
 */
export function box1d(src: Float32Array, srcOff: number, dst: Float32Array, dstOff: number, len: number, fullWindow: number): void {
  const rec = reciprocals(fullWindow);
  const half = (fullWindow + 2) >> 1;
  const p1 = half - 1;
  const p2 = fullWindow - half + 1;
  const p3 = len - fullWindow;
  const p4 = half - 1;
  let ri = srcOff;
  let li = srcOff;
  let oi = dstOff;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < p1; i++) {
    sum = Math.fround(sum + src[ri++]!);
    n++;
  }
  for (let i = 0; i < p2; i++) {
    sum = Math.fround(sum + src[ri++]!);
    n++;
    dst[oi++] = sum * rec[n]!;
  }
  const r = rec[n]!;
  for (let i = 0; i < p3; i++) {
    sum = Math.fround(Math.fround(sum + src[ri++]!) - src[li++]!);
    dst[oi++] = sum * r;
  }
  for (let i = 0; i < p4; i++) {
    sum = Math.fround(sum - src[li++]!);
    n--;
    dst[oi++] = sum * rec[n]!;
  }
}

/**
 * box1d on four rows at once (independent sums let the CPU overlap the serial float chains).
 * Source row q starts at src[so[q]], destination row q at dst[dOff + q*len].
 */
function box1d4(src: Float32Array, so: Int32Array, dst: Float32Array, dOff: Int32Array, len: number, fullWindow: number): void {
  const rec = reciprocals(fullWindow);
  const half = (fullWindow + 2) >> 1;
  const p1 = half - 1;
  const p2 = fullWindow - half + 1;
  const p3 = len - fullWindow;
  const p4 = half - 1;
  const a0 = so[0]!,
    a1 = so[1]!,
    a2 = so[2]!,
    a3 = so[3]!;
  const d0 = dOff[0]!,
    d1 = dOff[1]!,
    d2 = dOff[2]!,
    d3 = dOff[3]!;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let ri = 0,
    li = 0,
    oi = 0,
    n = 0;
  for (let i = 0; i < p1; i++, ri++) {
    s0 = Math.fround(s0 + src[a0 + ri]!);
    s1 = Math.fround(s1 + src[a1 + ri]!);
    s2 = Math.fround(s2 + src[a2 + ri]!);
    s3 = Math.fround(s3 + src[a3 + ri]!);
    n++;
  }
  for (let i = 0; i < p2; i++, ri++, oi++) {
    s0 = Math.fround(s0 + src[a0 + ri]!);
    s1 = Math.fround(s1 + src[a1 + ri]!);
    s2 = Math.fround(s2 + src[a2 + ri]!);
    s3 = Math.fround(s3 + src[a3 + ri]!);
    const r = rec[++n]!;
    dst[d0 + oi] = s0 * r;
    dst[d1 + oi] = s1 * r;
    dst[d2 + oi] = s2 * r;
    dst[d3 + oi] = s3 * r;
  }
  const r = rec[n]!;
  for (let i = 0; i < p3; i++, ri++, li++, oi++) {
    s0 = Math.fround(Math.fround(s0 + src[a0 + ri]!) - src[a0 + li]!);
    s1 = Math.fround(Math.fround(s1 + src[a1 + ri]!) - src[a1 + li]!);
    s2 = Math.fround(Math.fround(s2 + src[a2 + ri]!) - src[a2 + li]!);
    s3 = Math.fround(Math.fround(s3 + src[a3 + ri]!) - src[a3 + li]!);
    dst[d0 + oi] = s0 * r;
    dst[d1 + oi] = s1 * r;
    dst[d2 + oi] = s2 * r;
    dst[d3 + oi] = s3 * r;
  }
  for (let i = 0; i < p4; i++, li++, oi++) {
    s0 = Math.fround(s0 - src[a0 + li]!);
    s1 = Math.fround(s1 - src[a1 + li]!);
    s2 = Math.fround(s2 - src[a2 + li]!);
    s3 = Math.fround(s3 - src[a3 + li]!);
    const r = rec[--n]!;
    dst[d0 + oi] = s0 * r;
    dst[d1 + oi] = s1 * r;
    dst[d2 + oi] = s2 * r;
    dst[d3 + oi] = s3 * r;
  }
}

/** Store one second-pass output column for every pick equal to `oi`; returns the next pick index. */
function emitPicks(
  dst: Float32Array,
  picks: Int32Array,
  k: number,
  oi: number,
  dstStride: number,
  dstRow: number,
  rows: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): number {
  do {
    const d = k * dstStride + dstRow;
    dst[d] = v0;
    if (rows > 1) dst[d + 1] = v1;
    if (rows > 2) dst[d + 2] = v2;
    if (rows > 3) dst[d + 3] = v3;
  } while (picks[++k] === oi);
  return k;
}

/**
 * Second row pass for `rows` (1..4) consecutive rows of src (row q at q*len): the full running
 * sums, but outputs only at `picks` (ascending, may repeat, -1 sentinel), stored for row q and
 * the k-th pick at dst[k*dstStride + dstRow + q].
 */
function box1dPick(
  src: Float32Array,
  rows: number,
  len: number,
  fullWindow: number,
  picks: Int32Array,
  dst: Float32Array,
  dstRow: number,
  dstStride: number,
): void {
  const rec = reciprocals(fullWindow);
  const half = (fullWindow + 2) >> 1;
  const p1 = half - 1;
  const p2 = fullWindow - half + 1;
  const p3 = len - fullWindow;
  const p4 = half - 1;
  // Unused lanes read row 0 and are never stored.
  const a0 = 0,
    a1 = rows > 1 ? len : 0,
    a2 = rows > 2 ? 2 * len : 0,
    a3 = rows > 3 ? 3 * len : 0;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let ri = 0,
    li = 0,
    oi = 0,
    n = 0,
    k = 0;
  let target = picks[0]!;
  for (let i = 0; i < p1; i++, ri++) {
    s0 = Math.fround(s0 + src[a0 + ri]!);
    s1 = Math.fround(s1 + src[a1 + ri]!);
    s2 = Math.fround(s2 + src[a2 + ri]!);
    s3 = Math.fround(s3 + src[a3 + ri]!);
    n++;
  }
  for (let i = 0; i < p2; i++, ri++, oi++) {
    s0 = Math.fround(s0 + src[a0 + ri]!);
    s1 = Math.fround(s1 + src[a1 + ri]!);
    s2 = Math.fround(s2 + src[a2 + ri]!);
    s3 = Math.fround(s3 + src[a3 + ri]!);
    n++;
    if (oi === target) {
      const r = rec[n]!;
      k = emitPicks(dst, picks, k, oi, dstStride, dstRow, rows, s0 * r, s1 * r, s2 * r, s3 * r);
      target = picks[k]!;
    }
  }
  const r = rec[n]!;
  for (let i = 0; i < p3; i++, ri++, li++, oi++) {
    s0 = Math.fround(Math.fround(s0 + src[a0 + ri]!) - src[a0 + li]!);
    s1 = Math.fround(Math.fround(s1 + src[a1 + ri]!) - src[a1 + li]!);
    s2 = Math.fround(Math.fround(s2 + src[a2 + ri]!) - src[a2 + li]!);
    s3 = Math.fround(Math.fround(s3 + src[a3 + ri]!) - src[a3 + li]!);
    if (oi === target) {
      k = emitPicks(dst, picks, k, oi, dstStride, dstRow, rows, s0 * r, s1 * r, s2 * r, s3 * r);
      target = picks[k]!;
    }
  }
  for (let i = 0; i < p4; i++, li++, oi++) {
    s0 = Math.fround(s0 - src[a0 + li]!);
    s1 = Math.fround(s1 - src[a1 + li]!);
    s2 = Math.fround(s2 - src[a2 + li]!);
    s3 = Math.fround(s3 - src[a3 + li]!);
    n--;
    if (oi === target) {
      const r = rec[n]!;
      k = emitPicks(dst, picks, k, oi, dstStride, dstRow, rows, s0 * r, s1 * r, s2 * r, s3 * r);
      target = picks[k]!;
    }
  }
}

// Grow-only scratch, reused across calls (the core is synchronous, so no reentrancy).
let ringBuf = new Float32Array(0);
let colSum = new Float64Array(0);
let cpBlock = new Float32Array(0);
let mid = new Float32Array(0);
let colTmp = new Float32Array(0);
const colPicks = new Int32Array(65);
const srcOffs = new Int32Array(4);
const dstOffs = new Int32Array(4);

function ensureScratch(w: number, h: number, ringRows: number): void {
  if (ringBuf.length < w * ringRows) ringBuf = new Float32Array(w * ringRows);
  if (colSum.length < w) colSum = new Float64Array(w);
  if (cpBlock.length < 4 * w) cpBlock = new Float32Array(4 * w);
  if (mid.length < 64 * h) mid = new Float32Array(64 * h);
  if (colTmp.length < h) colTmp = new Float32Array(h);
}

/** Drop the scratch buffers (e.g. after hashing a huge image in a long-lived worker). */
export function releaseJaroszScratch(): void {
  ringBuf = new Float32Array(0);
  colSum = new Float64Array(0);
  cpBlock = new Float32Array(0);
  mid = new Float32Array(0);
  colTmp = new Float32Array(0);
}

/**
 * Reference jaroszFilterFloat (2 passes) + decimateFloat to 64x64, written row-major into out (4096):
 * what the reference's scaleFloatLuma(…, 2, out, 64, 64) computes.
 */
export function jaroszDownscale64(src: LumaRows, w: number, h: number, out: Float32Array): void {
  const fr = jaroszWindowSize(w, 64);
  const fc = jaroszWindowSize(h, 64);
  const ringRows = fc + 8; // rows s-fc .. s+7 may be alive while step s runs
  ensureScratch(w, h, ringRows);
  const ring = ringBuf;
  const sums = colSum;
  const block = cpBlock;
  const mids = mid;
  const rec = reciprocals(fc);
  sums.fill(0, 0, w);
  for (let k = 0; k < 64; k++) colPicks[k] = decimationIndex(k, w, 64);
  colPicks[64] = -1;

  // First column pass, streamed: step s adds row s (s < h) and subtracts row s-fc (s >= fc),
  // emitting column-filtered row s-p1 once s >= p1 (the phases of box1DFloat).
  const half = (fc + 2) >> 1;
  const p1 = half - 1;
  const steps = h + half - 1;
  let ready = 0; // rows [0, ready) have had their first row pass
  let pending = 0; // emitted rows waiting in block for the second row pass
  let pendingFirst = 0;
  let s = 0;
  while (s < steps) {
    // First row pass, four rows at a time, ahead of the step that adds them.
    while (ready < h && ready < s + 4) {
      const count = Math.min(4, h - ready);
      const buf = src.rows(ready, count, srcOffs);
      if (count === 4) {
        for (let q = 0; q < 4; q++) dstOffs[q] = ((ready + q) % ringRows) * w;
        box1d4(buf, srcOffs, ring, dstOffs, w, fr);
      } else {
        for (let q = 0; q < count; q++) box1d(buf, srcOffs[q]!, ring, ((ready + q) % ringRows) * w, w, fr);
      }
      ready += count;
    }
    if (pending === 0 && s >= fc && s + 3 < h) {
      // Steady state, four steps at once: one load/store of each column sum per 4 output rows.
      const r = rec[fc]!;
      const a0 = (s % ringRows) * w,
        a1 = ((s + 1) % ringRows) * w,
        a2 = ((s + 2) % ringRows) * w,
        a3 = ((s + 3) % ringRows) * w;
      const b0 = ((s - fc) % ringRows) * w,
        b1 = ((s + 1 - fc) % ringRows) * w,
        b2 = ((s + 2 - fc) % ringRows) * w,
        b3 = ((s + 3 - fc) % ringRows) * w;
      for (let c = 0; c < w; c++) {
        let v = Math.fround(Math.fround(sums[c]! + ring[a0 + c]!) - ring[b0 + c]!);
        block[c] = v * r;
        v = Math.fround(Math.fround(v + ring[a1 + c]!) - ring[b1 + c]!);
        block[w + c] = v * r;
        v = Math.fround(Math.fround(v + ring[a2 + c]!) - ring[b2 + c]!);
        block[2 * w + c] = v * r;
        v = Math.fround(Math.fround(v + ring[a3 + c]!) - ring[b3 + c]!);
        block[3 * w + c] = v * r;
        sums[c] = v;
      }
      box1dPick(block, 4, w, fr, colPicks, mids, s - p1, h);
      s += 4;
      continue;
    }
    const add = s < h;
    const sub = s >= fc;
    const aOff = add ? (s % ringRows) * w : 0;
    const sOff = sub ? ((s - fc) % ringRows) * w : 0;
    if (s < p1) {
      for (let c = 0; c < w; c++) sums[c] = Math.fround(sums[c]! + ring[aOff + c]!);
      s++;
      continue;
    }
    const r = rec[s < fc ? s + 1 : s < h ? fc : fc + h - 1 - s]!;
    const bo = pending * w;
    if (add && sub) {
      for (let c = 0; c < w; c++) {
        const v = Math.fround(Math.fround(sums[c]! + ring[aOff + c]!) - ring[sOff + c]!);
        sums[c] = v;
        block[bo + c] = v * r;
      }
    } else if (add) {
      for (let c = 0; c < w; c++) {
        const v = Math.fround(sums[c]! + ring[aOff + c]!);
        sums[c] = v;
        block[bo + c] = v * r;
      }
    } else {
      for (let c = 0; c < w; c++) {
        const v = Math.fround(sums[c]! - ring[sOff + c]!);
        sums[c] = v;
        block[bo + c] = v * r;
      }
    }
    if (pending === 0) pendingFirst = s - p1;
    if (++pending === 4) {
      // Second row pass, kept only at the 64 decimated columns (stored column-major in mids).
      box1dPick(block, 4, w, fr, colPicks, mids, pendingFirst, h);
      pending = 0;
    }
    s++;
  }
  if (pending > 0) box1dPick(block, pending, w, fr, colPicks, mids, pendingFirst, h);

  // Second column pass on the 64 kept columns, then decimate rows.
  const tmp = colTmp;
  for (let k = 0; k < 64; k++) {
    box1d(mids, k * h, tmp, 0, h, fc);
    for (let i = 0; i < 64; i++) out[i * 64 + k] = tmp[decimationIndex(i, h, 64)]!;
  }
}
