// Large segment merges off the thread that owns a PdqIndex. A merge of 700,000 codes holds a thread ~0.3–0.5 s
// (gather, id table, MIH tables: bench:merges); on the server's main thread that is a held event loop. The index
// hands the segments to a SegmentMerger, keeps answering from them meanwhile, and swaps the result in when it lands
// (pdq-index.ts replays the removals and attachments made in between).
import { PoolClosedError, WorkerPool } from '../shared/worker-pool.js';
import type { MergeMsg, MergeReply } from './merge-worker.js';
import { segmentFromParts, type MergeInput, type Segment, type SegmentOptions } from './segment.js';

export interface SegmentMerger {
  /**
   * A new static segment with the live slots of `segs` as they are now (their later changes are the caller's to
   * replay), or null once the merger is closed (the caller keeps its segments and merges on its own thread).
   */
  merge(segs: readonly Segment[], opts: SegmentOptions): Promise<Segment | null>;
}

const ENTRY = new URL('./merge-worker.ts', import.meta.url);

/** One worker thread, started at the first merge and idle (unref'd) between merges. */
export class BackgroundMerger implements SegmentMerger {
  private pool: WorkerPool<Omit<MergeMsg, 'id'>, MergeReply> | null = null;
  private closed = false;
  /** Merges done on the worker, and the worker's time for them (ms). */
  merges = 0;
  workerMs = 0;

  async merge(segs: readonly Segment[], opts: SegmentOptions): Promise<Segment | null> {
    if (this.closed) return null;
    if (opts.wasmCodes) throw new Error('segments with codes in wasm memory are merged on their own thread');
    this.pool ??= new WorkerPool({ entry: ENTRY, size: 1, name: 'segment merge worker' });
    // The slot ids are copied now: the owner keeps removing from the originals while the worker reads.
    const transfer: ArrayBuffer[] = [];
    const inputs: MergeInput[] = segs.map((s) => {
      const slotId = s.slotId.slice(0, s.n),
        extras = s.extrasFlat();
      transfer.push(slotId.buffer as ArrayBuffer, extras.buffer as ArrayBuffer);
      return { n: s.n, codes: s.codes, slotId, extras };
    });
    const options: SegmentOptions = { layout: opts.layout, fallbackRatio: opts.fallbackRatio };
    const pool = this.pool;
    let rep: MergeReply;
    try {
      rep = await pool.run({ type: 'merge', inputs, options }, transfer);
    } catch (e) {
      if (e instanceof PoolClosedError) return null;
      throw e;
    }
    if (rep.type === 'error') throw new Error(`segment merge worker failed: ${rep.message}`);
    this.merges++;
    this.workerMs += rep.ms;
    return segmentFromParts(rep.parts);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}
