// Media bytes: thumbnails (a video's poster frame) and full images/videos of visible media only (404 otherwise), every view audited.
// Streamed from the store, never held whole; byte ranges (HTTP Range) for video scrubbing.
import type { FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { who } from '../http/request.js';
import { NotFoundError } from '../shared/errors.js';
import { parseRange } from './range.js';
import { MediaStoreError } from './chunked.js';

const tags = ['media'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
};

/**
 * Opens a visible medium's bytes (404 otherwise) and audits the view; the bytes stream after the transaction.
 * `range` is the request's Range header: videos are scrubbed by byte ranges, each one audited.
 */
export async function openMediaBytes(ctx: AppContext, p: Principal, id: number, what: 'thumbnail' | 'full', range?: string) {
  const opened = await ctx.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('media as m')
      .select(['m.id', 'm.sha256', 'm.format', 'm.stored', 'm.thumb_stored'])
      .where('m.id', '=', id)
      .where(visibleTo(p, 'm'))
      .executeTakeFirst();
    if (!m || (what === 'full' ? !m.stored : !m.thumb_stored)) throw new NotFoundError('media');
    // Only an object that is not in the store is a 404: a failed integrity check or a store outage must surface.
    const obj = await ctx.mediaStore.open(m.sha256, what === 'full' ? '' : '.thumb').catch((err: unknown) => {
      throw err instanceof MediaStoreError && err.reason === 'missing' ? new NotFoundError('media') : err;
    });
    const answer = parseRange(range, obj.size);
    await recordAudit(trx, p, {
      action: what === 'full' ? 'media.view_full' : 'media.view_thumbnail',
      objectType: 'media',
      objectId: id,
      ...(answer.kind === 'partial' ? { details: { range: `${answer.start}-${answer.end}` } } : {}),
    });
    return { obj, answer, type: what === 'full' ? (MIME[m.format ?? ''] ?? 'application/octet-stream') : 'image/jpeg' };
  });
  const { obj, answer } = opened;
  const body = answer.kind === 'unsatisfiable' ? null : answer.kind === 'partial' ? await obj.stream(answer.start, answer.end) : await obj.stream();
  return { ...opened, size: obj.size, body };
}

export default async function mediaRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const send =
    (what: 'thumbnail' | 'full') =>
    async (req: { params: { id: number }; headers: { range?: string } } & Parameters<typeof who>[0], reply: import('fastify').FastifyReply) => {
      const { body, answer, size, type } = await openMediaBytes(ctx, who(req), req.params.id, what, req.headers.range);
      reply
        .header('content-type', type)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('accept-ranges', 'bytes');
      if (answer.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
      if (answer.kind === 'partial')
        reply
          .code(206)
          .header('content-range', `bytes ${answer.start}-${answer.end}/${size}`)
          .header('content-length', answer.end - answer.start + 1);
      else reply.header('content-length', size);
      return reply.send(body);
    };
  app.get(
    '/media/:id/thumbnail',
    {
      config: { action: 'media.thumbnail' },
      schema: { tags, summary: "Thumbnail (256 px JPEG; a video's poster frame) of a visible medium", params: idParam } as const,
    },
    send('thumbnail'),
  );
  app.get(
    '/media/:id/content',
    {
      config: { action: 'media.content' },
      schema: { tags, summary: 'The full image of a visible medium (audited as media.view_full)', params: idParam } as const,
    },
    send('full'),
  );
}
