// PdqIndex: exact Hamming range search over PDQ codes with incremental add/remove.
// Storage is log-structured: a few static MIH segments (largest first) plus a small
// scan-only buffer. A full buffer becomes a segment; similar-sized segments are merged
// (ratio 8) and everything is merged into the largest once the rest exceeds 1/16 of it.
// With a `merger` (background-merge.ts), merges of many codes are built on another thread: the index answers from
// the old segments meanwhile and swaps the new one in when it lands, replaying the changes made in between.
import { checkId, checkRadius, codesEqual, PDQ_MATCH_THRESHOLD, toCode } from './code.js';
import { assemble, blockCodes, packQueries, type BatchOptions, type BatchResult } from './batch-result.js';
import { searchSegmentBlock } from './block.js';
import { byDistanceThenId, HitList, sharedF64, type DihedralMatch, type Match } from './hits.js';
import { codeArray } from './wasm-scan.js';
import { findCode, searchSegment } from './search.js';
import { mergeSegments, Segment, type SegmentOptions } from './segment.js';
import type { SegmentMerger } from './background-merge.js';
import { deserializeIndex, serializeIndex, type SnapshotReader } from './serialize.js';

export type { DihedralMatch, Match } from './hits.js';
export { byDistanceThenId } from './hits.js';

export interface PdqIndexOptions extends SegmentOptions {
  /** Codes held in the scan-only buffer before it becomes an indexed segment (default 2048). */
  bufferSize?: number;
  /** Builds large merges off this thread (BackgroundMerger); without one every merge runs inside add(). */
  merger?: SegmentMerger;
  /** Merges of at least this many live codes go to the merger (default 32,768: smaller ones take a few ms here). */
  backgroundFrom?: number;
}

/** A merge on the merger's thread: its inputs, and the changes made to them since (code null = removal). */
interface PendingMerge {
  inputs: Set<Segment>;
  /** The inputs' live slots and ids when the merge began: what the merged segment must hold. */
  live: number;
  ids: number;
  log: Array<{ id: number; code: Uint32Array | null }>;
  done: Promise<void>;
}

const MERGE_RATIO = 8;
/** Merge everything once the smaller segments together exceed 1/MAJOR of the largest. */
const MAJOR = 16;

export class PdqIndex {
  private segs: Segment[] = [];
  private buf: Segment;
  private readonly hits = new HitList();
  private pending: PendingMerge | null = null;
  /** Set when the merger said it is closed: merges run here from then on. */
  private mergerClosed = false;
  /** Bumped on every mutation (ParallelMatcher resyncs workers when it changes). */
  version = 0;
  /** Background merges that failed and were done on this thread instead (the first error is kept). */
  mergeFailures = 0;
  mergeError: Error | null = null;

  constructor(readonly options: PdqIndexOptions = {}) {
    this.buf = Segment.buffer(options.bufferSize ?? 2048);
  }

  /** Bulk build from parallel arrays (ids[i] has code codes[8i..8i+8) or hex string). Fastest path. */
  static build(ids: ArrayLike<number>, codes: Uint32Array | readonly string[], options: PdqIndexOptions = {}): PdqIndex {
    const n = ids.length;
    const words = Array.isArray(codes) ? hexToWords(codes as readonly string[]) : (codes as Uint32Array);
    if (words.length !== n * 8) throw new RangeError('codes length must be 8 * ids.length');
    // Dedupe identical codes: open addressing on a code hash, fingerprint checked before the code.
    let cap = 16;
    while (cap < n * 2) cap *= 2;
    // (slot + 1, fingerprint) pairs in one array: one cache miss per probe.
    const table = new Int32Array(cap * 2),
      mask = cap - 1;
    const wasm = options.wasmCodes ?? false;
    const uniq = codeArray(n * 8, wasm),
      slotId = sharedF64(n),
      extras: number[] = [];
    let u = 0;
    for (let i = 0, b = 0; i < n; i++, b += 8) {
      const id = ids[i];
      if (!(id > 0) || !Number.isSafeInteger(id)) checkId(id);
      let h = 0x811c9dc5;
      for (let j = 0; j < 8; j++) {
        h = Math.imul(h ^ words[b + j], 0x01000193);
        h ^= h >>> 15;
      }
      for (let p = h & mask; ; p = (p + 1) & mask) {
        const s = table[2 * p] - 1;
        if (s < 0) {
          table[2 * p] = u + 1;
          table[2 * p + 1] = h;
          const o = u * 8;
          for (let j = 0; j < 8; j++) uniq[o + j] = words[b + j];
          slotId[u++] = id;
          break;
        }
        if (table[2 * p + 1] === h && codesEqual(uniq, s * 8, words, b)) {
          extras.push(s, id);
          break;
        }
      }
    }
    const index = new PdqIndex(options);
    if (u > 0) {
      const codesU = u === n ? uniq : shareCodes(uniq.subarray(0, u * 8), wasm);
      const idsU = u === n ? slotId : slotId.slice(0, u);
      index.segs.push(Segment.build(codesU, shareF64(idsU), u, extras, options));
    }
    return index;
  }

  /** Number of ids. */
  get size(): number {
    let k = this.buf.idCount;
    for (const s of this.segs) k += s.idCount;
    return k;
  }

  /** Number of distinct live codes. */
  get codeCount(): number {
    let k = this.buf.live;
    for (const s of this.segs) k += s.live;
    return k;
  }

  has(id: number): boolean {
    return this.locate(id) !== null;
  }

  /** The code stored for id, or undefined. */
  codeOf(id: number): Uint32Array | undefined {
    const at = this.locate(id);
    return at ? at.seg.codes.slice(at.slot * 8, at.slot * 8 + 8) : undefined;
  }

  /** Add (or move) id with this code. Identical codes share one slot. */
  add(id: number, code: string | Uint32Array): void {
    checkId(id);
    const c = toCode(code);
    const at = this.locate(id);
    if (at) {
      if (codesEqual(at.seg.codes, at.slot * 8, c, 0)) return;
      at.seg.removeId(id);
      this.note(at.seg, id, null);
    }
    this.version++;
    for (const seg of this.allSegments()) {
      const s = findCode(seg, c, 0);
      // A dead slot of a segment being merged elsewhere is not in the merged copy: the code starts again in the buffer.
      if (s >= 0 && !(seg.slotId[s] === 0 && this.pending?.inputs.has(seg))) {
        seg.attach(s, id);
        this.note(seg, id, c);
        return;
      }
    }
    this.buf.append(c, 0, id);
    if (this.buf.full) this.flush();
  }

  remove(id: number): boolean {
    for (const seg of this.allSegments()) {
      if (seg.removeId(id)) {
        this.note(seg, id, null);
        this.version++;
        return true;
      }
    }
    return false;
  }

  /** All ids within `radius` of the code, nearest first (ties by id). */
  query(code: string | Uint32Array, radius = PDQ_MATCH_THRESHOLD): Match[] {
    const hits = this.hits;
    hits.reset();
    this.queryInto(toCode(code), 0, checkRadius(radius), hits, 0);
    const out: Match[] = new Array(hits.count);
    for (let i = 0; i < hits.count; i++) out[i] = { id: hits.ids[i], distance: hits.dist[i] };
    return out.sort(byDistanceThenId);
  }

  /**
   * Query the 8 dihedral variants of one image at once: per id, the minimum distance over
   * variants and the (lowest) variant index achieving it.
   */
  queryDihedral(codes: readonly (string | Uint32Array)[] | Uint32Array, radius = PDQ_MATCH_THRESHOLD): DihedralMatch[] {
    const words = dihedralWords(codes);
    const hits = this.hits;
    hits.reset();
    checkRadius(radius);
    for (let v = 0; v < 8; v++) this.queryInto(words, v * 8, radius, hits, v);
    return reduceDihedral(hits, 0, hits.count);
  }

  /** Low-level: append raw hits (id, distance, tag) for q[qOff..qOff+8) to `hits`. */
  queryInto(q: Uint32Array, qOff: number, radius: number, hits: HitList, tag: number): void {
    for (const seg of this.segs) searchSegment(seg, q, qOff, radius, hits, tag);
    searchSegment(this.buf, q, qOff, radius, hits, tag);
  }

  /**
   * Many queries on this thread, processed in blocks (block.ts): several times the rate of
   * one query at a time on a large index. ParallelMatcher spreads the same over workers.
   */
  queryBatch(queries: Uint32Array | readonly (string | Uint32Array)[], opts: BatchOptions = {}): BatchResult {
    const { words, count, radius, dihedral } = packQueries(queries, opts, false);
    const hits = new HitList(1024),
      chunk = opts.chunk ?? (dihedral ? 128 : 1024);
    for (let from = 0; from < count; from += chunk) {
      const { offs, tags, n } = blockCodes(from, Math.min(count, from + chunk), dihedral);
      this.queryBlockInto(words, offs, tags, n, radius, hits);
    }
    return assemble(
      [{ ids: hits.ids.subarray(0, hits.count), dist: hits.dist.subarray(0, hits.count), tag: hits.tag.subarray(0, hits.count) }],
      count,
      dihedral,
    );
  }

  /** Low-level: raw hits of the n codes at q[offs[k]..+8), tagged tags[k]. */
  queryBlockInto(q: Uint32Array, offs: Int32Array, tags: Uint32Array, n: number, radius: number, hits: HitList): void {
    for (const seg of this.segs) searchSegmentBlock(seg, q, offs, tags, n, radius, hits);
    for (let k = 0; k < n; k++) searchSegment(this.buf, q, offs[k], radius, hits, tags[k]);
  }

  /** Turn the buffer into an indexed segment and apply the merge policy. */
  flush(): void {
    if (this.seal()) this.maintain();
  }

  /** The buffer becomes a segment (no merges). */
  private seal(): boolean {
    if (this.buf.n === 0) return false;
    if (this.buf.live > 0) this.segs.push(mergeSegments([this.buf], this.options));
    this.buf = Segment.buffer(this.options.bufferSize ?? 2048);
    this.version++;
    return true;
  }

  /** Merge everything into one segment (e.g. before a snapshot, or after a bulk catch-up). A merge in flight is dropped. */
  compact(): void {
    this.pending = null;
    this.seal();
    const live = this.segs.filter((s) => s.live > 0);
    if (live.length === 1 && live[0].live === live[0].n) {
      this.segs = live;
      return;
    }
    this.segs = live.length > 0 ? [mergeSegments(live, this.options)] : [];
    this.version++;
  }

  /** Resolves once no merge is in flight on the merger's thread. */
  async settled(): Promise<void> {
    while (this.pending) await this.pending.done;
  }

  /** Whether a merge is in flight on the merger's thread. */
  get merging(): boolean {
    return this.pending !== null;
  }

  private maintain(): void {
    if (this.pending) return; // resumed when the merge in flight lands
    const opts = this.options;
    for (;;) {
      const group = this.nextMerge();
      if (!group) return;
      let live = 0;
      for (const s of group) live += s.live;
      if (opts.merger && !this.mergerClosed && !opts.wasmCodes && live >= (opts.backgroundFrom ?? 32_768)) {
        this.mergeAside(opts.merger, group);
        return;
      }
      this.replace(group, mergeSegments(group, opts));
    }
  }

  /** The next segments to merge: one with more dead slots than live, the smallest ones of similar size, or all. */
  private nextMerge(): Segment[] | null {
    this.segs = this.segs.filter((s) => s.live > 0);
    const sparse = this.segs.find((s) => s.live * 2 < s.n);
    if (sparse) return [sparse];
    this.segs.sort((a, b) => b.live - a.live);
    const k = this.segs.length;
    if (k < 2) return null;
    if (this.segs[k - 2].live <= MERGE_RATIO * this.segs[k - 1].live) {
      // Every segment the merged pair would then be merged with, in the same merge: one build instead of a cascade
      // of growing ones (after a background merge lands, the buffers sealed meanwhile would each be rebuilt).
      let j = k - 2,
        sum = this.segs[k - 2].live + this.segs[k - 1].live;
      while (j > 0 && this.segs[j - 1].live <= MERGE_RATIO * sum) sum += this.segs[--j].live;
      return this.segs.slice(j);
    }
    let rest = 0;
    for (let i = 1; i < k; i++) rest += this.segs[i].live;
    return rest * MAJOR > this.segs[0].live ? [...this.segs] : null;
  }

  private replace(group: readonly Segment[], merged: Segment): void {
    this.segs = this.segs.filter((s) => !group.includes(s));
    this.segs.push(merged);
    this.segs.sort((a, b) => b.live - a.live);
    this.version++;
  }

  /** Record a change to a segment a merge in flight is reading (replayed on the merged segment). */
  private note(seg: Segment, id: number, code: Uint32Array | null): void {
    if (this.pending?.inputs.has(seg)) this.pending.log.push({ id, code: code && code.slice(0, 8) });
  }

  private mergeAside(merger: SegmentMerger, group: Segment[]): void {
    let finish!: () => void;
    let live = 0,
      ids = 0;
    for (const s of group) {
      live += s.live;
      ids += s.idCount;
    }
    const pending: PendingMerge = { inputs: new Set(group), live, ids, log: [], done: new Promise((r) => (finish = r)) };
    this.pending = pending;
    const fallBack = (e: unknown) => {
      // The inputs are current (every change was made to them too): merge them here instead.
      this.pending = null;
      this.mergeFailures++;
      this.mergeError ??= e instanceof Error ? e : new Error(String(e));
      this.replace(group, mergeSegments(group, this.options));
      this.maintain();
    };
    merger.merge(group, this.options).then(
      (merged) => {
        try {
          if (this.pending !== pending) return; // dropped by compact()
          if (!merged) {
            // The merger closed (shutdown): the inputs stay as they are, and later merges run here.
            this.pending = null;
            this.mergerClosed = true;
          } else if (!this.land(pending, merged)) fallBack(new Error('the merged segment does not hold what its inputs held'));
        } finally {
          finish();
        }
      },
      (e: unknown) => {
        try {
          if (this.pending === pending) fallBack(e);
        } finally {
          finish();
        }
      },
    );
  }

  /** Swap the merged segment in for its inputs and replay the changes made to them since the merge began; false (and
   * nothing changed) if the merged segment cannot take them. */
  private land(pending: PendingMerge, merged: Segment): boolean {
    // Only live slots were attached to while the merge was out (add() skips their dead ones), so every code attached
    // has its slot in the merged segment; checked before anything changes.
    if (merged.live !== pending.live || merged.idCount !== pending.ids) return false;
    const slots = pending.log.map((op) => (op.code === null ? -1 : findCode(merged, op.code, 0)));
    if (pending.log.some((op, k) => op.code !== null && slots[k]! < 0)) return false;
    this.pending = null;
    this.replace([...pending.inputs], merged);
    pending.log.forEach((op, k) => {
      if (op.code === null) merged.removeId(op.id);
      else merged.attach(slots[k]!, op.id);
    });
    this.maintain();
    return true;
  }

  private locate(id: number): { seg: Segment; slot: number } | null {
    for (const seg of this.allSegments()) {
      const slot = seg.findId(id);
      if (slot >= 0) return { seg, slot };
    }
    return null;
  }

  /** Static segments then the buffer (internal; used by serialize and parallel). */
  allSegments(): Segment[] {
    return [...this.segs, this.buf];
  }

  /** Replace contents with these segments (deserialize / worker copies). */
  static fromSegments(segs: Segment[], options: PdqIndexOptions = {}): PdqIndex {
    const index = new PdqIndex(options);
    index.segs = segs.filter((s) => s.n > 0);
    return index;
  }

  /** Bytes held by codes, ids and tables. */
  memoryBytes(): number {
    let b = 0;
    for (const s of this.allSegments()) b += s.memoryBytes();
    return b;
  }

  stats(): { ids: number; codes: number; segments: { slots: number; live: number; m: number; prefixBits: number }[] } {
    return {
      ids: this.size,
      codes: this.codeCount,
      segments: this.allSegments().map((s) => ({ slots: s.n, live: s.live, m: s.layout?.m ?? 0, prefixBits: s.layout?.prefixBits ?? 0 })),
    };
  }

  /** Snapshot bytes (format version, counts, checksum). `meta` is stored verbatim (JSON). */
  serialize(meta: Record<string, unknown> = {}): Uint8Array {
    const parts: Uint8Array[] = [];
    let len = 0;
    serializeIndex(this, meta, (c) => {
      parts.push(c.slice());
      len += c.length;
    });
    const out = new Uint8Array(len);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Streaming variant for large indexes: `write` receives chunks in order (views; copy if kept). */
  serializeTo(write: (chunk: Uint8Array) => void, meta: Record<string, unknown> = {}): void {
    serializeIndex(this, meta, write);
  }

  /** Parse and verify a snapshot; throws SnapshotError on corruption or version mismatch. */
  static deserialize(src: Uint8Array | SnapshotReader, options: PdqIndexOptions = {}): PdqIndex {
    return deserializeIndex(src, PdqIndex.fromSegments, options).index;
  }

  static deserializeWithMeta(src: Uint8Array | SnapshotReader, options: PdqIndexOptions = {}): { index: PdqIndex; meta: Record<string, unknown> } {
    return deserializeIndex(src, PdqIndex.fromSegments, options);
  }
}

/** Collapse hits[from..to) (tag = variant) to one row per id with its best variant. */
export function reduceDihedral(hits: HitList, from: number, to: number): DihedralMatch[] {
  const best = new Map<number, DihedralMatch>();
  for (let i = from; i < to; i++) {
    const id = hits.ids[i],
      d = hits.dist[i],
      v = hits.tag[i];
    const cur = best.get(id);
    if (!cur) best.set(id, { id, distance: d, variant: v });
    else if (d < cur.distance || (d === cur.distance && v < cur.variant)) {
      cur.distance = d;
      cur.variant = v;
    }
  }
  return [...best.values()].sort(byDistanceThenId);
}

export function dihedralWords(codes: readonly (string | Uint32Array)[] | Uint32Array): Uint32Array {
  if (codes instanceof Uint32Array) {
    if (codes.length !== 64) throw new RangeError('dihedral query needs 8 codes (Uint32Array(64))');
    return codes;
  }
  if (codes.length !== 8) throw new RangeError('dihedral query needs 8 codes');
  const words = new Uint32Array(64);
  codes.forEach((c, v) => words.set(toCode(c), v * 8));
  return words;
}

function hexToWords(hex: readonly string[]): Uint32Array {
  const out = new Uint32Array(hex.length * 8);
  hex.forEach((h, i) => out.set(toCode(h), i * 8));
  return out;
}

/** A copy of the codes sized to fit. */
function shareCodes(a: Uint32Array, wasm: boolean): Uint32Array {
  const s = codeArray(a.length, wasm);
  s.set(a);
  return s;
}
function shareF64(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = sharedF64(a.length);
  s.set(a);
  return s;
}
