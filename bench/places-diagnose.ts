// Where same-place recall is lost, per query, from the views' ground truth (bench/places-views.ts knows the
// homography of every picture to its source photo): extraction (keypoints visible in both pictures, found
// again within a few pixels, whose descriptor's nearest neighbour is the right keypoint), retrieval (rank of
// the true image among the tf-idf candidates) and verification (inliers when the true image is verified).
import { descDistance, type Features } from '../src/places/features.js';
import { isPlaceLink, matchWithWords, ransacHomography } from '../src/places/index.js';
import type { Vocabulary } from '../src/places/vocabulary.js';
import type { View, ViewKind } from './places-views.js';

export interface Diagnosis {
  keypoints: number;
  /** Query keypoints whose true position lies inside the indexed picture. */
  visible: number;
  /** … with an indexed keypoint within 5 px (work frame). */
  repeated: number;
  /** … whose nearest descriptor (brute force over the indexed picture) is a keypoint within 8 px of the truth. */
  nnCorrect: number;
  /** Descriptor matches verification starts from, and how many of them are right (within 8 px of the truth). */
  matches: number;
  matchesCorrect: number;
  /** Inliers when the true image is verified, whatever its rank (0 when the link rule fails). */
  inliers: number;
}

function inv3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}
const apply = (m: number[], x: number, y: number): [number, number] => {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
};

export function diagnose(q: Features, qv: View, c: Features, cv: View, qWords: Uint32Array, voc: Vocabulary): Diagnosis {
  const toSrc = [...qv.toSource.slice(0, 8), qv.toSource[8] ?? 1];
  const fromSrc = inv3([...cv.toSource.slice(0, 8), cv.toSource[8] ?? 1]);
  const qs = qv.width / q.width,
    cs = c.width / cv.width;
  let visible = 0,
    repeated = 0,
    nnCorrect = 0;
  for (let i = 0; i < q.count; i++) {
    const [sx, sy] = apply(toSrc, q.xy[2 * i]! * qs, q.xy[2 * i + 1]! * qs);
    let [x, y] = apply(fromSrc, sx, sy);
    x *= cs;
    y *= cs;
    if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
    visible++;
    let near = Infinity,
      best = 257,
      bestJ = -1;
    for (let j = 0; j < c.count; j++) {
      const dx = c.xy[2 * j]! - x,
        dy = c.xy[2 * j + 1]! - y;
      near = Math.min(near, dx * dx + dy * dy);
      const d = descDistance(q.desc, i, c.desc, j);
      if (d < best) {
        best = d;
        bestJ = j;
      }
    }
    if (near <= 25) repeated++;
    if (bestJ >= 0 && Math.hypot(c.xy[2 * bestJ]! - x, c.xy[2 * bestJ + 1]! - y) <= 8) nnCorrect++;
  }
  const ms = matchWithWords(q, qWords, c, voc);
  let matchesCorrect = 0;
  for (const mt of ms) {
    const [sx, sy] = apply(toSrc, q.xy[2 * mt.q]! * qs, q.xy[2 * mt.q + 1]! * qs);
    const [x, y] = apply(fromSrc, sx, sy);
    if (Math.hypot(c.xy[2 * mt.c]! - x * cs, c.xy[2 * mt.c + 1]! - y * cs) <= 8) matchesCorrect++;
  }
  const v = ransacHomography(q, c, ms);
  return { keypoints: q.count, visible, repeated, nnCorrect, matches: ms.length, matchesCorrect, inliers: isPlaceLink(v, 0) ? v.inliers : 0 };
}

interface DiagOutcome {
  q: { kind: ViewKind | 'unrelated' };
  rank: number;
  correct: number;
  wrong: number[];
  /** Inliers of the place's sibling quarters (the same artwork): they outrank it too. */
  sibling: number[];
  diag: Diagnosis | null;
}

/** Per kind: mean extraction figures, candidate recall at 1/10/20/50, and the cause of each miss at T. */
export function printDiagnosis(os: DiagOutcome[], T: number) {
  const kinds = [...new Set(os.map((o) => o.q.kind))];
  console.log(
    `\ndiagnosis (place queries; miss causes at ${T} inliers: extraction = fewer than ${T} correct nearest neighbours exist; retrieval = true image not among the verified candidates; verification = the rest)`,
  );
  console.log(
    '  kind          n   kp  visible  repeated  nn-correct  matches(right)  inliers(true)  cand@1  @10   @20   @50  | miss: extraction retrieval verification (outranked)',
  );
  const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const p = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(0).padStart(3)} %`;
  for (const kind of [...kinds, 'all' as const]) {
    const g = os.filter((o) => kind === 'all' || o.q.kind === kind);
    const d = g.map((o) => o.diag!);
    const at = (k: number) => g.filter((o) => o.rank >= 0 && o.rank < k).length;
    let ext = 0,
      ret = 0,
      ver = 0,
      outr = 0;
    for (const o of g) {
      const ok = o.correct >= T && o.wrong.every((w) => w < o.correct) && o.sibling.every((w) => w < o.correct);
      if (ok) continue;
      if (o.diag!.nnCorrect < T) ext++;
      else if (o.correct === 0 && o.diag!.inliers >= T) ret++;
      else if (o.correct >= T) outr++;
      else ver++;
    }
    console.log(
      `  ${kind.padEnd(12)} ${String(g.length).padStart(3)} ${m(d.map((x) => x.keypoints))
        .toFixed(0)
        .padStart(4)}  ${p(m(d.map((x) => x.visible / x.keypoints)), 1)}   ${p(m(d.map((x) => x.repeated / Math.max(1, x.visible))), 1)}    ${m(
        d.map((x) => x.nnCorrect),
      )
        .toFixed(0)
        .padStart(5)}    ${m(d.map((x) => x.matches))
        .toFixed(0)
        .padStart(4)}(${m(d.map((x) => x.matchesCorrect))
        .toFixed(0)
        .padStart(4)})     ${m(d.map((x) => x.inliers))
        .toFixed(0)
        .padStart(
          5,
        )}        ${p(at(1), g.length)} ${p(at(10), g.length)} ${p(at(20), g.length)} ${p(at(50), g.length)} | ${String(ext).padStart(10)} ${String(ret).padStart(9)} ${String(
        ver,
      ).padStart(12)} ${String(outr).padStart(10)}`,
    );
  }
}
