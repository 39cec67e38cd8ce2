// Describe segments for worker threads: the big arrays live in SharedArrayBuffers, so posting
// a descriptor shares them (no copy); only the small extra-id lists are copied.
import { Segment, tablesOf, type SegmentTables } from './segment.js';
import type { PdqIndex } from './pdq-index.js';
import { HitList } from './hits.js';
import { searchSegmentBlock } from './block.js';
import { adoptMemory, memoryOf } from './wasm-scan.js';

export interface SegmentDesc extends SegmentTables {
  uid: number;
  n: number;
  live: number;
  fallbackRatio: number;
  codes: Uint32Array;
  codesMemory: WebAssembly.Memory | null;
  slotId: Float64Array;
  extras: Float64Array;
}

export function describeIndex(index: PdqIndex): SegmentDesc[] {
  return index
    .allSegments()
    .filter((s) => s.n > 0)
    .map((s) => {
      for (const a of [s.codes, s.slotId, ...s.base, ...s.cum, ...s.entries]) {
        if (!(a.buffer instanceof SharedArrayBuffer)) throw new Error('segment arrays must be SharedArrayBuffer-backed');
      }
      return {
        uid: s.uid,
        n: s.n,
        live: s.live,
        ...tablesOf(s),
        fallbackRatio: s.fallbackRatio,
        codes: s.codes,
        codesMemory: memoryOf(s.codes),
        slotId: s.slotId,
        extras: s.extrasFlat(),
      };
    });
}

/** Read-only segments rebuilt from descriptors; reuses cached ones by uid. */
export class SegmentMirror {
  private cache = new Map<number, Segment>();
  segments: Segment[] = [];

  sync(descs: SegmentDesc[]): void {
    const next = new Map<number, Segment>();
    this.segments = descs.map((d) => {
      let seg = this.cache.get(d.uid);
      if (!seg || seg.codes !== d.codes) {
        // A view over the memory's own buffer, so the wasm scan finds the memory of these codes.
        if (d.codesMemory) adoptMemory(d.codesMemory);
        const codes = d.codesMemory ? new Uint32Array(d.codesMemory.buffer, 0, d.codes.length) : d.codes;
        seg = new Segment(codes, d.slotId, null, d.uid);
        seg.n = d.n;
        seg.adoptTables(d);
      }
      seg.n = d.n;
      seg.live = d.live;
      seg.fallbackRatio = d.fallbackRatio;
      seg.extra.clear();
      for (let k = 0; k < d.extras.length; k += 2) {
        const s = d.extras[k],
          ex = seg.extra.get(s);
        if (ex) ex.push(d.extras[k + 1]);
        else seg.extra.set(s, [d.extras[k + 1]]);
      }
      next.set(d.uid, seg);
      return seg;
    });
    this.cache = next;
  }

  queryBlockInto(q: Uint32Array, offs: Int32Array, tags: Uint32Array, n: number, radius: number, hits: HitList): void {
    for (const seg of this.segments) searchSegmentBlock(seg, q, offs, tags, n, radius, hits);
  }
}
