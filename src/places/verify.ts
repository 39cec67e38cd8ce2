// Geometric verification: descriptor matches (nearest neighbour with Lowe's ratio test) between two
// feature sets, then a homography grown from one-match similarity hypotheses (keypoint position, scale
// and angle; local optimisation by affine and homography least squares). Two photographs of one scene from nearby
// viewpoints, or a copy of a region of a picture, map through one homography; unrelated pictures only
// gather a handful of chance "inliers". An inlier also agrees with the homography where it lies, in keypoint size
// and angle. The inlier count is the evidence; the inlier pairs are what the web app draws. Pure.
import { levelScale, type Features } from './features.js';
import { fitAffine, fitHomography, mul3 } from './geometry.js';
import { matchFeatures, type Match } from './match.js';

export interface Verification {
  inliers: number;
  matches: number;
  /** Row-major 3×3 mapping query work-frame points to candidate work-frame points, or null. */
  homography: number[] | null;
  /** Inlier pairs [qx, qy, cx, cy] in the two work frames. */
  pairs: Array<[number, number, number, number]>;
  /** The inliers' feature indices [query, candidate], in the order of pairs. */
  pairIdx: Array<[number, number]>;
  /** Share of a frame's area covered by the inliers' bounding box (5th to 95th percentile on each axis), the larger of the
   * two (how much of a picture is shared). */
  coverage: number;
  /** Bounding box of the inliers in the candidate's work frame [x, y, w, h]. */
  region: [number, number, number, number] | null;
  /** Mean Hamming distance (of 256 bits) of the inlier descriptors: small when the two share the same pixels
   * (a copy of a region), larger for another photograph of the same scene. */
  inlierDistance: number;
  /** The candidate's work frame [width, height] (what region and the pairs' candidate side are in). */
  frame: [number, number];
  /** Standard deviation of the candidate-side inliers along their narrowest direction, per shorter side of its
   * frame: points packed in a line of text, a title bar or a logo (shared by unrelated pictures) score low. */
  spread: number;
  /** Size of the projective part of the homography in normalised coordinates (half the longer side = 1): about 0
   * for a crop, rotation, scale or frame of a picture (an affine edit), larger for a view from elsewhere. */
  projective: number;
  /** When guided matching added pairs (guided.ts): the verification before it. The partial-copy rule reads this one:
   * its figures were chosen on ratio-tested matches. */
  base?: Verification;
}

function plausible(h: number[]): boolean {
  // Mirror-free, not collapsing or exploding (scale 1/8..8), mild perspective (normalised coordinates).
  const s = h[8] || 1;
  const det = (h[0]! * h[4]! - h[1]! * h[3]!) / (s * s);
  return det > 1 / 64 && det < 64 && Math.abs(h[6]! / s) < 1.5 && Math.abs(h[7]! / s) < 1.5;
}

export interface RansacOptions {
  /** Final reprojection threshold in candidate work-frame pixels. */
  threshold?: number;
  /** Similarity hypotheses tried at most (one per match, best descriptor distance first). */
  hypotheses?: number;
  /** Score every hypothesis and optimise the best six whatever the best model already explains (no shortcuts): the
   * slower search the adaptive one is checked against (bench:ransac). */
  exhaustive?: boolean;
  /** Filled with the work done: hypotheses scored and local optimisations run. */
  stats?: { hypotheses: number; optimised: number };
}

// Keypoint orientation agreement for a match to count under a hypothesis: ORB angles come in 12° bins and a
// ±15° camera turn skews them a little; chance matches between unrelated pictures agree 1 time in 3 at most.
const ANGLE_TOL = (35 * Math.PI) / 180;
// Consensus thresholds (normalised units: half the longer side = 1) for the loose similarity and the affine stages.
const SIM_TOL = 0.12;
const AFF_TOL = 0.05;
// Local agreement of an inlier with the final homography: its keypoints' size ratio within 1.5 pyramid steps of the
// local scale (a level is ×1.2; each side's level is off by up to half a step, a view change adds some), their angle
// difference within 20° of the local rotation (ORB angles are steered in 12° bins). Chance pairs that land within the
// reprojection threshold mostly fail the scale test: in bench:places the right links keep 96 % of their inliers, wrong
// candidates with ≥ 10 inliers 29–32 % (docs/near-duplicates.md).
export const SCALE_TOL_STEPS = 1.5;
export const LOCAL_ANGLE_TOL = (20 * Math.PI) / 180;
// Hypotheses scored before the adaptive stop may end the search, and the chance of a missed better seed it accepts;
// a hypothesis whose loose set the best model explains to EXPLAINED_SHARE is not optimised again. Both shortcuts
// apply only once the best model is far above any link threshold (SURE_CONSENSUS matches), so a borderline pair,
// where one or two inliers decide, is searched in full as before.
const MIN_HYPOTHESES = 40;
const MISS_PROBABILITY = 1e-4;
const SURE_CONSENSUS = 128;
const EXPLAINED_SHARE = 0.9;

function explainedShare(set: readonly number[], inBest: Uint8Array): number {
  let k = 0;
  for (const i of set) k += inBest[i]!;
  return set.length ? k / set.length : 1;
}

/** Match-level geometry: 1-point similarity hypotheses (each match's keypoint scale, angle and position),
 * grown by local optimisation (affine, then homography least squares on the consensus set). A photograph's
 * view change keeps RANSAC's 4-point sampling hopeless at 5 % inliers; one match per hypothesis is not. */
export function ransacHomography(q: Features, c: Features, matches: Match[], opts: RansacOptions = {}): Verification {
  const n = matches.length;
  const none: Verification = {
    inliers: 0,
    matches: n,
    homography: null,
    pairs: [],
    pairIdx: [],
    coverage: 0,
    region: null,
    inlierDistance: 0,
    frame: [c.width, c.height],
    spread: 0,
    projective: 0,
  };
  if (n < 4) return none;
  const sq = 2 / Math.max(q.width, q.height),
    sc = 2 / Math.max(c.width, c.height);
  const src = new Float64Array(2 * n),
    dst = new Float64Array(2 * n),
    dAng = new Float64Array(n),
    logS = new Float64Array(n);
  const hasAngles = !Number.isNaN(q.angle[0] ?? NaN) && !Number.isNaN(c.angle[0] ?? NaN);
  matches.forEach((m, i) => {
    src[2 * i] = (q.xy[2 * m.q]! - q.width / 2) * sq;
    src[2 * i + 1] = (q.xy[2 * m.q + 1]! - q.height / 2) * sq;
    dst[2 * i] = (c.xy[2 * m.c]! - c.width / 2) * sc;
    dst[2 * i + 1] = (c.xy[2 * m.c + 1]! - c.height / 2) * sc;
    dAng[i] = hasAngles ? c.angle[m.c]! - q.angle[m.q]! : 0;
    logS[i] = Math.log(levelScale(c.level[m.c]!) / levelScale(q.level[m.q]!)) + Math.log(sc / sq);
  });
  const thr = (opts.threshold ?? 5) * sc;
  // The angle test of the similarity hypotheses as a dot product: |wrap(dAng - theta)| <= tol  <=>  cos(dAng - theta) >= cos(tol).
  const cosA = new Float64Array(n),
    sinA = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cosA[i] = Math.cos(dAng[i]!);
    sinA[i] = Math.sin(dAng[i]!);
  }
  const cosTol = Math.cos(ANGLE_TOL);
  /** The loose consensus of a similarity (no projective part, so no division), the hypotheses' hot loop. */
  const similarityConsensus = (a: number, b: number, tx: number, ty: number, theta: number) => {
    const t2 = SIM_TOL * SIM_TOL,
      ct = Math.cos(theta),
      st = Math.sin(theta);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = src[2 * i]!,
        y = src[2 * i + 1]!;
      const u = a * x - b * y + tx - dst[2 * i]!,
        v = b * x + a * y + ty - dst[2 * i + 1]!;
      if (u * u + v * v <= t2 && (!hasAngles || cosA[i]! * ct + sinA[i]! * st >= cosTol)) k++;
    }
    return k;
  };
  const angleOk = (i: number, theta: number) => {
    if (!hasAngles) return true;
    const d = Math.abs(((((dAng[i]! - theta) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
    return d <= ANGLE_TOL;
  };
  const consensus = (h: number[], tol: number, theta: number, out?: number[]) => {
    const t2 = tol * tol;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = src[2 * i]!,
        y = src[2 * i + 1]!;
      const w = h[6]! * x + h[7]! * y + h[8]!;
      if (w <= 1e-6) continue;
      const u = (h[0]! * x + h[1]! * y + h[2]!) / w - dst[2 * i]!,
        v = (h[3]! * x + h[4]! * y + h[5]!) / w - dst[2 * i + 1]!;
      if (u * u + v * v <= t2 && angleOk(i, theta)) {
        k++;
        out?.push(i);
      }
    }
    return k;
  };
  // Hypotheses: one per match (the best-distance ones first), scored by a loose similarity consensus.
  const order = matches.map((_, i) => i).sort((a, b) => matches[a]!.distance - matches[b]!.distance || a - b);
  const tries = Math.min(n, opts.hypotheses ?? 400);
  const scored: Array<{ h: number[]; theta: number; k: number }> = [];
  let kBest = 0;
  for (let t = 0; t < tries; t++) {
    // Adaptive stop (RANSAC's bound for one-match samples): once MIN_HYPOTHESES are scored and the best so far explains
    // a share e of the matches, the chance that a further good seed exists unseen is (1 - e)^t. Near-copies with
    // hundreds of matches stop after tens of hypotheses instead of hundreds; weak and borderline pairs see them all.
    if (!opts.exhaustive && kBest >= SURE_CONSENSUS && t >= MIN_HYPOTHESES && Math.pow(1 - kBest / n, t) < MISS_PROBABILITY) break;
    if (opts.stats) opts.stats.hypotheses++;
    const i = order[t]!;
    const s = Math.exp(logS[i]!),
      theta = hasAngles ? dAng[i]! : 0;
    const a = s * Math.cos(theta),
      b = s * Math.sin(theta);
    const x = src[2 * i]!,
      y = src[2 * i + 1]!;
    const tx = dst[2 * i]! - (a * x - b * y),
      ty = dst[2 * i + 1]! - (b * x + a * y);
    const k = similarityConsensus(a, b, tx, ty, theta);
    if (k >= 4) scored.push({ h: [a, -b, tx, b, a, ty, 0, 0, 1], theta, k });
    kBest = Math.max(kBest, k);
  }
  scored.sort((a, b) => b.k - a.k);
  let bestIdx: number[] = [],
    bestH: number[] | null = null;
  const inBest = new Uint8Array(n);
  // Local optimisation of the best few: affine on the loose set, homography on the affine set, refits.
  for (const hyp of scored.slice(0, 6)) {
    if (hyp.k <= bestIdx.length) break;
    let set: number[] = [];
    consensus(hyp.h, SIM_TOL, hyp.theta, set);
    // A hypothesis whose loose set the best model already explains (nearly all of it) would grow into that model again.
    if (bestIdx.length >= SURE_CONSENSUS && !opts.exhaustive && explainedShare(set, inBest) >= EXPLAINED_SHARE) continue;
    if (opts.stats) opts.stats.optimised++;
    let h: number[] | null = fitAffine(src, dst, set);
    if (!h) continue;
    set = [];
    consensus(h, AFF_TOL, hyp.theta, set);
    for (let it = 0; it < 3 && set.length >= 6; it++) {
      const hh = fitHomography(src, dst, set);
      if (!hh || !plausible(hh)) break;
      const next: number[] = [];
      consensus(hh, it === 0 ? AFF_TOL : thr, hyp.theta, next);
      if (it > 0 && next.length < set.length) break;
      h = hh;
      set = next;
    }
    const fin: number[] = [];
    consensus(h, thr, hyp.theta, fin);
    if (fin.length > bestIdx.length && plausible(h)) {
      bestIdx = fin;
      bestH = h;
      inBest.fill(0);
      for (const i of fin) inBest[i] = 1;
    }
  }
  if (!bestH || bestIdx.length < 4) return none;
  // Undo the normalisation so the homography maps work-frame pixels.
  const T = [sq, 0, (-q.width / 2) * sq, 0, sq, (-q.height / 2) * sq, 0, 0, 1];
  const Ci = [1 / sc, 0, c.width / 2, 0, 1 / sc, c.height / 2, 0, 0, 1];
  const H = mul3(Ci, mul3(bestH, T));
  const s = H[8]!;
  // An inlier also agrees with the homography where it lies: keypoint sizes and angles, not only positions.
  const finalIdx = bestIdx.filter((i) => {
    const [ds, da] = residualAt(q, c, H, matches[i]!.q, matches[i]!.c);
    return Math.abs(ds) <= SCALE_TOL_STEPS && (!hasAngles || da <= LOCAL_ANGLE_TOL);
  });
  if (finalIdx.length < 4) return none;
  const pairIdx = finalIdx.map((i) => [matches[i]!.q, matches[i]!.c] as [number, number]);
  const distance = finalIdx.reduce((sum, i) => sum + matches[i]!.distance, 0);
  return describe(
    q,
    c,
    H.map((v) => v / s),
    pairIdx,
    distance,
    n,
    Math.hypot(bestH[6]!, bestH[7]!) / Math.abs(bestH[8] || 1),
  );
}

/** The verification of these inlier pairs under the pixel homography h (distance: their descriptor distances' sum). */
export function describe(
  q: Features,
  c: Features,
  h: number[],
  pairIdx: Array<[number, number]>,
  distance: number,
  matches: number,
  projective: number,
): Verification {
  const pairs = pairIdx.map(([qi, ci]) => [q.xy[2 * qi]!, q.xy[2 * qi + 1]!, c.xy[2 * ci]!, c.xy[2 * ci + 1]!] as [number, number, number, number]);
  const qPts = pairs.map((p) => [p[0], p[1]] as [number, number]),
    cPts = pairs.map((p) => [p[2], p[3]] as [number, number]);
  const qb = boxOf(qPts, 0.05),
    cb = boxOf(cPts, 0),
    cbTrim = boxOf(cPts, 0.05);
  return {
    inliers: pairs.length,
    matches,
    homography: h,
    pairs,
    pairIdx,
    // The larger share of the two frames: a zoomed-in view spans little of the wider picture but much of itself.
    coverage: Math.max((qb[2] * qb[3]) / (q.width * q.height), (cbTrim[2] * cbTrim[3]) / (c.width * c.height)),
    region: cb,
    inlierDistance: distance / pairs.length,
    frame: [c.width, c.height],
    spread: narrowSpread(pairs) / Math.min(c.width, c.height),
    projective,
  };
}

/** Per inlier, how far its two keypoints disagree with what the homography does at that point: the scale in pyramid
 * steps (log base 1.2 of the keypoints' size ratio over the local scale) and the angle in radians (their angle
 * difference against the local rotation). A right pair agrees within about a step and the angle bins' width; a chance
 * pair that happens to land within the reprojection threshold agrees only by chance. */
export function localResiduals(q: Features, c: Features, v: Verification): { scale: Float64Array; angle: Float64Array } {
  const n = v.pairIdx.length,
    scale = new Float64Array(n),
    angle = new Float64Array(n);
  if (v.homography) v.pairIdx.forEach(([qi, ci], k) => ([scale[k], angle[k]] = residualAt(q, c, v.homography!, qi, ci)));
  return { scale, angle };
}

const STEP = Math.log(levelScale(1));
/** Scale (pyramid steps) and angle (radians) residuals of the pair (qi, ci) under the pixel homography h. */
export function residualAt(q: Features, c: Features, h: number[], qi: number, ci: number): [number, number] {
  const x = q.xy[2 * qi]!,
    y = q.xy[2 * qi + 1]!;
  const w = h[6]! * x + h[7]! * y + h[8]!;
  const u = (h[0]! * x + h[1]! * y + h[2]!) / w,
    v = (h[3]! * x + h[4]! * y + h[5]!) / w;
  // The homography's Jacobian at (x, y): its determinant is the local area scale, its rotation part the local turn.
  const a = (h[0]! - h[6]! * u) / w,
    b = (h[1]! - h[7]! * u) / w,
    cc = (h[3]! - h[6]! * v) / w,
    d = (h[4]! - h[7]! * v) / w;
  const localLog = 0.5 * Math.log(Math.abs(a * d - b * cc) || 1e-12);
  const ds = (Math.log(levelScale(c.level[ci]!) / levelScale(q.level[qi]!)) - localLog) / STEP;
  const da = c.angle[ci]! - q.angle[qi]! - Math.atan2(cc - b, a + d);
  return [ds, Math.abs((((da % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI)];
}

/** Bounding box [x, y, w, h] of the points between the `trim` and the 1 − `trim` quantile on each axis (0: all of them).
 * Coverage trims 5 %: one stray inlier far from a caption's 40 (two unrelated pictures with the same label) must not
 * make them span a sixth of the frame. */
export function boxOf(pts: Array<[number, number]>, trim: number): [number, number, number, number] {
  const n = pts.length;
  if (n === 0) return [0, 0, 0, 0];
  const lo = Math.floor(trim * (n - 1)),
    hi = Math.ceil((1 - trim) * (n - 1));
  const xs = pts.map((p) => p[0]).sort((a, b) => a - b),
    ys = pts.map((p) => p[1]).sort((a, b) => a - b);
  return [xs[lo]!, ys[lo]!, xs[hi]! - xs[lo]!, ys[hi]! - ys[lo]!];
}

/** Standard deviation along the narrowest axis of the candidate-side points (smaller eigenvalue of their covariance). */
function narrowSpread(pairs: Array<[number, number, number, number]>): number {
  const n = pairs.length;
  let mx = 0,
    my = 0;
  for (const p of pairs) {
    mx += p[2] / n;
    my += p[3] / n;
  }
  let sxx = 0,
    syy = 0,
    sxy = 0;
  for (const p of pairs) {
    const dx = p[2] - mx,
      dy = p[3] - my;
    sxx += (dx * dx) / n;
    syy += (dy * dy) / n;
    sxy += (dx * dy) / n;
  }
  const tr = sxx + syy,
    det = sxx * syy - sxy * sxy;
  return Math.sqrt(Math.max(0, tr / 2 - Math.sqrt(Math.max(0, (tr * tr) / 4 - det))));
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
