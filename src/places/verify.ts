// Geometric verification: descriptor matches (nearest neighbour with Lowe's ratio test) between two
// feature sets, then a RANSAC homography (4-point DLT). Two photographs of one scene from nearby
// viewpoints, or a copy of a region of a picture, map through one homography; unrelated pictures only
// gather a handful of chance "inliers". The inlier count is the evidence; the inlier pairs are what the
// web app draws. Pure.
import { Prng } from '../matching/prng.js';
import { descDistance, type Features } from './features.js';

export interface Match {
  q: number;
  c: number;
  distance: number;
}
export interface Verification {
  inliers: number;
  matches: number;
  /** Row-major 3×3 mapping query work-frame points to candidate work-frame points, or null. */
  homography: number[] | null;
  /** Inlier pairs [qx, qy, cx, cy] in the two work frames. */
  pairs: Array<[number, number, number, number]>;
  /** Share of the query frame's area covered by the inliers' bounding box (how much of the picture is shared). */
  coverage: number;
  /** Bounding box of the inliers in the candidate's work frame [x, y, w, h]. */
  region: [number, number, number, number] | null;
}

const MAX_DIST = 64;
const RATIO = 0.8;

/** Nearest-neighbour matches q → c (brute force over c; ratio test; one match per candidate feature). */
export function matchFeatures(q: Features, c: Features, among?: (qi: number) => ArrayLike<number>): Match[] {
  const best = new Map<number, Match>();
  const all = Int32Array.from({ length: among ? 0 : c.count }, (_, j) => j);
  for (let i = 0; i < q.count; i++) {
    let d1 = 257,
      d2 = 257,
      j1 = -1;
    const js = among ? among(i) : all;
    for (let t = 0; t < js.length; t++) {
      const j = js[t]!;
      const d = descDistance(q.desc, i, c.desc, j);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        j1 = j;
      } else if (d < d2) d2 = d;
    }
    if (j1 < 0 || d1 > MAX_DIST || d1 >= RATIO * d2) continue;
    const prev = best.get(j1);
    if (!prev || prev.distance > d1) best.set(j1, { q: i, c: j1, distance: d1 });
  }
  return [...best.values()].sort((a, b) => a.q - b.q);
}

/** Solves A x = b (n×n, Gaussian elimination with partial pivoting); null if singular. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let col = 0; col < n; col++) {
    let piv = col,
      max = Math.abs(a[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col]!);
      if (v > max) {
        max = v;
        piv = r;
      }
    }
    if (max < 1e-10) return null;
    if (piv !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[piv * n + k]!;
        a[piv * n + k] = t;
      }
      const t = b[col]!;
      b[col] = b[piv]!;
      b[piv] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / a[col * n + col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k]! -= f * a[col * n + k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * x[k]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}

/** Homography (h33 = 1) through point pairs by least squares on the DLT equations (4 pairs: exact). */
export function fitHomography(src: ArrayLike<number>, dst: ArrayLike<number>, idx: ArrayLike<number>): number[] | null {
  const ata = new Float64Array(64),
    atb = new Float64Array(8);
  const row = new Float64Array(8);
  const add = (r: Float64Array, v: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i]! += r[i]! * v;
      for (let j = 0; j < 8; j++) ata[i * 8 + j]! += r[i]! * r[j]!;
    }
  };
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const x = src[2 * i]!,
      y = src[2 * i + 1]!,
      u = dst[2 * i]!,
      v = dst[2 * i + 1]!;
    row.set([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    add(row, u);
    row.set([0, 0, 0, x, y, 1, -v * x, -v * y]);
    add(row, v);
  }
  const h = solve(ata, atb, 8);
  return h ? [...h, 1] : null;
}

function plausible(h: number[]): boolean {
  // Mirror-free, not collapsing or exploding (scale 1/8..8), mild perspective (normalised coordinates).
  const det = h[0]! * h[4]! - h[1]! * h[3]!;
  return det > 1 / 64 && det < 64 && Math.abs(h[6]!) < 1.5 && Math.abs(h[7]!) < 1.5;
}

export interface RansacOptions {
  threshold?: number;
  iterations?: number;
  seed?: number;
}

/** RANSAC over matched points; coordinates are normalised (centre, scale) before fitting. */
export function ransacHomography(q: Features, c: Features, matches: Match[], opts: RansacOptions = {}): Verification {
  const n = matches.length;
  const none: Verification = { inliers: 0, matches: n, homography: null, pairs: [], coverage: 0, region: null };
  if (n < 4) return none;
  const sq = 2 / Math.max(q.width, q.height),
    sc = 2 / Math.max(c.width, c.height);
  const src = new Float64Array(2 * n),
    dst = new Float64Array(2 * n);
  matches.forEach((m, i) => {
    src[2 * i] = (q.xy[2 * m.q]! - q.width / 2) * sq;
    src[2 * i + 1] = (q.xy[2 * m.q + 1]! - q.height / 2) * sq;
    dst[2 * i] = (c.xy[2 * m.c]! - c.width / 2) * sc;
    dst[2 * i + 1] = (c.xy[2 * m.c + 1]! - c.height / 2) * sc;
  });
  const thr = (opts.threshold ?? 5) * sc,
    thr2 = thr * thr;
  const rng = new Prng(opts.seed ?? 7);
  const countInliers = (h: number[], out?: number[]) => {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = src[2 * i]!,
        y = src[2 * i + 1]!;
      const w = h[6]! * x + h[7]! * y + 1;
      if (w <= 1e-6) continue;
      const u = (h[0]! * x + h[1]! * y + h[2]!) / w - dst[2 * i]!,
        v = (h[3]! * x + h[4]! * y + h[5]!) / w - dst[2 * i + 1]!;
      if (u * u + v * v <= thr2) {
        k++;
        out?.push(i);
      }
    }
    return k;
  };
  let bestH: number[] | null = null,
    bestK = 0;
  let iters = opts.iterations ?? 400;
  const pick = new Int32Array(4);
  for (let it = 0; it < iters; it++) {
    for (let k = 0; k < 4; k++) {
      let v: number;
      do {
        v = rng.int(n);
      } while (pick.subarray(0, k).includes(v));
      pick[k] = v;
    }
    const h = fitHomography(src, dst, pick);
    if (!h || !plausible(h)) continue;
    const k = countInliers(h);
    if (k > bestK) {
      bestK = k;
      bestH = h;
      // Adaptive stop: enough iterations for 99 % confidence at this inlier ratio.
      const r = k / n,
        need = Math.log(0.01) / Math.log(Math.max(1e-9, 1 - r ** 4));
      iters = Math.min(iters, Math.max(40, Math.ceil(need)));
    }
  }
  if (!bestH || bestK < 4) return none;
  // Refit on all inliers, keep the refit when it is at least as good.
  const idx: number[] = [];
  countInliers(bestH, idx);
  const refit = fitHomography(src, dst, idx);
  let finalIdx = idx;
  if (refit && plausible(refit)) {
    const idx2: number[] = [];
    if (countInliers(refit, idx2) >= idx.length) {
      bestH = refit;
      finalIdx = idx2;
    }
  }
  const pairs = finalIdx.map((i) => {
    const m = matches[i]!;
    return [q.xy[2 * m.q]!, q.xy[2 * m.q + 1]!, c.xy[2 * m.c]!, c.xy[2 * m.c + 1]!] as [number, number, number, number];
  });
  const box = (sel: (p: [number, number, number, number]) => [number, number]) => {
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const p of pairs) {
      const [x, y] = sel(p);
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    return [x0, y0, x1 - x0, y1 - y0] as [number, number, number, number];
  };
  const qb = box((p) => [p[0], p[1]]);
  // Undo the normalisation so the homography maps work-frame pixels.
  const h = bestH;
  const T = [sq, 0, (-q.width / 2) * sq, 0, sq, (-q.height / 2) * sq, 0, 0, 1];
  const Ci = [1 / sc, 0, c.width / 2, 0, 1 / sc, c.height / 2, 0, 0, 1];
  const H = mul3(Ci, mul3(h, T));
  const s = H[8]!;
  return {
    inliers: finalIdx.length,
    matches: n,
    homography: H.map((v) => v / s),
    pairs,
    coverage: (qb[2] * qb[3]) / (q.width * q.height),
    region: box((p) => [p[2], p[3]]),
  };
}

function mul3(a: number[], b: number[]): number[] {
  const o = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j]! += a[i * 3 + k]! * b[k * 3 + j]!;
  return o;
}

/** Matches then RANSAC: the whole pairwise check. */
export function verifyPair(q: Features, c: Features, opts?: RansacOptions): Verification {
  return ransacHomography(q, c, matchFeatures(q, c), opts);
}

/** "Why" in words for an investigator. */
export function explain(v: Verification): string {
  if (!v.inliers) return 'no consistent matching points';
  const share = Math.round(v.coverage * 100);
  return (
    `${v.inliers} matching points out of ${v.matches} candidate pairs, consistent with one camera move (a single homography)` +
    (share > 0 ? `; they span ${share} % of the picture` : '')
  );
}
