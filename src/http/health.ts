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

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
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
      const head = await ctx.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
      const q = await ctx.jobs.boss.getQueue(QUEUE).catch(() => null);
      return {
        status: 'ok',
        database: ctx.database.kind,
        role: ctx.config.role,
        pid: process.pid,
        indexes: ctx.matcher.health(),
        queue: q ? { name: QUEUE, queued: q.queuedCount ?? 0, active: q.activeCount ?? 0, deferred: q.deferredCount ?? 0 } : null,
        audit: { head: Number(head?.seq ?? 0) },
        ffmpeg: ffmpegHealth(),
      };
    },
  );
}
