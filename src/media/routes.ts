// Media bytes: thumbnails (a video's poster frame) and full images/videos of visible media only (404 otherwise), every view audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { CASE_ROLES, allow, type Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { who } from '../http/request.js';
import { NotFoundError } from '../shared/errors.js';
import './tables.js';

const tags = ['media'];
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const MIME: Record<string, string> = {
  jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', tiff: 'image/tiff', bmp: 'image/bmp',
  mp4: 'video/mp4', mov: 'video/quicktime', '3gp': 'video/3gpp', mkv: 'video/x-matroska', webm: 'video/webm', avi: 'video/x-msvideo',
};

export async function readMediaBytes(ctx: AppContext, p: Principal, id: number, what: 'thumbnail' | 'full'): Promise<{ bytes: Buffer; type: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('media as m').select(['m.id', 'm.sha256', 'm.format', 'm.stored', 'm.thumb_stored']).where('m.id', '=', id).where(visibleTo(p, 'm')).executeTakeFirst();
    if (!m || (what === 'full' ? !m.stored : !m.thumb_stored)) throw new NotFoundError('media');
    const bytes = await ctx.mediaStore.read(m.sha256, what === 'full' ? '' : '.thumb').catch(() => { throw new NotFoundError('media'); });
    await recordAudit(trx, p, { action: what === 'full' ? 'media.view_full' : 'media.view_thumbnail', objectType: 'media', objectId: id });
    return { bytes, type: what === 'full' ? (MIME[m.format ?? ''] ?? 'application/octet-stream') : 'image/jpeg' };
  });
}

export default async function mediaRoutes(app: FastifyInstance, ctx: AppContext) {
  const access = allow(...CASE_ROLES);
  const send = (what: 'thumbnail' | 'full') => async (req: { params: { id: number } } & Parameters<typeof who>[0], reply: import('fastify').FastifyReply) => {
    const { bytes, type } = await readMediaBytes(ctx, who(req), req.params.id, what);
    return reply.header('content-type', type).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline').send(bytes);
  };
  app.get<{ Params: { id: number } }>('/media/:id/thumbnail', { config: { access }, schema: { tags, summary: 'Thumbnail (256 px JPEG; a video\'s poster frame) of a visible medium', params: idParam } }, send('thumbnail'));
  app.get<{ Params: { id: number } }>('/media/:id/content', { config: { access }, schema: { tags, summary: 'The full image of a visible medium (audited as media.view_full)', params: idParam } }, send('full'));
}
