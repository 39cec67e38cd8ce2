// Worker thread for ParallelMatcher (on src/shared/worker-pool.ts): mirrors the index segments (shared memory) and
// pulls query chunks from a shared counter until the batch is exhausted.
import { parentPort } from 'node:worker_threads';
import { blockCodes } from './batch-result.js';
import { HitList } from './hits.js';
import { SegmentMirror, type SegmentDesc } from './shared.js';

export interface BatchMsg {
  type: 'batch';
  /** Set by the worker pool; the answer carries it back. */
  id: number;
  queries: Uint32Array;
  count: number;
  radius: number;
  dihedral: boolean;
  counter: Int32Array;
  chunk: number;
}
export type ToWorker = { type: 'sync'; segments: SegmentDesc[] } | BatchMsg;
export type FromWorker =
  | { type: 'done'; id: number; ids: Float64Array; dist: Uint16Array; tag: Uint32Array; queries: number; ms: number }
  | { type: 'error'; id: number; message: string };

const mirror = new SegmentMirror();
const port = parentPort!;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'sync') {
    mirror.sync(msg.segments);
    return;
  }
  const t0 = performance.now();
  try {
    const hits = new HitList(1024);
    let done = 0;
    for (;;) {
      const c = Atomics.add(msg.counter, 0, 1);
      const from = c * msg.chunk;
      if (from >= msg.count) break;
      const to = Math.min(msg.count, from + msg.chunk);
      const { offs, tags, n } = blockCodes(from, to, msg.dihedral);
      mirror.queryBlockInto(msg.queries, offs, tags, n, msg.radius, hits);
      done += to - from;
    }
    const ids = hits.ids.slice(0, hits.count),
      dist = hits.dist.slice(0, hits.count),
      tag = hits.tag.slice(0, hits.count);
    const out: FromWorker = { type: 'done', id: msg.id, ids, dist, tag, queries: done, ms: performance.now() - t0 };
    port.postMessage(out, [ids.buffer, dist.buffer, tag.buffer]);
  } catch (e) {
    port.postMessage({ type: 'error', id: msg.id, message: String((e as Error)?.stack ?? e) } satisfies FromWorker);
  }
});
port.postMessage({ ready: true });
