// A segment: unique codes in slots, their ids, and (for static segments) the MIH tables.
// Static segments never gain slots; the mutable "buffer" segment is scan-only and appends.
// slotId[s] > 0 is the slot's primary id, 0 marks a dead slot (tombstone). Further ids of
// the same code (duplicate images) are kept in `extra`.
import { IdTable } from './idtable.js';
import { allocateRadii, chooseLayout, makeLayout, mihCost, scanCost, MAX_SLOTS, type Layout, type LayoutSpec } from './layout.js';
import { sharedF64, sharedU32 } from './hits.js';
import { codeArray } from './wasm-scan.js';
import { buildTables } from './search.js';

export interface Plan {
  radii: Int32Array;
  scan: boolean;
}

export interface SegmentOptions {
  /** Force this table layout (tests); default: chosen from the segment size. */
  layout?: LayoutSpec | 'scan';
  /** Scan instead of probing when the buckets found would cost more than ratio x a scan (default 1). */
  fallbackRatio?: number;
  /** Keep large segments' codes in wasm memory: scans 4-6x faster, queries ~12 % slower (wasm-scan.ts). Default false. */
  wasmCodes?: boolean;
}

let nextUid = 1;

export class Segment {
  readonly uid: number;
  n = 0;
  live = 0;
  idCount = 0;
  codes: Uint32Array;
  slotId: Float64Array;
  layout: Layout | null = null;
  forced = false;
  fallbackRatio = 1;
  /** Bucket offsets per table: base[k >>> gshift] + cum[k] (see buildTables). */
  base: Uint32Array[] = [];
  cum: Uint8Array[] = [];
  gshift: number[] = [];
  entries: Uint32Array[] = [];
  /** null in read-only copies (worker threads). */
  ids: IdTable | null;
  extra = new Map<number, number[]>();
  extraIndex = new Map<number, number>();
  private plans: (Plan | undefined)[] = [];

  constructor(codes: Uint32Array, slotId: Float64Array, ids: IdTable | null, uid?: number) {
    this.uid = uid ?? nextUid++;
    this.codes = codes;
    this.slotId = slotId;
    this.ids = ids;
  }

  get capacity(): number {
    return this.slotId.length;
  }

  /** Empty appendable scan-only segment. */
  static buffer(capacity: number): Segment {
    return new Segment(sharedU32(capacity * 8), sharedF64(capacity), new IdTable(capacity));
  }

  /**
   * Static segment over n unique codes. slotId[s] is the primary id (0 = dead slot);
   * extras lists further ids as (slot, id) pairs. Builds the id table and MIH tables.
   */
  static build(codes: Uint32Array, slotId: Float64Array, n: number, extras: ArrayLike<number> | null, opts: SegmentOptions = {}): Segment {
    if (n > MAX_SLOTS) throw new RangeError(`segment too large: ${n} codes (max ${MAX_SLOTS})`);
    const ids = IdTable.bulk(slotId, n);
    if (typeof ids === 'number') throw new Error(`duplicate id ${ids}`);
    const seg = new Segment(codes, slotId, ids);
    seg.n = n;
    seg.live = ids.count;
    seg.idCount = seg.live;
    if (extras) for (let k = 0; k < extras.length; k += 2) seg.addExtra(extras[k], extras[k + 1]);
    seg.setLayout(opts);
    if (seg.layout) ({ base: seg.base, cum: seg.cum, gshift: seg.gshift, entries: seg.entries } = buildTables(codes, n, seg.layout));
    return seg;
  }

  setLayout(opts: SegmentOptions): void {
    if (opts.fallbackRatio !== undefined) this.fallbackRatio = opts.fallbackRatio;
    const spec = opts.layout;
    if (spec === 'scan') this.layout = null;
    else if (spec) {
      this.layout = makeLayout(spec, this.n) ?? chooseLayout(this.n);
      this.forced = true;
    } else this.layout = chooseLayout(this.n);
  }

  /** Take over tables built elsewhere (tablesOf of this segment's twin on another thread); n must be set. */
  adoptTables(t: SegmentTables): void {
    this.layout = t.layout ? makeLayout(t.layout, this.n) : null;
    this.forced = t.forced;
    this.base = t.base;
    this.cum = t.cum;
    this.gshift = t.gshift;
    this.entries = t.entries;
  }

  /** Per-radius table radii, and whether scanning is cheaper than probing. */
  plan(r: number): Plan {
    let p = this.plans[r];
    if (!p) {
      const L = this.layout;
      if (!L) p = { radii: new Int32Array(0), scan: true };
      else {
        const radii = allocateRadii(L, this.n, r);
        p = { radii, scan: !this.forced && mihCost(L, this.n, radii) >= scanCost(this.n) };
      }
      this.plans[r] = p;
    }
    return p;
  }

  /** Append a new code (buffer segments only). Returns the slot. */
  append(code: Uint32Array, off: number, id: number): number {
    if (this.layout) throw new Error('cannot append to a static segment');
    const s = this.n++;
    this.codes.set(code.subarray(off, off + 8), s * 8);
    this.slotId[s] = id;
    this.ids!.insert(id, s, this.slotId);
    this.live++;
    this.idCount++;
    return s;
  }

  get full(): boolean {
    return this.n >= this.capacity;
  }

  /** Slot holding id (as primary or extra id), or -1. */
  findId(id: number): number {
    const s = this.extraIndex.get(id);
    if (s !== undefined) return s;
    return this.ids ? this.ids.find(id, this.slotId) : -1;
  }

  /** Attach id to slot s: revives a dead slot, else records a duplicate. */
  attach(s: number, id: number): void {
    if (this.slotId[s] === 0) {
      this.slotId[s] = id;
      this.ids!.insert(id, s, this.slotId);
      this.live++;
      this.idCount++;
    } else this.addExtra(s, id);
  }

  private addExtra(s: number, id: number): void {
    if (this.findId(id) >= 0) throw new Error(`duplicate id ${id}`);
    const ex = this.extra.get(s);
    if (ex) ex.push(id);
    else this.extra.set(s, [id]);
    this.extraIndex.set(id, s);
    this.idCount++;
  }

  /** Detach id; a slot whose last id goes becomes a tombstone. */
  removeId(id: number): boolean {
    const es = this.extraIndex.get(id);
    if (es !== undefined) {
      const ex = this.extra.get(es)!;
      ex.splice(ex.indexOf(id), 1);
      if (ex.length === 0) this.extra.delete(es);
      this.extraIndex.delete(id);
      this.idCount--;
      return true;
    }
    const ids = this.ids!;
    const s = ids.find(id, this.slotId);
    if (s < 0) return false;
    ids.delete(id, this.slotId);
    const ex = this.extra.get(s);
    if (ex) {
      const next = ex.pop()!; // promote a duplicate to primary id
      if (ex.length === 0) this.extra.delete(s);
      this.extraIndex.delete(next);
      this.slotId[s] = next;
      ids.insert(next, s, this.slotId);
    } else {
      this.slotId[s] = 0;
      this.live--;
    }
    this.idCount--;
    return true;
  }

  /** Extra ids as flat (slot, id) pairs. */
  extrasFlat(): Float64Array {
    const out = new Float64Array(this.extraIndex.size * 2);
    let k = 0;
    for (const [s, ids] of this.extra)
      for (const id of ids) {
        out[k++] = s;
        out[k++] = id;
      }
    return out;
  }

  /** Table + code + id memory in bytes. */
  memoryBytes(): number {
    let b = this.codes.byteLength + this.slotId.byteLength + (this.ids ? this.ids.table.byteLength : 0);
    for (const a of this.base) b += a.byteLength;
    for (const a of this.cum) b += a.byteLength;
    for (const a of this.entries) b += a.byteLength;
    return b + this.extraIndex.size * 64; // rough cost of the Map entries
  }
}

/** A static segment's live slots as a merge reads them: slotId[s] === 0 marks a dead slot; extras as flat (slot, id) pairs. */
export interface MergeInput {
  n: number;
  codes: Uint32Array;
  slotId: Float64Array;
  extras: ArrayLike<number>;
}

/** New static segment holding the live slots of the given segments (drops tombstones). */
export function mergeSegments(segs: readonly Segment[], opts: SegmentOptions = {}): Segment {
  return mergeInputs(
    segs.map((s) => ({ n: s.n, codes: s.codes, slotId: s.slotId, extras: s.extrasFlat() })),
    opts,
  );
}

/** mergeSegments over plain inputs (also what the background merge worker runs, on copies of the slot ids). */
export function mergeInputs(inputs: readonly MergeInput[], opts: SegmentOptions = {}): Segment {
  let n = 0;
  for (const inp of inputs) for (let s = 0; s < inp.n; s++) if (inp.slotId[s] !== 0) n++;
  const codes = codeArray(n * 8, opts.wasmCodes ?? false),
    slotId = sharedF64(n);
  const extras: number[] = [];
  let k = 0;
  for (const inp of inputs) {
    const bySlot = new Map<number, number[]>();
    for (let e = 0; e < inp.extras.length; e += 2) {
      const l = bySlot.get(inp.extras[e]);
      if (l) l.push(inp.extras[e + 1]);
      else bySlot.set(inp.extras[e], [inp.extras[e + 1]]);
    }
    for (let s = 0; s < inp.n; s++) {
      if (inp.slotId[s] === 0) continue;
      codes.set(inp.codes.subarray(s * 8, s * 8 + 8), k * 8);
      slotId[k] = inp.slotId[s];
      const ex = bySlot.get(s);
      if (ex) for (const id of ex) extras.push(k, id);
      k++;
    }
  }
  return Segment.build(codes, slotId, n, extras, opts);
}

/** A static segment's layout and multi-index tables as plain data (the arrays are shared memory): what another thread
 * needs to search it (shared.ts) or take it over (segmentFromParts). */
export interface SegmentTables {
  layout: LayoutSpec | null;
  forced: boolean;
  base: Uint32Array[];
  cum: Uint8Array[];
  gshift: number[];
  entries: Uint32Array[];
}

export function tablesOf(seg: Segment): SegmentTables {
  return {
    layout: seg.layout ? { m: seg.layout.m, prefixBits: seg.layout.prefixBits } : null,
    forced: seg.forced,
    base: seg.base,
    cum: seg.cum,
    gshift: seg.gshift,
    entries: seg.entries,
  };
}

/** What a static segment is made of, to rebuild it on another thread: the big arrays are shared memory, the id table is copied. */
export interface SegmentParts extends SegmentTables {
  n: number;
  codes: Uint32Array;
  slotId: Float64Array;
  idTable: Uint32Array;
  fallbackRatio: number;
  extras: Float64Array;
}

export function segmentParts(seg: Segment): SegmentParts {
  return {
    n: seg.n,
    codes: seg.codes,
    slotId: seg.slotId,
    idTable: seg.ids!.table,
    ...tablesOf(seg),
    fallbackRatio: seg.fallbackRatio,
    extras: seg.extrasFlat(),
  };
}

/** The segment segmentParts described, with its id table and extras (a writable static segment, like build()'s). */
export function segmentFromParts(p: SegmentParts): Segment {
  let live = 0;
  for (let s = 0; s < p.n; s++) if (p.slotId[s] !== 0) live++;
  const seg = new Segment(p.codes, p.slotId, new IdTable(p.idTable, live));
  seg.n = p.n;
  seg.live = live;
  seg.idCount = live;
  for (let k = 0; k < p.extras.length; k += 2) seg.attach(p.extras[k], p.extras[k + 1]);
  seg.adoptTables(p);
  seg.fallbackRatio = p.fallbackRatio;
  return seg;
}
