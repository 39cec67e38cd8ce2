// Worker thread for BackgroundMerger: builds a merged static segment (gather, id table, MIH tables) off the thread
// that owns the index. Its inputs' codes are shared memory that never changes (static segments); the slot ids are a
// copy taken when the merge began, so removals made since are replayed by the index when the segment lands.
import { parentPort } from 'node:worker_threads';
import { mergeInputs, segmentParts, type MergeInput, type SegmentOptions, type SegmentParts } from './segment.js';

export interface MergeMsg {
  type: 'merge';
  id: number;
  inputs: MergeInput[];
  options: SegmentOptions;
}
export type MergeReply = { type: 'done'; id: number; parts: SegmentParts; ms: number } | { type: 'error'; id: number; message: string };

const port = parentPort!;
port.on('message', (msg: MergeMsg) => {
  const t0 = performance.now();
  try {
    const parts = segmentParts(mergeInputs(msg.inputs, msg.options));
    port.postMessage({ type: 'done', id: msg.id, parts, ms: performance.now() - t0 } satisfies MergeReply, [
      parts.idTable.buffer as ArrayBuffer,
      parts.extras.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    port.postMessage({ type: 'error', id: msg.id, message: String((e as Error)?.stack ?? e) } satisfies MergeReply);
  }
});
port.postMessage({ ready: true });
