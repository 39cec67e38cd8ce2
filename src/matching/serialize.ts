// Snapshot format (little-endian), all sections 8-byte aligned:
//   "ICSE-MIH" | u32 format version | u32 JSON length | JSON header (space-padded to 8)
//   | typed-array sections listed in the header | u32 checksumA | u32 checksumB | "ICSE-END"
// The 64-bit checksum (two independent multiply-rotate lanes over 32-bit words; also the place index snapshot's)
// covers everything before the trailer; each lane step is a bijection of the lane state, so any single-word
// corruption is always detected.
import { IdTable } from './idtable.js';
import { makeLayout } from './layout.js';
import { sharedF64, sharedU32, sharedU8 } from './hits.js';
import { Segment } from './segment.js';
import { codeArray } from './wasm-scan.js';
import { GROUP_SHIFT } from './search.js';
import type { PdqIndex, PdqIndexOptions } from './pdq-index.js';

export const SNAPSHOT_FORMAT_VERSION = 3; // 3: entries carry next-substring bits, Uint8 group offsets
const MAGIC = 'ICSE-MIH',
  END = 'ICSE-END';
const PIECE = 1 << 28; // bytes per read/write call

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Random-access byte source, e.g. a file descriptor. read() must fill `into` completely. */
export interface SnapshotReader {
  readonly size: number;
  read(position: number, into: Uint8Array): void;
}

// c32: code words (loaded into a wasm memory with the wasmCodes option, wasm-scan.ts)
interface SectionDesc {
  type: 'u8' | 'u32' | 'c32' | 'f64';
  length: number;
}
interface SegmentDesc {
  n: number;
  live: number;
  idCount: number;
  idTableCount: number;
  forced: boolean;
  fallbackRatio: number | null;
  layout: { m: number; prefixBits: number } | null;
  gshift: number[];
}
interface Header {
  format: number;
  ids: number;
  codes: number;
  segments: SegmentDesc[];
  sections: SectionDesc[];
  meta: Record<string, unknown>;
}

export class Checksum {
  private a = 0x243f6a88 | 0;
  private b = 0x85a308d3 | 0;
  private n = 0;
  update(u8: Uint8Array): void {
    if (u8.byteLength % 4 !== 0) throw new Error('checksum input must be whole words');
    const w = new Uint32Array(u8.buffer, u8.byteOffset, u8.byteLength / 4);
    let a = this.a,
      b = this.b;
    for (let i = 0; i < w.length; i++) {
      const x = w[i];
      a = Math.imul(a ^ x, 0x9e3779b1);
      a = (a << 13) | (a >>> 19);
      b = Math.imul(((b ^ x) + 0x7f4a7c15) | 0, 0xc2b2ae35);
      b = (b << 17) | (b >>> 15);
    }
    this.a = a;
    this.b = b;
    this.n += w.length;
  }
  digest(): [number, number] {
    const fmix = (h: number) => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    return [fmix(this.a ^ (this.n >>> 0)), fmix(this.b ^ Math.floor(this.n / 4294967296))];
  }
}

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (s: SectionDesc) => s.length * (s.type === 'u8' ? 1 : s.type === 'f64' ? 8 : 4);
type Section = Uint8Array | Uint32Array | Float64Array;
const u8view = (a: Section) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function serializeIndex(index: PdqIndex, meta: Record<string, unknown>, write: (chunk: Uint8Array) => void): void {
  const segs = index.allSegments().filter((s) => s.n > 0);
  const arrays: Section[] = [],
    codeSections = new Set<number>();
  const segDescs: SegmentDesc[] = segs.map((s) => {
    codeSections.add(arrays.length);
    arrays.push(s.codes.subarray(0, s.n * 8), s.slotId.subarray(0, s.n), s.ids!.table, s.extrasFlat());
    for (let i = 0; i < s.entries.length; i++) arrays.push(s.base[i], s.cum[i], s.entries[i]);
    return {
      n: s.n,
      live: s.live,
      idCount: s.idCount,
      idTableCount: s.ids!.count,
      forced: s.forced,
      fallbackRatio: s.fallbackRatio,
      layout: s.layout ? { m: s.layout.m, prefixBits: s.layout.prefixBits } : null,
      gshift: s.gshift,
    };
  });
  const header: Header = {
    format: SNAPSHOT_FORMAT_VERSION,
    ids: index.size,
    codes: index.codeCount,
    segments: segDescs,
    sections: arrays.map((a, k) => ({
      type: a instanceof Float64Array ? 'f64' : a instanceof Uint8Array ? 'u8' : codeSections.has(k) ? 'c32' : 'u32',
      length: a.length,
    })),
    meta,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(16 + pad8(json.length)).fill(0x20);
  head.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(head.buffer);
  dv.setUint32(8, SNAPSHOT_FORMAT_VERSION, true);
  dv.setUint32(12, json.length, true);
  head.set(json, 16);
  const sum = new Checksum();
  const emit = (u8: Uint8Array) => {
    for (let o = 0; o < u8.length; o += PIECE) {
      const piece = u8.subarray(o, Math.min(u8.length, o + PIECE));
      sum.update(piece);
      write(piece);
    }
  };
  emit(head);
  for (const a of arrays) {
    // Whole 8-byte blocks as a view, then the last partial block copied and zero-padded.
    const u8 = u8view(a),
      whole = u8.length & ~7;
    emit(u8.subarray(0, whole));
    if (whole < u8.length) {
      const tail = new Uint8Array(8);
      tail.set(u8.subarray(whole));
      emit(tail);
    }
  }
  const trailer = new Uint8Array(16);
  const [ca, cb] = sum.digest();
  new DataView(trailer.buffer).setUint32(0, ca, true);
  new DataView(trailer.buffer).setUint32(4, cb, true);
  trailer.set(new TextEncoder().encode(END), 8);
  write(trailer);
}

function readerOf(src: Uint8Array | SnapshotReader): SnapshotReader {
  if (!(src instanceof Uint8Array)) return src;
  return {
    size: src.length,
    read(pos, into) {
      if (pos + into.length > src.length) throw new SnapshotError('snapshot truncated');
      into.set(src.subarray(pos, pos + into.length));
    },
  };
}

/** `build` is PdqIndex.fromSegments, passed in so this module needs PdqIndex as a type only (no import cycle). */
export function deserializeIndex(
  src: Uint8Array | SnapshotReader,
  build: (segs: Segment[], options: PdqIndexOptions) => PdqIndex,
  options: PdqIndexOptions = {},
): { index: PdqIndex; meta: Record<string, unknown> } {
  const r = readerOf(src);
  if (r.size < 32) throw new SnapshotError('snapshot too short');
  const sum = new Checksum();
  const pre = new Uint8Array(16);
  r.read(0, pre);
  if (new TextDecoder().decode(pre.subarray(0, 8)) !== MAGIC) throw new SnapshotError('not a match index snapshot (bad magic)');
  const dv = new DataView(pre.buffer);
  const version = dv.getUint32(8, true),
    jsonLen = dv.getUint32(12, true);
  if (version !== SNAPSHOT_FORMAT_VERSION) throw new SnapshotError(`unsupported snapshot format version ${version}`);
  if (16 + pad8(jsonLen) + 16 > r.size) throw new SnapshotError('snapshot header length out of range');
  const jsonBytes = new Uint8Array(pad8(jsonLen));
  r.read(16, jsonBytes);
  sum.update(pre);
  sum.update(jsonBytes);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(jsonBytes.subarray(0, jsonLen))) as Header;
  } catch {
    throw new SnapshotError('snapshot header is not valid JSON');
  }
  if (!Array.isArray(header.sections) || !Array.isArray(header.segments)) throw new SnapshotError('snapshot header incomplete');
  let pos = 16 + pad8(jsonLen);
  let expected = pos + 16;
  for (const s of header.sections) {
    if ((s.type !== 'u8' && s.type !== 'u32' && s.type !== 'c32' && s.type !== 'f64') || !Number.isSafeInteger(s.length) || s.length < 0)
      throw new SnapshotError('bad section descriptor');
    expected += pad8(bytesOf(s));
  }
  if (expected !== r.size) throw new SnapshotError(`snapshot size ${r.size} does not match header (${expected})`);
  const arrays = header.sections.map((s) => {
    // Allocate the padded length so the padding bytes are read (and checksummed) too.
    const padded = pad8(bytesOf(s));
    const a =
      s.type === 'u8'
        ? sharedU8(padded)
        : s.type === 'u32'
          ? sharedU32(padded / 4)
          : s.type === 'c32'
            ? codeArray(padded / 4, options.wasmCodes ?? false)
            : sharedF64(padded / 8);
    const u8 = u8view(a);
    for (let o = 0; o < u8.length; o += PIECE) {
      const piece = u8.subarray(o, Math.min(u8.length, o + PIECE));
      r.read(pos + o, piece);
      sum.update(piece);
    }
    pos += u8.length;
    return a.subarray(0, s.length);
  });
  const trailer = new Uint8Array(16);
  r.read(pos, trailer);
  const [ca, cb] = sum.digest();
  const tv = new DataView(trailer.buffer);
  if (tv.getUint32(0, true) !== ca || tv.getUint32(4, true) !== cb || new TextDecoder().decode(trailer.subarray(8)) !== END) {
    throw new SnapshotError('snapshot checksum mismatch (corrupt file)');
  }
  const segs: Segment[] = [];
  let k = 0;
  for (const d of header.segments) {
    const [codes, slotId, table, extras] = arrays.slice(k, k + 4) as [Uint32Array, Float64Array, Uint32Array, Float64Array];
    k += 4;
    if (codes.length !== d.n * 8 || slotId.length !== d.n) throw new SnapshotError('segment arrays do not match header');
    const seg = new Segment(codes, slotId, new IdTable(table, d.idTableCount));
    seg.n = d.n;
    seg.live = d.live;
    seg.idCount = d.live;
    seg.fallbackRatio = d.fallbackRatio ?? Infinity; // JSON writes Infinity as null
    for (let e = 0; e < extras.length; e += 2) seg.attach(extras[e], extras[e + 1]);
    if (seg.idCount !== d.idCount) throw new SnapshotError('segment id count mismatch');
    if (d.layout) {
      const L = makeLayout(d.layout, d.n);
      if (!L) throw new SnapshotError('invalid segment layout');
      seg.layout = L;
      seg.forced = d.forced;
      for (let i = 0; i < L.m; i++) {
        const base = arrays[k++] as Uint32Array,
          cum = arrays[k++] as Uint8Array,
          ent = arrays[k++] as Uint32Array,
          gs = d.gshift?.[i];
        const K = 2 ** L.pw[i];
        if (
          !Number.isInteger(gs) ||
          gs < 0 ||
          gs > GROUP_SHIFT ||
          !(cum instanceof Uint8Array) ||
          base.length !== (K >>> gs) + 1 ||
          cum.length !== K + 1 ||
          ent.length !== d.n ||
          base[base.length - 1] + cum[K] !== d.n
        ) {
          throw new SnapshotError('segment table does not match header');
        }
        seg.base.push(base);
        seg.cum.push(cum);
        seg.gshift.push(gs);
        seg.entries.push(ent);
      }
    }
    segs.push(seg);
  }
  const index = build(segs, options);
  if (index.size !== header.ids) throw new SnapshotError('snapshot id count mismatch');
  return { index, meta: header.meta ?? {} };
}
