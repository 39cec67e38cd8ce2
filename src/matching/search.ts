// Query kernels. The MIH search runs in stages (probe list, bucket bounds, bucket scan,
// verify), each over blocks that are first "touched" in a tight loop of independent loads:
// on this VM a random access costs ~100 ns when loads queue behind popcount work and
// ~30 ns when many are in flight (JS has no prefetch instruction).
import { hamming } from './code.js';
import { ballVolume, COST, probeMasks, type Layout } from './layout.js';
import type { HitList } from './hits.js';
import { sharedU32, sharedU8 } from './hits.js';
import { wasmScan } from './wasm-scan.js';
import type { Segment } from './segment.js';

export const POP16 = new Uint8Array(65536);
for (let i = 1; i < 65536; i++) POP16[i] = POP16[i >>> 1] + (i & 1);

// Modelled cost of one bucket entry given its table's suffix width and the allowed suffix
// distance: scanning it, plus verifying it with the probability that a uniform suffix passes.
export const ENTRY_COST = new Float64Array(17 * 17);
for (let sw = 0; sw <= 16; sw++) {
  for (let a = 0; a <= 16; a++) ENTRY_COST[sw * 17 + a] = COST.entry + (COST.candidate * ballVolume(sw, a)) / 2 ** sw;
}

export function pc(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Bits [st, st+w) of the code at a[base..base+8) as an int32 bit pattern (w <= 32). */
export function sub(a: Uint32Array, base: number, st: number, w: number): number {
  const wi = base + (st >>> 5),
    off = st & 31;
  let v = a[wi] >>> off;
  if (off + w > 32) v |= a[wi + 1] << (32 - off);
  return w === 32 ? v | 0 : v & ((1 << w) - 1);
}

// Scratch buffers shared by all segments of this thread (JS is single-threaded per isolate).
let pKey = new Int32Array(4096),
  pAllow = new Int32Array(4096);
let pS = new Uint32Array(4096),
  pE = new Uint32Array(4096);
let cand = new Uint32Array(8192);
const tabP = new Int32Array(65),
  tabC = new Int32Array(65),
  qSub = new Int32Array(64),
  qNext = new Int32Array(64);
let sinkWord = 0; // keeps "touch" loads observable so they are not optimised away
/** Observable sink of the touch loads (exported so the loads cannot be treated as dead). */
export function touchSink(): number {
  return sinkWord;
}
const BLOCK = 256;

/** Grow the probe list keeping its first `keep` probes (those of the tables already listed). */
function growProbes(n: number, keep: number): void {
  let cap = pKey.length;
  while (cap < n) cap *= 2;
  const k = new Int32Array(cap),
    a = new Int32Array(cap);
  k.set(pKey.subarray(0, keep));
  a.set(pAllow.subarray(0, keep));
  pKey = k;
  pAllow = a;
  pS = new Uint32Array(cap);
  pE = new Uint32Array(cap);
}

export function emit(seg: Segment, s: number, d: number, hits: HitList, tag: number): void {
  hits.push(seg.slotId[s], d, tag);
  if (seg.extra.size !== 0) {
    const ex = seg.extra.get(s);
    if (ex) for (let k = 0; k < ex.length; k++) hits.push(ex[k], d, tag);
  }
}

/** Exact scan of every slot of the segment (small segments, large radii, exploded queries). */
export function scanSegment(seg: Segment, q: Uint32Array, qOff: number, r: number, hits: HitList, tag: number): void {
  const codes = seg.codes,
    slotId = seg.slotId,
    n = seg.n;
  if (
    wasmScan(codes, n, q, qOff, r, (s) => {
      if (slotId[s] !== 0) emit(seg, s, hamming(codes, q, s << 3, qOff), hits, tag);
    })
  )
    return;
  const q0 = q[qOff],
    q1 = q[qOff + 1],
    q2 = q[qOff + 2],
    q3 = q[qOff + 3];
  const q4 = q[qOff + 4],
    q5 = q[qOff + 5],
    q6 = q[qOff + 6],
    q7 = q[qOff + 7];
  for (let s = 0, b = 0; s < n; s++, b += 8) {
    let d = pc(codes[b] ^ q0) + pc(codes[b + 1] ^ q1) + pc(codes[b + 2] ^ q2) + pc(codes[b + 3] ^ q3);
    if (d > r) continue;
    d += pc(codes[b + 4] ^ q4) + pc(codes[b + 5] ^ q5) + pc(codes[b + 6] ^ q6) + pc(codes[b + 7] ^ q7);
    if (d > r || slotId[s] === 0) continue;
    emit(seg, s, d, hits, tag);
  }
}

/**
 * True if table j passes the candidate at code offset b: its substring within r_j, and with
 * the inline bits of the next substring within the pigeonring bound (exactly the filter
 * applied to table j's bucket entries). qs/qn[qo + j]: the query's substring j and its
 * next-substring bits of table j.
 */
export function tablePasses(codes: Uint32Array, b: number, L: Layout, radii: Int32Array, j: number, qs: Int32Array, qn: Int32Array, qo: number): boolean {
  const rj = radii[j];
  if (rj < 0) return false;
  const dj = pc(sub(codes, b, L.starts[j], L.widths[j]) ^ qs[qo + j]);
  if (dj > rj) return false;
  const nb = L.nb[j];
  return nb === 0 || dj + pc(sub(codes, b, L.nst[j], nb) ^ qn[qo + j]) <= rj + radii[(j + 1) % L.m] + 1;
}

/** True if the candidate was already reported by an earlier table (first-passing-table dedupe). */
export function seenEarlier(codes: Uint32Array, b: number, L: Layout, radii: Int32Array, i: number, qs: Int32Array, qn: Int32Array, qo: number): boolean {
  for (let j = 0; j < i; j++) if (tablePasses(codes, b, L, radii, j, qs, qn, qo)) return true;
  return false;
}

/**
 * The query's inline bits for table i (next-substring bits above the suffix bits), laid out
 * like an entry's. With dd = (entry ^ iv) & imask, the entry passes with suffix allowance a
 * iff popcount(dd & smask) <= a and popcount(dd) <= a + r_(i+1) + 1 (acceptTable).
 */
export function inlineQuery(L: Layout, i: number, sub0: number, next: number): number {
  return ((next << L.sw[i]) | ((sub0 >>> L.pw[i]) & ((1 << L.sw[i]) - 1))) >>> 0;
}

export const MAX_ACCEPT_BITS = 12;
const acceptTables = new Map<number, Uint8Array>();

/**
 * acc[(a << ib) | dd] = 1 iff inline bits differing from the query's by dd pass with suffix
 * allowance a (0..ri): suffix distance <= a, and suffix + next-substring distance <= a + rn1.
 */
export function acceptTable(sw: number, ib: number, ri: number, rn1: number): Uint8Array {
  const key = ((sw * 17 + ib) * 16 + ri) * 128 + rn1;
  let acc = acceptTables.get(key);
  if (!acc) {
    const smask = (1 << sw) - 1,
      size = 1 << ib;
    acc = new Uint8Array((ri + 1) * size);
    for (let a = 0; a <= ri; a++) {
      for (let dd = 0; dd < size; dd++) acc[a * size + dd] = POP16[dd & smask] <= a && POP16[dd] <= a + rn1 ? 1 : 0;
    }
    acceptTables.set(key, acc);
  }
  return acc;
}

/** All live slots within distance r of q, via multi-index hashing (or a scan when cheaper). */
export function searchSegment(seg: Segment, q: Uint32Array, qOff: number, r: number, hits: HitList, tag: number): void {
  if (seg.live === 0) return;
  const plan = seg.plan(r);
  if (plan.scan) {
    scanSegment(seg, q, qOff, r, hits, tag);
    return;
  }
  const L = seg.layout!,
    m = L.m,
    radii = plan.radii,
    bases = seg.base,
    cums = seg.cum,
    gshift = seg.gshift,
    entries = seg.entries;

  // 1. Probe list: per table, every prefix within r_i, with the suffix distance still allowed.
  let np = 0;
  for (let i = 0; i < m; i++) {
    tabP[i] = np;
    const v = sub(q, qOff, L.starts[i], L.widths[i]);
    qSub[i] = v;
    qNext[i] = sub(q, qOff, L.nst[i], L.nb[i]);
    const ri = radii[i];
    if (ri < 0) continue;
    const pw = L.pw[i],
      kp = v & ((1 << pw) - 1);
    const { masks, pops } = probeMasks(pw, ri);
    if (np + masks.length > pKey.length) growProbes(np + masks.length, np);
    const pk = pKey,
      pa = pAllow;
    for (let j = 0; j < masks.length; j++) {
      pk[np] = kp ^ masks[j];
      pa[np++] = ri - pops[j];
    }
  }
  tabP[m] = np;
  const pk = pKey,
    pa = pAllow,
    ps = pS,
    pe = pE;

  // Each stage below touches a block of lines first (a loop of independent loads, so many
  // misses are in flight), then uses them while they and their TLB entries are still hot.
  // 2. Bucket bounds.
  let t = 0,
    total = 0,
    work = 0;
  for (let i = 0; i < m; i++) {
    const base = bases[i],
      cum = cums[i],
      gs = gshift[i],
      ec = L.sw[i] * 17;
    for (let j0 = tabP[i], je = tabP[i + 1]; j0 < je; j0 += BLOCK) {
      const j1 = j0 + BLOCK < je ? j0 + BLOCK : je;
      for (let j = j0; j < j1; j++) {
        const k = pk[j];
        t ^= cum[k] ^ base[k >>> gs];
      }
      for (let j = j0; j < j1; j++) {
        const k = pk[j],
          a = base[k >>> gs] + cum[k],
          b = base[(k + 1) >>> gs] + cum[k + 1],
          allow = pa[j];
        ps[j] = a;
        pe[j] = b;
        total += b - a;
        work += (b - a) * ENTRY_COST[ec + (allow < 16 ? allow : 16)];
      }
    }
  }
  // Clustered data can make buckets huge; when the buckets found would cost more than a
  // plain scan of the segment, scan instead.
  if (work > seg.n * COST.scanCode * seg.fallbackRatio) {
    sinkWord ^= t;
    scanSegment(seg, q, qOff, r, hits, tag);
    return;
  }

  // 3. Candidates: bucket entries whose inline suffix is within the allowed distance.
  if (total + 1 > cand.length) {
    let cap = cand.length;
    while (cap < total + 1) cap *= 2;
    cand = new Uint32Array(cap);
  }
  const cd = cand;
  let nc = 0;
  for (let i = 0; i < m; i++) {
    tabC[i] = nc;
    const e = entries[i],
      sw = L.sw[i],
      ib = sw + L.nb[i],
      smask = (1 << sw) - 1,
      imask = (1 << ib) - 1,
      ri = radii[i];
    const iv = inlineQuery(L, i, qSub[i], qNext[i]),
      rn1 = radii[(i + 1) % m] + 1;
    // Up to 12 inline bits: one lookup per entry in the table of passing (allowance, bits).
    const acc = ib <= MAX_ACCEPT_BITS && ri < 16 ? acceptTable(sw, ib, ri, rn1) : null;
    for (let j0 = tabP[i], je = tabP[i + 1]; j0 < je; j0 += BLOCK) {
      const j1 = j0 + BLOCK < je ? j0 + BLOCK : je;
      for (let j = j0; j < j1; j++) {
        const a = ps[j],
          b = pe[j];
        if (b > a) t ^= e[a] ^ e[b - 1];
      }
      if (acc) {
        for (let j = j0; j < j1; j++) {
          const at = pa[j] << ib,
            end = pe[j];
          for (let p = ps[j]; p < end; p++) {
            const x = e[p];
            cd[nc] = x >>> ib;
            nc += acc[at | ((x ^ iv) & imask)];
          }
        }
      } else {
        for (let j = j0; j < j1; j++) {
          const allow = pa[j],
            lim = allow + rn1,
            end = pe[j];
          for (let p = ps[j]; p < end; p++) {
            const x = e[p],
              dd = (x ^ iv) & imask;
            cd[nc] = x >>> ib;
            nc += (((allow - POP16[dd & smask]) | (lim - POP16[dd])) >>> 31) ^ 1;
          }
        }
      }
    }
  }
  tabC[m] = nc;

  // 4. Verify candidates (popcount with early exits), dedupe across tables, emit live slots.
  const codes = seg.codes,
    slotId = seg.slotId;
  const q0 = q[qOff],
    q1 = q[qOff + 1],
    q2 = q[qOff + 2],
    q3 = q[qOff + 3];
  const q4 = q[qOff + 4],
    q5 = q[qOff + 5],
    q6 = q[qOff + 6],
    q7 = q[qOff + 7];
  for (let i = 0; i < m; i++) {
    for (let j0 = tabC[i], je = tabC[i + 1]; j0 < je; j0 += BLOCK) {
      const j1 = j0 + BLOCK < je ? j0 + BLOCK : je;
      for (let j = j0; j < j1; j++) t ^= codes[cd[j] << 3];
      for (let j = j0; j < j1; j++) {
        const c = cd[j],
          b = c << 3;
        let d = pc(codes[b] ^ q0) + pc(codes[b + 1] ^ q1);
        if (d > r) continue;
        d += pc(codes[b + 2] ^ q2) + pc(codes[b + 3] ^ q3);
        if (d > r) continue;
        d += pc(codes[b + 4] ^ q4) + pc(codes[b + 5] ^ q5) + pc(codes[b + 6] ^ q6) + pc(codes[b + 7] ^ q7);
        if (d > r || slotId[c] === 0) continue;
        if (i > 0 && seenEarlier(codes, b, L, radii, i, qSub, qNext, 0)) continue;
        emit(seg, c, d, hits, tag);
      }
    }
  }
  sinkWord ^= t;
}

/** Slot holding exactly this code (live or dead), or -1. */
export function findCode(seg: Segment, q: Uint32Array, qOff: number): number {
  const codes = seg.codes;
  const L = seg.layout;
  if (L) {
    const v = sub(q, qOff, L.starts[0], L.widths[0]);
    const pw = L.pw[0],
      ib = L.sw[0] + L.nb[0],
      imask = (1 << ib) - 1,
      iv = inlineQuery(L, 0, v, sub(q, qOff, L.nst[0], L.nb[0]));
    const base = seg.base[0],
      cum = seg.cum[0],
      gs = seg.gshift[0],
      e = seg.entries[0],
      key = v & ((1 << pw) - 1);
    for (let p = base[key >>> gs] + cum[key], end = base[(key + 1) >>> gs] + cum[key + 1]; p < end; p++) {
      const x = e[p];
      if ((x & imask) !== iv) continue;
      const s = x >>> ib;
      if (sameCode(codes, s << 3, q, qOff)) return s;
    }
    return -1;
  }
  const q0 = q[qOff];
  for (let s = 0, b = 0; s < seg.n; s++, b += 8) if (codes[b] === q0 && sameCode(codes, b, q, qOff)) return s;
  return -1;
}

function sameCode(a: Uint32Array, ao: number, b: Uint32Array, bo: number): boolean {
  for (let j = 0; j < 8; j++) if (a[ao + j] !== b[bo + j]) return false;
  return true;
}

export interface Tables {
  base: Uint32Array[];
  cum: Uint8Array[];
  gshift: number[];
  entries: Uint32Array[];
}

/** Most keys per group of the compressed bucket offsets: offset(k) = base[k >>> gshift] + cum[k]. */
export const GROUP_SHIFT = 5;

/**
 * Counting-sort the n codes into one table per substring. Bucket offsets are stored as a
 * Uint32 base per group of 2^gshift keys plus a Uint8 offset within the group (1.125 instead
 * of 4 bytes per key at gshift 5, so a finer directory fits the memory budget). gshift is
 * the largest <= 5 whose groups all hold at most 255 entries; extremely skewed data ends at
 * gshift 0 (one base per key, cum all zero).
 */
export function buildTables(codes: Uint32Array, n: number, L: Layout): Tables {
  const t: Tables = { base: [], cum: [], gshift: [], entries: [] };
  const keys = new Int32Array(n),
    nexts = new Int32Array(n),
    tmpV = new Int32Array(n),
    tmpN = new Int32Array(n),
    tmpS = new Uint32Array(n);
  for (let i = 0; i < L.m; i++) {
    const K = 2 ** L.pw[i];
    const off = new Uint32Array(K + 1),
      e = sharedU32(n);
    sortTable(codes, n, L, i, off, e, keys, nexts, tmpV, tmpN, tmpS);
    let gs = GROUP_SHIFT;
    while (gs > 0 && !groupsFit(off, K, gs)) gs--;
    const base = sharedU32((K >>> gs) + 1),
      cum = sharedU8(K + 1);
    for (let g = 0; g <= K >>> gs; g++) base[g] = off[Math.min(K, g << gs)];
    if (gs > 0) for (let k = 0; k <= K; k++) cum[k] = off[k] - base[k >>> gs];
    t.base.push(base);
    t.cum.push(cum);
    t.gshift.push(gs);
    t.entries.push(e);
  }
  return t;
}

/** True if every group of 2^gs keys spans at most 255 entries (its offsets fit a Uint8). */
function groupsFit(off: Uint32Array, K: number, gs: number): boolean {
  for (let k = 0; k <= K; k++) if (off[k] - off[(k >>> gs) << gs] > 0xff) return false;
  return true;
}

/**
 * Bucket the n codes by the pw-bit prefix of substring [st, st+w) into e (CSR, offsets in off).
 * Two-level radix: first partition by the top 8 prefix bits (256 sequential write streams),
 * then counting-sort each partition, whose slice of e stays in cache. A direct scatter over
 * the whole table is ~4x slower at 10 M codes (every write a cache and TLB miss).
 */
function sortTable(
  codes: Uint32Array,
  n: number,
  L: Layout,
  i: number,
  off: Uint32Array,
  e: Uint32Array,
  keys: Int32Array,
  nexts: Int32Array,
  tmpV: Int32Array,
  tmpN: Int32Array,
  tmpS: Uint32Array,
): void {
  const st = L.starts[i],
    w = L.widths[i],
    pw = L.pw[i],
    sw = L.sw[i],
    ib = sw + L.nb[i],
    nst = L.nst[i],
    nb = L.nb[i];
  const pmask = 2 ** pw - 1,
    H = Math.min(8, pw),
    low = pw - H,
    NP = 1 << H,
    lk = 1 << low,
    lmask = lk - 1;
  const part = new Uint32Array(NP + 1);
  for (let s = 0, b = 0; s < n; s++, b += 8) {
    const v = sub(codes, b, st, w);
    keys[s] = v;
    nexts[s] = sub(codes, b, nst, nb);
    part[((v & pmask) >>> low) + 1]++;
  }
  for (let h = 0; h < NP; h++) part[h + 1] += part[h];
  const ppos = part.slice(0, NP);
  for (let s = 0; s < n; s++) {
    const v = keys[s],
      q = ppos[(v & pmask) >>> low]++;
    tmpV[q] = v;
    tmpN[q] = nexts[s];
    tmpS[q] = s;
  }
  const pos = new Uint32Array(lk + 1);
  for (let h = 0; h < NP; h++) {
    const a = part[h],
      z = part[h + 1],
      kb = h << low;
    pos.fill(0);
    for (let q = a; q < z; q++) pos[(tmpV[q] & lmask) + 1]++;
    let acc = a;
    for (let k = 0; k < lk; k++) {
      const c = pos[k + 1];
      off[kb + k] = acc;
      pos[k] = acc;
      acc += c;
    }
    for (let q = a; q < z; q++) {
      const v = tmpV[q];
      e[pos[v & lmask]++] = (tmpS[q] << ib) | (tmpN[q] << sw) | (v >>> pw);
    }
  }
  off[pmask + 1] = n;
}
