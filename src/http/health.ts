// GET /health: liveness and a database check, cheap enough to poll (one primary-key read, the queue's
// cached counts, in-memory index sizes). Served by every role, alone on worker processes.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { PROCESS_QUEUE as QUEUE } from '../seizures/upload.js';
import { ffmpegChoice } from '../video/ffmpeg.js';

function ffmpegHealth(): { source: string; version: string; ffprobe: boolean } {
  try {
    const c = ffmpegChoice();
    return { source: c.source, version: c.version, ffprobe: c.ffprobe !== null };
  } catch (err) {
    return { source: 'none', version: err instanceof Error ? err.message : String(err), ffprobe: false };
  }
}
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const int = { type: 'integer' };
const watermarked = obj({ size: int, watermark: int });

/** How long one /health answer waits for the database before it reports the last answer instead. */
export const PROBE_WAIT_MS = 100;

/**
 * One database read shared by concurrent /health calls. The embedded database is one connection: a probe must not
 * queue behind a long ingest transaction, so a caller waits at most PROBE_WAIT_MS and otherwise gets the last
 * answer with its age. An error from the database is a failed check (500), never hidden.
 */
export class Probe<T> {
  private inFlight: Promise<void> | null = null;
  private last: { value: T | null; at: number } | null = null;
  private error: unknown = null;
  constructor(private readonly query: () => Promise<T>) {}

  async read(): Promise<{ value: T | null; waiting: boolean; lastAnsweredMsAgo: number }> {
    if (!this.inFlight) {
      this.inFlight = this.query()
        .then(
          (value) => {
            this.last = { value: value ?? null, at: Date.now() };
            this.error = null;
          },
          (err: unknown) => {
            this.error = err;
          },
        )
        .finally(() => {
          this.inFlight = null;
        });
    }
    const current = this.inFlight;
    let timer: NodeJS.Timeout | undefined;
    let answered = await Promise.race([
      current.then(() => true),
      new Promise<false>((r) => {
        timer = setTimeout(() => r(false), PROBE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!this.last) {
      await current; // never answered yet: the first answer is worth waiting for
      answered = true;
    }
    if (this.error && (answered || !this.last)) throw this.error;
    return { value: this.last?.value ?? null, waiting: !answered, lastAnsweredMsAgo: answered || !this.last ? 0 : Date.now() - this.last.at };
  }
}

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  // The first look for ffmpeg runs `ffmpeg -version` synchronously (324 ms in a CPU profile of bench:ingest): done at
  // start-up, not inside the first /health answer while the event loop serves an ingest. Cached once found.
  ffmpegHealth();
  const probes = {
    head: new Probe(() => ctx.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst()),
    queue: new Probe(() => ctx.jobs.boss.getQueue(QUEUE)),
  };
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['platform'],
        summary: 'Liveness, database check, role, index sizes and watermarks, queue depth',
        response: {
          200: obj({
            status: { type: 'string' },
            database: { type: 'string' },
            // waiting: the database was busy past PROBE_WAIT_MS; the figures below are its last answer, this old.
            databaseCheck: obj({ waiting: { type: 'boolean' }, lastAnsweredMsAgo: int }),
            role: { type: 'string' },
            pid: int,
            indexes: obj({ loaded: { type: 'boolean' }, changeWatermark: int, media: watermarked, frames: watermarked, robust: obj({ size: int }) }),
            queue: { type: 'object', nullable: true, properties: { name: { type: 'string' }, queued: int, active: int, deferred: int } },
            audit: obj({ head: int }),
            // The ffmpeg vPDQ runs (FFMPEG_PATH, the system's, or the bundled fallback) and whether ffprobe gives exact rates.
            ffmpeg: obj({ source: { type: 'string' }, version: { type: 'string' }, ffprobe: { type: 'boolean' } }),
          }),
        },
      },
    },
    async () => {
      // Both reads at once: each waits at most PROBE_WAIT_MS, so one after the other could take twice that.
      // The queue's counts are informative: a failing read there does not fail the liveness answer.
      const [head, q] = await Promise.all([probes.head.read(), probes.queue.read().catch(ctx.log.failed('health: reading the queue depth', { queue: QUEUE }))]);
      const depth = q?.value;
      return {
        status: 'ok',
        database: ctx.database.kind,
        databaseCheck: { waiting: head.waiting, lastAnsweredMsAgo: head.lastAnsweredMsAgo },
        role: ctx.config.role,
        pid: process.pid,
        indexes: ctx.matcher.health(),
        queue: depth ? { name: QUEUE, queued: depth.queuedCount ?? 0, active: depth.activeCount ?? 0, deferred: depth.deferredCount ?? 0 } : null,
        audit: { head: Number(head.value?.seq ?? 0) },
        ffmpeg: ffmpegHealth(),
      };
    },
  );
}
