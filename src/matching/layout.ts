// Multi-index hashing layout: the 256 bits are cut into m contiguous substrings.
// Each substring table is direct-addressed on its low `pw` bits (CSR offsets) and
// keeps the remaining `sw` high bits inline in the entry next to the slot number,
// so a probe filters on the full substring without touching the code array.
// Spare entry bits hold `nb` bits of the next substring (ring order): by the pigeonring
// principle (Qin et al., VLDB 2018) a code within r has a table i with d_i <= r_i and
// d_i + d_(i+1) <= r_i + r_(i+1) + 1, so those bits reject most candidates before their
// code is fetched.
import { CODE_BITS, PDQ_MATCH_THRESHOLD } from './code.js';

export interface Layout {
  readonly m: number;
  readonly prefixBits: number;
  readonly widths: readonly number[];
  readonly starts: readonly number[];
  /** Direct-addressed bits per table: min(width, prefixBits). */
  readonly pw: readonly number[];
  /** Inline suffix bits per table: width - pw (<= 16, and fits next to the slot in 32 bits). */
  readonly sw: readonly number[];
  /** Inline bits of the next table's substring (its low bits), above the suffix: sw + nb <= 16. */
  readonly nb: readonly number[];
  /** First code bit of those next-substring bits (the next table's start). */
  readonly nst: readonly number[];
}

export interface LayoutSpec {
  m: number;
  prefixBits: number;
}

/** Rough costs in ns measured on the target machine (memory-latency bound). */
export const COST = { probe: 60, entry: 2, candidate: 40, scanCode: 7 };

/** Below this many live codes a segment is only ever scanned. */
export const MIN_MIH_SLOTS = 512;
export const MAX_SLOTS = 1 << 28; // slot << 3 must stay an int32 word offset
const MAX_PREFIX = 24;
const MAX_SUFFIX = 16;

export function slotBitsFor(n: number): number {
  return n <= 2 ? 1 : 32 - Math.clz32(n - 1);
}

/** Build a layout, or return null if it violates the packing constraints for n slots. */
export function makeLayout(spec: LayoutSpec, n: number): Layout | null {
  const { m, prefixBits: P } = spec;
  if (!Number.isInteger(m) || m < 8 || m > 64 || !Number.isInteger(P) || P < 1 || P > MAX_PREFIX) return null;
  const base = Math.floor(CODE_BITS / m),
    extra = CODE_BITS - base * m;
  const widths: number[] = [],
    starts: number[] = [],
    pw: number[] = [],
    sw: number[] = [];
  const maxSuffix = Math.min(MAX_SUFFIX, 32 - slotBitsFor(n));
  let at = 0;
  for (let i = 0; i < m; i++) {
    const w = base + (i < extra ? 1 : 0);
    const p = Math.min(w, P);
    if (w - p > maxSuffix) return null;
    widths.push(w);
    starts.push(at);
    pw.push(p);
    sw.push(w - p);
    at += w;
  }
  const nb: number[] = [],
    nst: number[] = [],
    spare = 32 - slotBitsFor(n);
  for (let i = 0; i < m; i++) {
    const next = (i + 1) % m;
    nb.push(Math.max(0, Math.min(widths[next], 16 - sw[i], spare - sw[i])));
    nst.push(starts[next]);
  }
  return { m, prefixBits: P, widths, starts, pw, sw, nb, nst };
}

const binomCache: number[][] = [];
export function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let row = binomCache[n];
  if (!row) {
    row = [1];
    for (let i = 1; i <= n; i++) row.push((row[i - 1] * (n - i + 1)) / i);
    binomCache[n] = row;
  }
  return row[k];
}

/** Number of w-bit strings within Hamming distance r of a given one. */
export function ballVolume(w: number, r: number): number {
  let v = 0;
  for (let k = 0; k <= Math.min(r, w); k++) v += binom(w, k);
  return v;
}

function tableCost(L: Layout, i: number, r: number, n: number): number {
  if (r < 0) return 0;
  const p = L.pw[i],
    w = L.widths[i];
  const probes = ballVolume(p, r);
  return probes * COST.probe + ((probes * n) / 2 ** p) * COST.entry + ((n * ballVolume(w, r)) / 2 ** w) * COST.candidate;
}

/**
 * Per-table search radii for query radius r (generalised pigeonhole, Norouzi et al.):
 * with sum(r_i + 1) = r + 1, any code within r has some substring i within r_i.
 * r_i = -1 means table i is not probed. Greedy on modelled marginal cost.
 */
export function allocateRadii(L: Layout, n: number, r: number): Int32Array {
  const radii = new Int32Array(L.m).fill(-1);
  for (let t = 0; t <= r; t++) {
    let best = -1,
      bestCost = Infinity;
    for (let i = 0; i < L.m; i++) {
      if (radii[i] >= L.widths[i]) continue;
      const c = tableCost(L, i, radii[i] + 1, n) - tableCost(L, i, radii[i], n);
      if (c < bestCost) {
        bestCost = c;
        best = i;
      }
    }
    if (best < 0) break; // every table already at full width: all codes are candidates
    radii[best]++;
  }
  return radii;
}

export function mihCost(L: Layout, n: number, radii: Int32Array): number {
  let c = 0;
  for (let i = 0; i < L.m; i++) c += tableCost(L, i, radii[i], n);
  return c;
}

export function scanCost(n: number): number {
  return n * COST.scanCode;
}

/**
 * Choose (m, prefixBits) for n slots minimising the modelled cost of a radius-31 query,
 * with table memory (entries + offsets) capped at 50 bytes per code (plus 256 KiB slack
 * for small n). Returns null when a plain scan is cheaper.
 */
export function chooseLayout(n: number, radius = PDQ_MATCH_THRESHOLD): Layout | null {
  if (n < MIN_MIH_SLOTS) return null;
  // The search below costs 5-35 ms, and every 2,048-code buffer turned into a segment asks for the same n.
  const key = n * 257 + radius;
  const known = chosen.get(key);
  if (known !== undefined) return known;
  if (chosen.size >= 1024) chosen.clear();
  const best = searchLayout(n, radius);
  chosen.set(key, best);
  return best;
}
const chosen = new Map<number, Layout | null>();

function searchLayout(n: number, radius: number): Layout | null {
  let best: Layout | null = null,
    bestCost = scanCost(n);
  for (let m = 8; m <= 24; m++) {
    for (let P = 4; P <= MAX_PREFIX; P++) {
      const L = makeLayout({ m, prefixBits: P }, n);
      if (!L) continue;
      const offsetBytes = m * 1.125 * 2 ** P; // compressed offsets, see buildTables
      if (m * 4 * n + offsetBytes > 50 * n + 256 * 1024) continue;
      const c = mihCost(L, n, allocateRadii(L, n, radius));
      if (c < bestCost) {
        bestCost = c;
        best = L;
      }
    }
  }
  return best;
}

export interface ProbeMasks {
  masks: Int32Array;
  pops: Uint8Array;
}
const maskCache = new Map<number, ProbeMasks>();

/** All p-bit masks with popcount <= r, in order of popcount (Gosper's hack per k). */
export function probeMasks(p: number, r: number): ProbeMasks {
  const kMax = Math.min(r, p);
  const key = p * 64 + kMax;
  let pm = maskCache.get(key);
  if (pm) return pm;
  const total = ballVolume(p, kMax);
  const masks = new Int32Array(total),
    pops = new Uint8Array(total);
  let n = 0;
  const limit = 2 ** p;
  masks[n] = 0;
  pops[n++] = 0;
  for (let k = 1; k <= kMax; k++) {
    let v = 2 ** k - 1;
    while (v < limit) {
      masks[n] = v;
      pops[n++] = k;
      const c = v & -v,
        rr = v + c;
      v = Math.floor(((rr ^ v) >>> 2) / c) | rr;
    }
  }
  if (n !== total) throw new Error(`probeMasks(${p},${r}): enumerated ${n} of ${total}`);
  pm = { masks, pops };
  maskCache.set(key, pm);
  return pm;
}
