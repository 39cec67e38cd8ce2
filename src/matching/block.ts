// Block kernel: a block of queries against one segment at once (batch matching of a seized
// disk). One query's ~2,300 probes land on random bucket offsets and buckets, each a DRAM
// miss. The probes of a whole block are instead partitioned by key range and walked in
// ascending key order, so each table's offsets and buckets are read in address order from
// a window of a few KB; the candidates are then partitioned by slot and verified walking the
// codes in address order. Results are those of searchSegment for each query: exact, each
// (query, code) once (the same first-passing-table dedupe), the same scan fallback.
import { COST, probeMasks, type Layout } from './layout.js';
import type { HitList } from './hits.js';
import { acceptTable, emit, ENTRY_COST, inlineQuery, MAX_ACCEPT_BITS, pc, POP16, scanSegment, searchSegment, seenEarlier, sub } from './search.js';
import type { Segment } from './segment.js';

/** Segments smaller than this, and blocks of fewer queries, are searched query by query. */
export const MIN_BLOCK_SLOTS = 1 << 16;
const MIN_BLOCK_QUERIES = 32;
/** Largest block (query index and table share a 32-bit candidate tag). */
export const MAX_BLOCK_QUERIES = 1 << 20;
const PART_KEY_BITS = 10; // keys per probe partition: 1,024 (2 KB of offsets, ~20 KB of buckets at 10 M)
const PART_SLOT_BITS = 12; // slots per verify partition: 4,096 codes, 128 KB

// Scratch of this thread, grown on demand and kept for the next block (about 100 MB for a
// block of 2,048 queries at 10 M codes).
let pKey = new Int32Array(0),
  pMeta = new Uint32Array(0); // probes: key; query << 5 | allowed suffix distance
let cSlot = new Uint32Array(0),
  cMeta = new Uint32Array(0); // candidates: slot; query << 6 | table
let sSlot = new Uint32Array(0),
  sMeta = new Uint32Array(0); // candidates partitioned by slot
let qsubs = new Int32Array(0),
  qnexts = new Int32Array(0),
  work = new Float64Array(0),
  exploded = new Uint8Array(0);
let parts = new Uint32Array(0),
  pEnd = new Uint32Array(0); // pEnd: end of each probe partition, per table
let sink = 0; // keeps the window touches observable
const tabStart = new Int32Array(65),
  tabPart = new Int32Array(65);

function grown<T extends Uint32Array | Int32Array>(a: T, need: number, make: (n: number) => T, keep = 0): T {
  if (a.length >= need) return a;
  let cap = Math.max(1024, a.length);
  while (cap < need) cap *= 2;
  const b = make(cap);
  if (keep > 0) b.set(a.subarray(0, keep));
  return b;
}

/**
 * Append the hits of queries b = 0..nq-1 (code at q[offs[b]..+8), reported with tags[b])
 * within radius r in this segment.
 */
export function searchSegmentBlock(seg: Segment, q: Uint32Array, offs: Int32Array, tags: Uint32Array, nq: number, r: number, hits: HitList): void {
  if (seg.live === 0 || nq === 0) return;
  if (nq > MAX_BLOCK_QUERIES) throw new RangeError(`block too large: ${nq} queries (max ${MAX_BLOCK_QUERIES})`);
  const plan = seg.plan(r);
  if (plan.scan || seg.n < MIN_BLOCK_SLOTS || nq < MIN_BLOCK_QUERIES) {
    for (let b = 0; b < nq; b++) searchSegment(seg, q, offs[b], r, hits, tags[b]);
    return;
  }
  const L = seg.layout!,
    m = L.m,
    radii = plan.radii;
  if (qsubs.length < nq * m) {
    qsubs = new Int32Array(Math.max(nq * m, qsubs.length * 2));
    qnexts = new Int32Array(qsubs.length);
  }
  for (let b = 0; b < nq; b++) {
    for (let i = 0; i < m; i++) {
      qsubs[b * m + i] = sub(q, offs[b], L.starts[i], L.widths[i]);
      qnexts[b * m + i] = sub(q, offs[b], L.nst[i], L.nb[i]);
    }
  }

  // 1. Probes of every query, partitioned per table by the high bits of the key.
  let total = 0,
    totalParts = 0;
  for (let i = 0; i < m; i++) {
    tabStart[i] = total;
    tabPart[i] = totalParts;
    if (radii[i] < 0) continue;
    total += nq * probeMasks(L.pw[i], radii[i]).masks.length;
    totalParts += 1 << (L.pw[i] - partLow(L.pw[i]));
  }
  tabStart[m] = total;
  tabPart[m] = totalParts;
  pKey = grown(pKey, total, (n) => new Int32Array(n));
  pMeta = grown(pMeta, total, (n) => new Uint32Array(n));
  pEnd = grown(pEnd, totalParts, (n) => new Uint32Array(n));
  for (let i = 0; i < m; i++) {
    if (radii[i] < 0) continue;
    const np = 1 << (L.pw[i] - partLow(L.pw[i]));
    parts = grown(parts, np + 1, (n) => new Uint32Array(n));
    const { masks, pops } = probeMasks(L.pw[i], radii[i]);
    partitionProbes(qsubs, m, i, nq, L.pw[i], radii[i], masks, pops, parts, tabStart[i], pKey, pMeta);
    pEnd.set(parts.subarray(0, np), tabPart[i]); // parts[h] is now the end of partition h
  }

  // 2. Modelled work per query (as searchSegment): a query whose buckets would cost more
  // than a plain scan (clustered data) is scanned on its own and skipped below.
  if (work.length < nq) {
    work = new Float64Array(nq * 2);
    exploded = new Uint8Array(nq * 2);
  }
  work.fill(0, 0, nq);
  for (let i = 0; i < m; i++) {
    if (radii[i] < 0) continue;
    sink ^= probeWork(seg.base[i], seg.cum[i], seg.gshift[i], L.sw[i], partLow(L.pw[i]), pKey, pMeta, pEnd, tabStart[i], tabPart[i], tabPart[i + 1], work);
  }
  const limit = seg.n * COST.scanCode * seg.fallbackRatio;
  for (let b = 0; b < nq; b++) {
    exploded[b] = work[b] > limit ? 1 : 0;
    if (exploded[b]) scanSegment(seg, q, offs[b], r, hits, tags[b]);
  }

  // 3. Candidates: bucket entries whose inline suffix is within the allowed distance.
  let nc = 0;
  for (let i = 0; i < m; i++) {
    if (radii[i] < 0) continue;
    nc = gather(
      seg.base[i],
      seg.cum[i],
      seg.gshift[i],
      seg.entries[i],
      L,
      i,
      radii[i],
      radii[(i + 1) % m] + 1,
      qsubs,
      qnexts,
      exploded,
      pKey,
      pMeta,
      pEnd,
      tabStart[i],
      tabPart[i],
      tabPart[i + 1],
      nc,
    );
  }

  // 4. Partition the candidates by slot, then verify them walking the codes in order.
  const np = (seg.n >>> PART_SLOT_BITS) + 1;
  parts = grown(parts, np + 1, (n) => new Uint32Array(n));
  sSlot = grown(sSlot, nc, (n) => new Uint32Array(n));
  sMeta = grown(sMeta, nc, (n) => new Uint32Array(n));
  partitionCandidates(cSlot, cMeta, nc, parts, np, sSlot, sMeta);
  verify(seg, L, radii, q, offs, tags, r, sSlot, sMeta, parts, np, m, hits);
}

function partitionProbes(
  qsb: Int32Array,
  m: number,
  i: number,
  nq: number,
  pw: number,
  ri: number,
  masks: Int32Array,
  pops: Uint8Array,
  pos: Uint32Array,
  start: number,
  pk: Int32Array,
  pm: Uint32Array,
): void {
  const pmask = (1 << pw) - 1,
    low = partLow(pw),
    np = 1 << (pw - low),
    nm = masks.length;
  pos.fill(0, 0, np + 1);
  for (let b = 0; b < nq; b++) {
    const kp = qsb[b * m + i] & pmask;
    for (let j = 0; j < nm; j++) pos[((kp ^ masks[j]) >>> low) + 1]++;
  }
  pos[0] = start;
  for (let h = 0; h < np; h++) pos[h + 1] += pos[h];
  for (let b = 0; b < nq; b++) {
    const kp = qsb[b * m + i] & pmask,
      tag = b << 5;
    for (let j = 0; j < nm; j++) {
      const key = kp ^ masks[j],
        p = pos[key >>> low]++,
        a = ri - pops[j];
      pk[p] = key;
      pm[p] = tag | (a < 31 ? a : 31);
    }
  }
}

function probeWork(
  base: Uint32Array,
  cum: Uint8Array,
  gs: number,
  sw: number,
  low: number,
  pk: Int32Array,
  pm: Uint32Array,
  pEnds: Uint32Array,
  start: number,
  part0: number,
  part1: number,
  wk: Float64Array,
): number {
  let t = 0;
  const ec = sw * 17;
  for (let h = 0, p = start, nP = part1 - part0; h < nP; h++) {
    const pe = pEnds[part0 + h];
    if (p === pe) continue;
    // Read the partition's offsets in address order first (the prefetcher streams them).
    for (let k = h << low, ke = (h + 1) << low; k <= ke; k += 64) t ^= cum[k];
    for (; p < pe; p++) {
      const k = pk[p],
        mt = pm[p],
        a = mt & 31;
      const len = base[(k + 1) >>> gs] + cum[k + 1] - base[k >>> gs] - cum[k];
      wk[mt >>> 5] += len * ENTRY_COST[ec + (a < 16 ? a : 16)];
    }
  }
  return t;
}

/** Append table i's candidates (slot; query << 6 | table) to cSlot/cMeta from nc on; returns the new count. */
function gather(
  base: Uint32Array,
  cum: Uint8Array,
  gs: number,
  e: Uint32Array,
  L: Layout,
  i: number,
  ri: number,
  rn1: number,
  qsb: Int32Array,
  qnb: Int32Array,
  ex: Uint8Array,
  pk: Int32Array,
  pm: Uint32Array,
  pEnds: Uint32Array,
  start: number,
  part0: number,
  part1: number,
  nc: number,
): number {
  const m = L.m,
    pw = L.pw[i],
    sw = L.sw[i],
    ib = sw + L.nb[i],
    smask = (1 << sw) - 1,
    imask = (1 << ib) - 1,
    low = partLow(pw),
    pop = POP16;
  const acc = ib <= MAX_ACCEPT_BITS && ri < 16 ? acceptTable(sw, ib, ri, rn1) : null;
  let cs = cSlot,
    cm = cMeta,
    t = 0;
  for (let h = 0, p = start, nP = part1 - part0; h < nP; h++) {
    const pe = pEnds[part0 + h];
    if (p === pe) continue;
    // The partition's buckets, read in address order first.
    const k0 = h << low,
      k1 = (h + 1) << low;
    for (let x = base[k0 >>> gs] + cum[k0], xe = base[k1 >>> gs] + cum[k1]; x < xe; x += 16) t ^= e[x];
    for (; p < pe; p++) {
      const mt = pm[p],
        b = mt >>> 5;
      if (ex[b]) continue;
      const k = pk[p],
        from = base[k >>> gs] + cum[k],
        to = base[(k + 1) >>> gs] + cum[k + 1];
      if (to === from) continue;
      if (nc + to - from > cs.length) {
        cs = cSlot = grown(cs, nc + to - from, (n) => new Uint32Array(n), nc);
        cm = cMeta = grown(cm, nc + to - from, (n) => new Uint32Array(n), nc);
      }
      const allow = mt & 31,
        iv = inlineQuery(L, i, qsb[b * m + i], qnb[b * m + i]),
        tag = (b << 6) | i;
      if (acc) {
        const at = allow << ib;
        for (let x = from; x < to; x++) {
          const v = e[x];
          cs[nc] = v >>> ib;
          cm[nc] = tag;
          nc += acc[at | ((v ^ iv) & imask)];
        }
      } else {
        const lim = allow + rn1;
        for (let x = from; x < to; x++) {
          const v = e[x],
            dd = (v ^ iv) & imask;
          cs[nc] = v >>> ib;
          cm[nc] = tag;
          nc += (((allow - pop[dd & smask]) | (lim - pop[dd])) >>> 31) ^ 1;
        }
      }
    }
  }
  sink ^= t;
  return nc;
}

function partitionCandidates(cs: Uint32Array, cm: Uint32Array, nc: number, pos: Uint32Array, np: number, ss: Uint32Array, sm: Uint32Array): void {
  pos.fill(0, 0, np + 1);
  for (let c = 0; c < nc; c++) pos[(cs[c] >>> PART_SLOT_BITS) + 1]++;
  for (let h = 0; h < np; h++) pos[h + 1] += pos[h];
  for (let c = 0; c < nc; c++) {
    const p = pos[cs[c] >>> PART_SLOT_BITS]++;
    ss[p] = cs[c];
    sm[p] = cm[c];
  }
}

function verify(
  seg: Segment,
  L: Layout,
  radii: Int32Array,
  q: Uint32Array,
  offs: Int32Array,
  tags: Uint32Array,
  r: number,
  ss: Uint32Array,
  sm: Uint32Array,
  pos: Uint32Array,
  np: number,
  m: number,
  hits: HitList,
): void {
  const codes = seg.codes,
    slotId = seg.slotId,
    qsb = qsubs,
    qnb = qnexts,
    n = seg.n;
  let t = 0;
  for (let h = 0, c = 0; h < np; h++) {
    const ce = pos[h];
    if (c === ce) continue;
    // The partition's codes, read in address order first.
    for (let w = (h << PART_SLOT_BITS) * 8, we = Math.min(n, (h + 1) << PART_SLOT_BITS) * 8; w < we; w += 16) t ^= codes[w];
    for (; c < ce; c++) {
      const s = ss[c],
        mt = sm[c],
        b = mt >>> 6,
        i = mt & 63,
        cb = s << 3,
        qo = offs[b];
      let d = pc(codes[cb] ^ q[qo]) + pc(codes[cb + 1] ^ q[qo + 1]);
      if (d > r) continue;
      d += pc(codes[cb + 2] ^ q[qo + 2]) + pc(codes[cb + 3] ^ q[qo + 3]);
      if (d > r) continue;
      d += pc(codes[cb + 4] ^ q[qo + 4]) + pc(codes[cb + 5] ^ q[qo + 5]) + pc(codes[cb + 6] ^ q[qo + 6]) + pc(codes[cb + 7] ^ q[qo + 7]);
      if (d > r || slotId[s] === 0) continue;
      if (i > 0 && seenEarlier(codes, cb, L, radii, i, qsb, qnb, b * m)) continue;
      emit(seg, s, d, hits, tags[b]);
    }
  }
  sink ^= t;
}

/** Observable sink of the window touches (so they cannot be treated as dead loads). */
export function blockSink(): number {
  return sink;
}

/** Low key bits within one probe partition. */
function partLow(pw: number): number {
  return pw > PART_KEY_BITS ? pw - PART_KEY_BITS : 0;
}
