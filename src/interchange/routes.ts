// HTTP adapter for interchange: VICS import/export, hash-list export, bank imports and lookups.
// Also mounts the HMA-compatible API (hma-routes.ts) and warms the bank PDQ index at start.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { DISTRIBUTIONS, type Distribution } from '../access/visibility.js';
import { who } from '../http/request.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError } from '../shared/errors.js';
import { bankIndex, lookupBanks } from './banks.js';
import { HASHLIST_FORMATS } from './hashlist.js';
import type { VicsScheme } from './vics-parse.js';
import hmaRoutes from './hma-routes.js';

const tags = ['interchange'];

/** Reads one uploaded file and the text fields of a multipart request. */
async function readUpload(req: FastifyRequest): Promise<{ bytes: Buffer; fileName: string; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new BadRequestError('send the file as multipart/form-data (field "file")');
  let file: { bytes: Buffer; fileName: string } | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (file) throw new BadRequestError('send one file per request');
      file = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw new BadRequestError('no file in the upload (field "file")');
  return { ...file, fields };
}

const optInt = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new BadRequestError(`${name} must be a positive integer`);
  return n;
};

export default async function interchangeRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const vics = ctx.services.vics;
  const hashLists = ctx.services.hashLists;
  const banks = ctx.services.banks;
  // Built at start so the first lookup does not pay for it.
  await ctx.db.transaction().execute((trx) => bankIndex(ctx).sync(trx));

  app.post(
    '/interchange/vics/import',
    {
      config: { action: 'interchange.vics.import' },
      schema: {
        tags,
        summary:
          'Import a VICS 1.x / 2.0 JSON file (multipart: file; optional fields caseId, scheme US|DHS|UK, distribution): hash-only contributions and a per-item report',
      } as const,
    },
    async (req, reply) => {
      const { bytes, fileName, fields } = await readUpload(req);
      const scheme = fields.scheme?.toUpperCase();
      if (scheme && !['US', 'DHS', 'UK', 'DEFAULT'].includes(scheme)) throw new BadRequestError('scheme is US, DHS or UK');
      if (fields.distribution && !(DISTRIBUTIONS as readonly string[]).includes(fields.distribution))
        throw new BadRequestError(`distribution is one of ${DISTRIBUTIONS.join(', ')}`);
      const result = await vics.import(who(req), {
        bytes,
        fileName,
        caseId: optInt(fields.caseId, 'caseId'),
        scheme: scheme === 'DEFAULT' ? 'Default' : (scheme as VicsScheme | undefined),
        distribution: fields.distribution as Distribution | undefined,
        sharedWith: fields.sharedWith
          ? fields.sharedWith
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
      });
      return reply.status(result.alreadyImported ? 200 : 201).send(result);
    },
  );

  app.get(
    '/interchange/cases/:id/vics',
    {
      config: { action: 'interchange.vics.export' },
      schema: {
        tags,
        summary:
          'A case as a VICS JSON document (2.0 by default). layout=media: the #Media hash set IPED imports; country: the 2.0 path (Default, US, UK); scheme: category numbering (1.3 default DHS, 2.0 default US)',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            version: { type: 'string', enum: ['1.3', '2.0'] },
            layout: { type: 'string', enum: ['cases', 'media'] },
            country: { type: 'string', enum: ['Default', 'US', 'UK'] },
            scheme: { type: 'string', enum: ['US', 'DHS'] },
          },
        },
      } as const,
    },
    async (req, reply) => {
      const { layout, country, scheme } = req.query;
      const r = await vics.export(who(req), req.params.id, req.query.version ?? '2.0', {
        entity: layout === 'media' ? 'Media' : 'Cases',
        ...(country ? { country } : {}),
        ...(scheme ? { scheme } : {}),
      });
      reply.header(
        'content-disposition',
        `attachment; filename="case-${req.params.id}-vics-${req.query.version ?? '2.0'}${layout === 'media' ? '-media' : ''}.json"`,
      );
      return r.document;
    },
  );

  app.get(
    '/interchange/hashes',
    {
      config: { action: 'interchange.hashes.export' },
      schema: {
        tags,
        summary:
          'Hash list of the media you may see: ICSE CSV (IPED), pdq (one hash a line), te (`pdq <hash>` / `video_md5 <md5>`: python-threatexchange file exchange), pdq-quality (hash,quality,id), or plain MD5 / SHA-1',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { type: 'string', enum: [...HASHLIST_FORMATS] },
            victimIdentified: { type: 'boolean' },
            offenderIdentified: { type: 'boolean' },
            baseline: { type: 'boolean' },
            category: { type: 'integer', minimum: 0, maximum: 4 },
            seriesId: { type: 'integer', minimum: 1 },
            caseId: { type: 'integer', minimum: 1 },
            mediaType: { type: 'string', enum: ['image', 'video'] },
          },
        },
      } as const,
    },
    async (req, reply) => {
      const { format = 'icse', ...filter } = req.query;
      const r = await hashLists.export(who(req), format, filter);
      reply
        .header('content-type', r.contentType)
        .header('x-hash-count', String(r.count))
        .header('content-disposition', `attachment; filename="icse-hashes.${format === 'icse' ? 'csv' : 'txt'}"`);
      return r.body;
    },
  );

  app.post(
    '/interchange/banks/:name/import',
    {
      config: { action: 'interchange.bank.import' },
      schema: {
        tags,
        summary: 'Import a hash list into a named bank (multipart: file; fields kind=sha256|pdq for bare 64-hex lists, create=true to create the bank)',
        params: { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[A-Z0-9_]{1,100}$' } } },
      } as const,
    },
    async (req) => {
      const { bytes, fileName, fields } = await readUpload(req);
      if (fields.kind && fields.kind !== 'sha256' && fields.kind !== 'pdq') throw new BadRequestError('kind is sha256 or pdq');
      return banks.importFile(who(req), {
        bank: req.params.name,
        bytes,
        fileName,
        kind: fields.kind as 'sha256' | 'pdq' | undefined,
        create: fields.create === 'true',
        source: fields.source,
      });
    },
  );

  app.post(
    '/interchange/banks/lookup',
    {
      config: { action: 'interchange.bank.lookup' },
      schema: {
        tags,
        summary: 'Bank entries matching hashes (exact, and PDQ within the threshold, default 31)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            md5: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' },
            sha1: { type: 'string', pattern: '^[0-9a-fA-F]{40}$' },
            sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
            pdq: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
            threshold: { type: 'integer', minimum: 0, maximum: 63 },
          },
        },
      } as const,
    },
    async (req) => {
      const p = who(req);
      const { threshold, ...hashes } = req.body;
      return ctx.db.transaction().execute(async (trx) => {
        const matches = await lookupBanks(ctx, trx, hashes, { principal: p, pdqThreshold: threshold });
        await recordAudit(trx, p, { action: 'bank.lookup', objectType: 'hash_bank', details: { hashes: Object.keys(hashes), matches: matches.length } });
        return { matches };
      });
    },
  );

  await hmaRoutes(app, ctx);
}
