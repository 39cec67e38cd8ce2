// The ingest worker: processes item batches from the job queue. At start it hands items left
// 'processing' by a dead process back to pending and re-queues every pending item, so a killed
// server completes its seizures after restart with nothing lost or doubled.
import type { AppContext } from '../context.js';
import { seizuresRepo } from './repository.js';
import { processItems } from './processing.js';
import { JOB_BATCH, PROCESS_QUEUE } from './upload.js';
import { leaseMs } from './hasher.js';
import { cleanText } from '../shared/text.js';
import { span } from '../shared/spans.js';
import { placeMatcher } from '../places/matcher.js';

export async function requeuePending(ctx: AppContext): Promise<number> {
  let after = 0;
  let queued = 0;
  for (;;) {
    const page = await seizuresRepo.pendingPage(ctx.db, after, 2000);
    const bySeizure = new Map<number, number[]>();
    for (const r of page) bySeizure.set(r.seizure_id, [...(bySeizure.get(r.seizure_id) ?? []), r.id]);
    for (const [seizureId, ids] of bySeizure) {
      for (let i = 0; i < ids.length; i += JOB_BATCH)
        await ctx.jobs.send(PROCESS_QUEUE, { seizureId, itemIds: ids.slice(i, i + JOB_BATCH) }, { retryLimit: 5, retryDelay: 5 });
      queued += ids.length;
    }
    if (page.length < 2000) break;
    after = page[page.length - 1]!.id;
  }
  return queued;
}

export async function startIngestWorker(ctx: AppContext): Promise<void> {
  await ctx.mediaStore.sweepTemp();
  // On the embedded database this process is the only worker: every 'processing' claim is stale.
  await seizuresRepo.releaseStale(ctx.db, ctx.database.kind === 'pglite' ? null : new Date(Date.now() - leaseMs(ctx.config)));
  // pg-boss directly (not JobQueue.work): keep fetching while the queue is full instead of polling per
  // job, and run two batches at once so hashing in the pool overlaps with the other batch's transaction.
  // Through JobQueue, so it knows the queue exists: a later send() inside a transaction must not try to
  // create it (on PGlite that would wait on the transaction's own lock).
  await (ctx.jobs as unknown as { ensureQueue(name: string): Promise<void> }).ensureQueue(PROCESS_QUEUE);
  await ctx.jobs.boss.work<{ seizureId: number; itemIds: number[] }>(
    PROCESS_QUEUE,
    { batchSize: 2, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true, localConcurrency: 2 } as never,
    async (jobs) => {
      for (const job of jobs) {
        try {
          await span('job (processItems)', () => processItems(ctx, job.data.seizureId, job.data.itemIds));
        } catch (err) {
          // Logged here with its stack; pg-boss gets a plain Error with clean text it can store (retry later).
          ctx.log.error('ingest job failed', { jobId: job.id, seizureId: job.data.seizureId, err });
          throw new Error(cleanText(err instanceof Error ? err.message : String(err)).slice(0, 1000));
        }
      }
    },
  );
  await requeuePending(ctx);
  const timer = setInterval(
    () => {
      seizuresRepo
        .releaseStale(ctx.db, new Date(Date.now() - leaseMs(ctx.config)))
        .then((r) => (Number(r.numUpdatedRows) > 0 ? requeuePending(ctx) : 0))
        .catch(ctx.log.failed('stale-lease sweep (retried at the next tick)'));
    },
    Math.min(30_000, leaseMs(ctx.config) / 2),
  );
  timer.unref();
  ctx.onClose.push(async () => {
    clearInterval(timer);
    await ctx.matcher.snapshot().catch(ctx.log.failed('index snapshot at close'));
    await Promise.resolve()
      .then(() => placeMatcher(ctx).save())
      .catch(ctx.log.failed('place index snapshot at close'));
  });
  void ctx.matcher.start().catch(ctx.log.failed('loading the match index at start'));
  // The place index too, in the background (turns for other work between its rows): else the first batch or scene
  // search after a start waits for the whole load (~20 s at 100,000 images).
  void placeMatcher(ctx).catchUp(ctx.db).catch(ctx.log.failed('loading the place index at start'));
}
