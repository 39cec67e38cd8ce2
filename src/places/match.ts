// Descriptor matching for verification: nearest neighbour by Hamming distance with Lowe's ratio test, one match per
// candidate feature; brute force or restricted to buckets (through the WebAssembly kernel when available). Pure.
import { nearestInBuckets } from './kernel.js';
import type { Features } from './features.js';

export interface Match {
  q: number;
  c: number;
  distance: number;
}

const MAX_DIST = 64;
// Lowe's ratio at 0.9 (0.8 before): ~30 % more right matches reach verification; the angle-checked
// hypotheses keep chance matches between unrelated pictures at ≤ 5 inliers (bench:places).
const RATIO = 0.9;

// A copy when unaligned (a Buffer from the pool, whose slice() is a view).
const words32 = (d: Uint8Array) =>
  d.byteOffset % 4 === 0 ? new Uint32Array(d.buffer, d.byteOffset, d.length >> 2) : new Uint32Array(new Uint8Array(d).buffer);
const pop32 = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
};

/** Nearest-neighbour matches q → c (brute force over c, or over `among(i)`; ratio test; one match per
 * candidate feature). Hamming distances on 32-bit words. */
export function matchFeatures(q: Features, c: Features, among?: (qi: number) => ArrayLike<number>): Match[] {
  const best = new Map<number, Match>();
  const all = Int32Array.from({ length: among ? 0 : c.count }, (_, j) => j);
  const qd = words32(q.desc),
    cd = words32(c.desc);
  for (let i = 0; i < q.count; i++) {
    let d1 = 257,
      d2 = 257,
      j1 = -1;
    const js = among ? among(i) : all;
    const a = i * 8;
    const q0 = qd[a]!,
      q1 = qd[a + 1]!,
      q2 = qd[a + 2]!,
      q3 = qd[a + 3]!,
      q4 = qd[a + 4]!,
      q5 = qd[a + 5]!,
      q6 = qd[a + 6]!,
      q7 = qd[a + 7]!;
    for (let t = 0; t < js.length; t++) {
      const j = js[t]!,
        b = j * 8;
      const d =
        pop32(q0 ^ cd[b]!) +
        pop32(q1 ^ cd[b + 1]!) +
        pop32(q2 ^ cd[b + 2]!) +
        pop32(q3 ^ cd[b + 3]!) +
        pop32(q4 ^ cd[b + 4]!) +
        pop32(q5 ^ cd[b + 5]!) +
        pop32(q6 ^ cd[b + 6]!) +
        pop32(q7 ^ cd[b + 7]!);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        j1 = j;
      } else if (d < d2) d2 = d;
    }
    keepNearest(best, i, j1, d1, d2);
  }
  return [...best.values()].sort((a, b) => a.q - b.q);
}

/** Lowe's ratio test on query feature i's nearest (j1 at d1) and second (d2) neighbours, then one match per
 * candidate feature: the closest query feature keeps it. */
function keepNearest(best: Map<number, Match>, i: number, j1: number, d1: number, d2: number): void {
  if (j1 < 0 || d1 > MAX_DIST || d1 >= RATIO * d2) return;
  const prev = best.get(j1);
  if (!prev || prev.distance > d1) best.set(j1, { q: i, c: j1, distance: d1 });
}

let kernelMatching = true;
/** Whether matchInBuckets uses the WebAssembly kernel (when available); off runs matchFeatures' loop (tests, benchmarks). */
export function setKernelMatching(on: boolean): void {
  kernelMatching = on;
}

/** matchFeatures restricted to buckets: query descriptor i is compared with `list[start[b] .. start[b + 1])` for
 * b = qBucket[i], in list order. The same matches, through the WebAssembly kernel when available (four 64-bit
 * popcounts per distance). */
export function matchInBuckets(q: Features, c: Features, qBucket: Int32Array, start: Int32Array, list: Int32Array): Match[] {
  const near = kernelMatching ? nearestInBuckets(q.desc, q.count, qBucket, c.desc, start, list) : null;
  if (!near) return matchFeatures(q, c, (i) => list.subarray(start[qBucket[i]!]!, start[qBucket[i]! + 1]!));
  const best = new Map<number, Match>();
  for (let i = 0; i < q.count; i++) keepNearest(best, i, near[3 * i]!, near[3 * i + 1]!, near[3 * i + 2]!);
  return [...best.values()].sort((a, b) => a.q - b.q);
}
