// `npx tsx bench/places-residuals.ts DUMP0 [DUMP1 ...]` — the link rule's size and angle tolerances evaluated from
// `bench:places --dump` files (one per split, the first is the tune split): for each tolerance pair, recall@1 and
// false links at the first split's largest wrong count + 5, and recall@1 over a sweep of thresholds. The dumps hold
// each inlier's scale residual (pyramid steps) and angle residual (degrees), so one run per split covers every
// variant; coverage there is the one of the dumped inliers. How T = 16 with 1.5 steps and 20° was chosen
// (docs/near-duplicates.md).
import fs from 'node:fs';

interface Row {
  q: number;
  place: number;
  right: boolean;
  sibling: boolean;
  inliers: number;
  coverage: number;
  rs?: number[];
  ra?: number[];
}
const MIN_COVERAGE = 0.08;
const splits = process.argv.slice(2).map((f) => {
  const byQuery = new Map<number, Row[]>();
  for (const r of JSON.parse(fs.readFileSync(f, 'utf8')) as Row[]) byQuery.set(r.q, [...(byQuery.get(r.q) ?? []), r]);
  return [...byQuery.values()];
});
if (!splits.length) throw new Error('usage: places-residuals.ts DUMP0 [DUMP1 ...]');

/** Inliers within the tolerances (scale in steps, angle in degrees); null tolerances: every inlier. */
const kept = (r: Row, scale: number | null, angle: number | null) => {
  if (r.coverage < MIN_COVERAGE) return 0;
  if (scale === null || angle === null) return r.inliers;
  return (r.rs ?? []).filter((s, i) => Math.abs(s) <= scale && r.ra![i]! <= angle).length;
};
function evaluate(queries: Row[][], scale: number | null, angle: number | null) {
  let maxWrong = 0;
  const own: number[] = []; // per place query: its own count when it beats every other candidate, else 0
  for (const cands of queries) {
    let mine = 0,
      others = 0;
    for (const r of cands) {
      const k = kept(r, scale, angle);
      if (r.right) mine = k;
      else {
        others = Math.max(others, k);
        if (!r.sibling) maxWrong = Math.max(maxWrong, k);
      }
    }
    if (cands[0]!.place >= 0) own.push(mine > others ? mine : 0);
  }
  const recall = (T: number) => ((100 * own.filter((x) => x >= T).length) / own.length).toFixed(1);
  const falseLinks = (T: number) => queries.flat().filter((r) => !r.right && !r.sibling && kept(r, scale, angle) >= T).length;
  return { maxWrong, recall, falseLinks };
}

const variants: Array<[number | null, number | null]> = [[null, null]];
for (const s of [1, 1.5, 2, 3, 99]) for (const a of [12, 15, 20, 25, 35, 180]) variants.push([s, a]);
for (const [scale, angle] of variants) {
  const es = splits.map((q) => evaluate(q, scale, angle));
  const T = es[0]!.maxWrong + 5;
  const atRule = es.map((e, i) => `${e.recall(T)} % (${e.falseLinks(T)} false, largest wrong ${e.maxWrong})`).join(' | ');
  const sweep = [6, 10, 14, 16, 18, 23].map((t) => `${t}: ${es.map((e) => e.recall(t)).join(' / ')}`).join('  ');
  console.log(`scale ${scale ?? '-'} steps, angle ${angle ?? '-'}°: T = ${T}: ${atRule}   sweep ${sweep}`);
}
