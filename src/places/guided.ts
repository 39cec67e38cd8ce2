// Guided matching (pure): once verification has found a homography, the rest of the two pictures' features are
// paired by where it puts them, not by the ratio test or the vocabulary's cells.
import type { Features } from './features.js';
import { describe, LOCAL_ANGLE_TOL, residualAt, SCALE_TOL_STEPS, type Verification } from './verify.js';

/**
 * Guided matching: with the homography found, every query feature not yet paired looks for its nearest descriptor
 * among the candidate's unpaired features within `radius` pixels of where the homography puts it (no vocabulary cell,
 * and the ratio test over the neighbourhood instead of the whole picture), kept when within GUIDED_MAX_DISTANCE bits
 * and agreeing with the homography in keypoint size and angle. Repeated textures (wallpaper, tiles), which fail the ratio test, and matches
 * split by the vocabulary's first level come back. Each candidate feature pairs once, nearest first.
 */
export function withGuidedMatches(q: Features, c: Features, v: Verification, radius = 5): Verification {
  const h = v.homography;
  if (!h || v.inliers < GUIDED_FROM) return v;
  const takenQ = new Uint8Array(q.count),
    takenC = new Uint8Array(c.count);
  for (const [qi, ci] of v.pairIdx) {
    takenQ[qi] = 1;
    takenC[ci] = 1;
  }
  // The candidate's features by grid cell of `radius` pixels.
  const cols = Math.max(1, Math.ceil(c.width / radius)),
    rows = Math.max(1, Math.ceil(c.height / radius));
  const cellOf = (x: number, y: number) =>
    Math.min(rows - 1, Math.max(0, Math.floor(y / radius))) * cols + Math.min(cols - 1, Math.max(0, Math.floor(x / radius)));
  const start = new Int32Array(cols * rows + 1);
  for (let j = 0; j < c.count; j++) start[cellOf(c.xy[2 * j]!, c.xy[2 * j + 1]!) + 1]!++;
  for (let k = 0; k < cols * rows; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, cols * rows),
    list = new Int32Array(c.count);
  for (let j = 0; j < c.count; j++) list[fill[cellOf(c.xy[2 * j]!, c.xy[2 * j + 1]!)]!++] = j;
  const r2 = radius * radius;
  const found: Array<[number, number, number]> = [];
  for (let i = 0; i < q.count; i++) {
    if (takenQ[i]) continue;
    const x = q.xy[2 * i]!,
      y = q.xy[2 * i + 1]!;
    const w = h[6]! * x + h[7]! * y + h[8]!;
    if (w <= 1e-9) continue;
    const u = (h[0]! * x + h[1]! * y + h[2]!) / w,
      t = (h[3]! * x + h[4]! * y + h[5]!) / w;
    if (u < -radius || t < -radius || u > c.width + radius || t > c.height + radius) continue;
    const cx = Math.floor(u / radius),
      cy = Math.floor(t / radius);
    // The nearest descriptor within `radius`, and the nearest other one within GUIDED_NEIGHBOURHOOD cells (paired or
    // not): in a repeated texture (tiles, a printed pattern, text) many lie close, and a wrong homography lands
    // on one of them anywhere, so the nearest must stand out (GUIDED_RATIO).
    let best = -1,
      bestD = GUIDED_MAX_DISTANCE + 1,
      d1 = 257,
      d2 = 257;
    const g = GUIDED_NEIGHBOURHOOD;
    for (let gy = Math.max(0, cy - g); gy <= Math.min(rows - 1, cy + g); gy++)
      for (let gx = Math.max(0, cx - g); gx <= Math.min(cols - 1, cx + g); gx++) {
        const cell = gy * cols + gx;
        for (let k = start[cell]!; k < start[cell + 1]!; k++) {
          const j = list[k]!;
          const d = descriptorDistance(q.desc, i, c.desc, j);
          const du = c.xy[2 * j]! - u,
            dv = c.xy[2 * j + 1]! - t;
          if (!takenC[j] && du * du + dv * dv <= r2 && d < bestD) {
            bestD = d;
            best = j;
          }
          if (d < d1) {
            d2 = d1;
            d1 = d;
          } else if (d < d2) d2 = d;
        }
      }
    // The chosen one must be the neighbourhood's nearest, by the ratio.
    if (best >= 0 && (bestD > d1 || bestD >= GUIDED_RATIO * d2)) continue;
    if (best < 0) continue;
    const [ds, da] = residualAt(q, c, h, i, best);
    if (Math.abs(ds) <= SCALE_TOL_STEPS && (Number.isNaN(da) || da <= LOCAL_ANGLE_TOL)) found.push([i, best, bestD]);
  }
  if (!found.length) return v;
  found.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
  const pairIdx = v.pairIdx.slice();
  let distance = v.inlierDistance * v.inliers;
  for (const [i, j, d] of found) {
    if (takenC[j]) continue;
    takenC[j] = 1;
    pairIdx.push([i, j]);
    distance += d;
  }
  return { ...describe(q, c, h, pairIdx, distance, v.matches, v.projective), base: v };
}

/** Guided matching runs from this many inliers (wrong candidates reach 6-11 before it: bench:places). */
export const GUIDED_FROM = 8;
/** Cells (of `radius` pixels) around the projected point searched for a rival descriptor, and how much nearer the
 * chosen one must be (Lowe's ratio, over a place instead of the whole picture). */
export const GUIDED_NEIGHBOURHOOD = 3;
export const GUIDED_RATIO = 0.8;
/** The farthest descriptor a guided pair may have (of 256 bits): as the ratio-tested matches' MAX_DIST. */
export const GUIDED_MAX_DISTANCE = 64;

function descriptorDistance(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  let d = 0;
  for (let k = 0, x = i * 32, y = j * 32; k < 32; k++) d += POP8[a[x + k]! ^ b[y + k]!]!;
  return d;
}
const POP8 = Uint8Array.from({ length: 256 }, (_, v) => {
  let k = 0;
  for (let x = v; x; x >>= 1) k += x & 1;
  return k;
});
