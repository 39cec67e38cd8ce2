// How long one add() into a PdqIndex can hold the thread as the index grows: the buffer becomes an indexed segment
// every 2,048 codes and segments are merged by size (src/matching/pdq-index.ts). The crop/border region codes (~7 per
// image) and the PDQ codes are added this way on the server's main thread (docs/ingest-profile.md).
// Two runs side by side on the same codes: merges inside add() (the baseline), and merges of 32,768 codes or more on a
// worker thread (BackgroundMerger), with the event loop given a turn every 64 adds as the server's change feed does.
//   npm run bench:merges -- [--n 700000]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BackgroundMerger } from '../src/matching/background-merge.js';
import { PdqIndex } from '../src/matching/pdq-index.js';

const i = process.argv.indexOf('--n');
const N = i > 0 ? Number(process.argv[i + 1]) : 700_000;
const TURN = 64;

async function run(label: string, merger: BackgroundMerger | undefined): Promise<void> {
  const idx = new PdqIndex({ merger });
  let seed = 5;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const code = new Uint32Array(8);
  const slow: Array<[number, number]> = [];
  let worst = 0;
  // The event loop's longest turn also counts what runs between adds (a merged segment landing).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  for (let id = 1; id <= N; id++) {
    for (let k = 0; k < 8; k++) code[k] = next();
    const t = performance.now();
    idx.add(id, code);
    const ms = performance.now() - t;
    if (ms > worst) worst = ms;
    if (ms > 50) slow.push([id, ms]);
    if (id % TURN === 0) await new Promise((r) => setImmediate(r));
  }
  await idx.settled();
  const total = performance.now() - t0;
  loop.disable();
  // Per tenth of the run: the longest add and how many took over 50 ms.
  for (let d = 0; d < 10; d++) {
    const lo = (d * N) / 10,
      hi = ((d + 1) * N) / 10;
    const part = slow.filter(([id]) => id > lo && id <= hi);
    const worst = part.reduce((m, [, ms]) => Math.max(m, ms), 0);
    console.log(`${label} codes ${Math.round(lo)}–${Math.round(hi)}: longest add ${worst.toFixed(0)} ms, ${part.length} adds over 50 ms`);
  }
  const segs = idx.stats().segments.length;
  console.log(
    `bench:merges ${label} n=${N} seconds=${(total / 1000).toFixed(1)} mean_us_per_add=${((1000 * total) / N).toFixed(1)} worst_add_ms=${worst.toFixed(1)} loop_max_ms=${(loop.max / 1e6).toFixed(1)} adds_over_50ms=${slow.length} segments=${segs}` +
      (merger ? ` worker_merges=${merger.merges} worker_s=${(merger.workerMs / 1000).toFixed(1)}` : ''),
  );
}

await run('inline', undefined);
const merger = new BackgroundMerger();
await run('worker', merger);
await merger.close();
