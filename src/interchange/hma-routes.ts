// HMA-compatible REST API under /api/v1/hma: /h (hashing), /m (matching), /c (curation of banks).
// Authenticated with bearer API tokens (POST /api/v1/auth/tokens) or a session. The server never fetches a
// URL: `url=` answers 400 and files come as multipart uploads.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { BadRequestError, NotFoundError } from '../shared/errors.js';
import { pdqDistance } from '../hashing/hex.js';
import { hashImage } from '../imaging/hash-image.js';
import { isImageDecodeError } from '../imaging/errors.js';
import { presentBank } from './bank-service.js';
import { parseBanksParam, validateSignal, SIGNAL_TYPES } from './hma.js';

const tags = ['hma'];
const NO_FETCH = 'this server never fetches URLs (it does not reach the network): POST the file as multipart/form-data, field "photo" or "video"';
const bankParam = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const contentParam = {
  type: 'object',
  required: ['name', 'id'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, id: { type: 'integer', minimum: 1 } },
} as const;
const lookupQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    signal: { type: 'string', maxLength: 200 },
    signal_type: { type: 'string', maxLength: 40 },
    url: { type: 'string', maxLength: 4000 },
    content_type: { type: 'string' },
    seed: { type: 'string' },
    include_distance: { type: 'string' },
    bypass_coinflip: { type: 'string' },
    types: { type: 'string' },
    banks: { type: 'string', maxLength: 4000 },
  },
} as const;
type LookupQuery = { signal?: string; signal_type?: string; url?: string; include_distance?: string; types?: string; banks?: string };

/** HMA's note: a string of at most 255 characters (empty: none). */
function validateNote(note: unknown): string | null {
  if (note === undefined || note === null || note === '') return null;
  if (typeof note !== 'string') throw new BadRequestError('note should be a string');
  if (note.length > 255) throw new BadRequestError('note must be at most 255 characters');
  return note;
}

/** HMA's content metadata: an object of content_id, content_uri, json (collab is HMA's own and dropped). */
function validateMetadata(raw: unknown): Record<string, unknown> | null {
  if (raw === undefined || raw === null) return null;
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new BadRequestError('metadata form field must be valid JSON');
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadRequestError('metadata should be a json object');
  const { collab: _c, ...rest } = v as Record<string, unknown>;
  for (const k of Object.keys(rest)) if (!['content_id', 'content_uri', 'json'].includes(k)) throw new BadRequestError(`Invalid metadata: unknown field ${k}`);
  return Object.keys(rest).length ? rest : null;
}

/** An HMA BankContentResponse (OpenMediaMatch 1.1.7 schemas/curation.py): signals only when asked, metadata and note when present. */
function presentContent(
  bank: { name: string; matching_enabled_ratio: unknown },
  e: {
    id: number;
    disable_until_ts: string | number;
    note: string | null;
    user_metadata: unknown;
    pdq: string | null;
    md5: string | null;
    sha1: string | null;
    sha256: string | null;
  },
  withSignals: boolean,
) {
  const signals = Object.fromEntries(Object.entries({ pdq: e.pdq, md5: e.md5, sha1: e.sha1, sha256: e.sha256 }).filter(([, v]) => v));
  return {
    id: e.id,
    disable_until_ts: Number(e.disable_until_ts),
    original_media_uri: null,
    bank: { name: bank.name, matching_enabled_ratio: Number(bank.matching_enabled_ratio) },
    ...(withSignals ? { signals } : {}),
    ...(e.user_metadata && typeof e.user_metadata === 'object' ? { metadata: e.user_metadata } : {}),
    ...(e.note !== null ? { note: e.note } : {}),
  };
}

/** Hashes the one uploaded file: photos give PDQ (and the cryptographic hashes), videos their MD5. */
async function hashUpload(req: FastifyRequest, fields: Record<string, string> = {}, opts: { upright?: boolean } = {}): Promise<Record<string, string>> {
  if (!req.isMultipart()) throw new BadRequestError('Missing multipart/form-data file upload');
  let out: Record<string, string> | null = null;
  for await (const part of req.parts()) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (out) throw new BadRequestError('Only one file allowed per request');
    const field = part.fieldname === 'file' ? 'photo' : part.fieldname;
    if (field !== 'photo' && field !== 'video') throw new BadRequestError(`no such content_type: '${part.fieldname}' (use photo or video)`);
    const bytes = await part.toBuffer();
    if (field === 'video') {
      const { createHash } = await import('node:crypto');
      out = { video_md5: createHash('md5').update(bytes).digest('hex') };
    } else {
      try {
        // The peers' hash (pixels as stored) unless the caller asks for the upright image (ICSE's upright=true).
        const h = await hashImage(bytes, { metadata: false, applyExif: opts.upright === true });
        out = { pdq: h.pdq.hash, md5: h.md5, sha1: h.sha1, sha256: h.sha256 };
      } catch (err) {
        if (isImageDecodeError(err)) throw new BadRequestError(`the photo could not be hashed: ${err.message}`);
        throw err;
      }
    }
  }
  if (!out) throw new BadRequestError('Missing multipart/form-data file upload');
  return out;
}

/** HMA answers only the types asked for (`types=pdq,video_md5`). */
function selectTypes(hashes: Record<string, string>, types?: string): Record<string, string> {
  if (!types) return hashes.pdq ? { pdq: hashes.pdq } : hashes;
  const wanted = types
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of wanted) if (!(t in SIGNAL_TYPES)) throw new BadRequestError(`signal type '${t}' doesn't exist or is disabled`);
  return Object.fromEntries(Object.entries(hashes).filter(([k]) => wanted.includes(k)));
}

export default async function hmaRoutes(server: FastifyInstance, ctx: AppContext) {
  const app = server.withTypeProvider<JsonSchemaToTsProvider>();
  const hma = ctx.services.hma;
  const banks = ctx.services.banks;

  // ---- hashing
  app.get(
    '/hma/h/hash',
    {
      config: { action: 'hma.hash' },
      schema: {
        tags,
        summary: 'HMA GET /h/hash: refused (no URL fetching)',
        querystring: { type: 'object', properties: { url: { type: 'string' } } },
      } as const,
    },
    async () => {
      throw new BadRequestError(NO_FETCH);
    },
  );
  app.post(
    '/hma/h/hash',
    {
      config: { action: 'hma.hash' },
      schema: {
        tags,
        summary:
          'HMA POST /h/hash: hash one uploaded file (multipart field photo or video); PDQ of the pixels as stored as HMA computes it, upright=true for the EXIF-rotated image',
        querystring: { type: 'object', properties: { types: { type: 'string' }, upright: { type: 'string' } } },
      } as const,
    },
    async (req) => selectTypes(await hashUpload(req, {}, { upright: (req.query.upright ?? '').toLowerCase() === 'true' }), req.query.types),
  );

  // ---- matching
  app.get(
    '/hma/m/raw_lookup',
    {
      config: { action: 'hma.lookup' },
      schema: { tags, summary: 'HMA raw_lookup: bank content ids matching a signal', querystring: lookupQuery } as const,
    },
    async (req) => {
      const { signal, signal_type: st } = req.query;
      if (!signal || !st) throw new BadRequestError(`${!signal ? 'signal' : 'signal_type'} is required`);
      const matches = await hma.rawLookup(who(req), validateSignal(st, signal), parseBanksParam(req.query.banks));
      const withDistance = ['true', '1', 'yes'].includes((req.query.include_distance ?? '').toLowerCase());
      return { matches: withDistance ? matches : matches.map((m) => m.bank_content_id) };
    },
  );
  app.get(
    '/hma/m/lookup',
    {
      config: { action: 'hma.lookup' },
      schema: { tags, summary: 'HMA lookup: matches by bank for a signal (banks and the media you may see, as ICSE_MEDIA)', querystring: lookupQuery } as const,
    },
    async (req) => {
      if (req.query.url) throw new BadRequestError(NO_FETCH);
      const { signal, signal_type: st } = req.query;
      if (!signal || !st) throw new BadRequestError(`${!signal ? 'signal' : 'signal_type'} is required`);
      const banks = parseBanksParam(req.query.banks);
      return hma.lookup(who(req), validateSignal(st, signal), banks ? { banks } : {});
    },
  );
  app.post(
    '/hma/m/lookup',
    {
      config: { action: 'hma.lookup' },
      schema: { tags, summary: 'HMA lookup of an uploaded file: {signal_type: {bank: matches}}', querystring: lookupQuery } as const,
    },
    async (req) => {
      const hashes = selectTypes(await hashUpload(req), req.query.types);
      const out: Record<string, unknown> = {};
      for (const [type, value] of Object.entries(hashes)) {
        const banks = parseBanksParam(req.query.banks);
        if (type === 'pdq' || type === 'video_md5') out[type] = await hma.lookup(who(req), validateSignal(type, value), banks ? { banks } : {});
      }
      return out;
    },
  );
  app.post(
    '/hma/m/compare',
    {
      config: { action: 'hma.compare' },
      schema: {
        tags,
        summary: 'HMA compare: distance between pairs of hashes',
        body: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      } as const,
    },
    async (req) => {
      const out: Record<string, unknown> = {};
      for (const [type, pair] of Object.entries(req.body)) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new BadRequestError('Comparison hash list length must be exactly 2');
        const a = validateSignal(type, String(pair[0])),
          b = validateSignal(type, String(pair[1]));
        const kind = Object.keys(a)[0] as keyof typeof a;
        const d = kind === 'pdq' ? pdqDistance(a.pdq!, b.pdq!) : a[kind] === b[kind] ? 0 : 1;
        out[type] = [kind === 'pdq' ? d <= 31 : d === 0, { distance: d }];
      }
      return out;
    },
  );
  app.get('/hma/m/index/status', { config: { action: 'hma.status' }, schema: { tags, summary: 'HMA index status by signal type' } as const }, async () =>
    hma.indexStatus(),
  );

  // ---- curation
  app.get('/hma/c/banks', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA banks I may see' } as const }, async (req) =>
    (await banks.list(who(req))).map((b) => presentBank(b)),
  );
  app.post(
    '/hma/c/banks',
    {
      config: { action: 'hma.bank.curate' },
      schema: {
        tags,
        summary: 'HMA create a bank',
        body: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 100 },
            enabled: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
            enabled_ratio: { type: 'number', minimum: 0, maximum: 1 },
            description: { type: 'string', maxLength: 2000 },
          },
        },
      } as const,
    },
    async (req, reply) => {
      const { name, enabled, enabled_ratio: ratio, description } = req.body;
      const enabledRatio = ratio ?? (enabled === undefined ? 1 : ['true', '1', 'yes'].includes(String(enabled).toLowerCase()) ? 1 : 0);
      return reply.status(201).send(presentBank(await banks.create(who(req), { name, enabledRatio, description })));
    },
  );
  app.get('/hma/c/bank/:name', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA a bank', params: bankParam } as const }, async (req) => {
    const r = await banks.get(who(req), req.params.name);
    return presentBank(r.bank, r.entries);
  });
  app.put(
    '/hma/c/bank/:name',
    {
      config: { action: 'hma.bank.curate' },
      schema: {
        tags,
        summary: 'HMA update a bank',
        params: bankParam,
        body: {
          type: 'object',
          properties: { name: { type: 'string', maxLength: 100 }, enabled: { type: 'boolean' }, enabled_ratio: { type: 'number', minimum: 0, maximum: 1 } },
        },
      } as const,
    },
    async (req) =>
      presentBank(await banks.update(who(req), req.params.name, { name: req.body.name, enabled: req.body.enabled, enabledRatio: req.body.enabled_ratio })),
  );
  app.delete(
    '/hma/c/bank/:name',
    { config: { action: 'hma.bank.curate' }, schema: { tags, summary: 'HMA delete a bank', params: bankParam } as const },
    async (req) => {
      await banks.remove(who(req), req.params.name);
      return { message: 'Done' };
    },
  );
  app.post(
    '/hma/c/bank/:name/signal',
    {
      config: { action: 'hma.bank.curate' },
      schema: {
        tags,
        summary: 'HMA add hashes to a bank: {"pdq": "…", "note": "…"}',
        params: bankParam,
        body: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
      } as const,
    },
    async (req) => {
      const { note, ...signals } = req.body;
      return banks.addSignals(who(req), req.params.name, signals, {}, { note: validateNote(note) });
    },
  );
  app.post(
    '/hma/c/bank/:name/content',
    {
      config: { action: 'hma.bank.curate' },
      schema: {
        tags,
        summary: 'HMA add an uploaded file to a bank (hashed here, bytes not kept); form fields metadata (JSON) and note',
        params: bankParam,
        querystring: { type: 'object', properties: { url: { type: 'string' } } },
      } as const,
    },
    async (req) => {
      if (req.query.url) throw new BadRequestError(NO_FETCH);
      const fields: Record<string, string> = {};
      const hashes = await hashUpload(req, fields);
      const extra = { note: validateNote(fields.note), userMetadata: validateMetadata(fields.metadata) };
      return banks.addSignals(
        who(req),
        req.params.name,
        hashes.pdq ? { pdq: hashes.pdq, md5: hashes.md5!, sha1: hashes.sha1!, sha256: hashes.sha256! } : hashes,
        {},
        extra,
      );
    },
  );
  app.get(
    '/hma/c/bank/:name/content/:id',
    {
      config: { action: 'hma.bank.read' },
      schema: {
        tags,
        summary: 'HMA one bank entry (BankContentResponse)',
        params: contentParam,
        querystring: {
          type: 'object',
          properties: { include_signals: { type: 'string' }, include_metadata: { type: 'string' }, signal_type: { type: 'string' } },
        },
      } as const,
    },
    async (req) => {
      const { bank, entry } = await banks.getEntry(who(req), req.params.name, req.params.id);
      const out = presentContent(bank, entry, (req.query.include_signals ?? '').toLowerCase() === 'true' || !!req.query.signal_type);
      if ((req.query.include_metadata ?? 'true').toLowerCase() !== 'true') delete (out as { metadata?: unknown }).metadata;
      return out;
    },
  );
  app.put(
    '/hma/c/bank/:name/content/:id',
    {
      config: { action: 'hma.bank.curate' },
      schema: {
        tags,
        summary: 'HMA update bank content: disable_until_ts (0 disabled, 1 enabled, else a Unix time), note',
        params: contentParam,
        body: { type: 'object', properties: { disable_until_ts: { type: ['integer', 'string'] }, note: { type: ['string', 'null'] } } },
      } as const,
    },
    async (req) => {
      const body = req.body ?? {};
      let disableUntilTs: number | undefined;
      if (body.disable_until_ts !== undefined) {
        disableUntilTs = Number(body.disable_until_ts);
        if (!Number.isInteger(disableUntilTs)) throw new BadRequestError('disable_until_ts must be an integer');
        if (disableUntilTs < 0) throw new BadRequestError('disable_until_ts must be a non-negative integer');
        if (disableUntilTs > Math.floor(Date.now() / 1000) + 5 * 365 * 24 * 3600)
          throw new BadRequestError('disable_until_ts must be less than 5 years in the future');
      }
      const { bank, entry } = await banks.updateEntry(who(req), req.params.name, req.params.id, {
        ...(disableUntilTs !== undefined ? { disableUntilTs } : {}),
        ...('note' in body ? { note: validateNote(body.note) } : {}),
      });
      // HMA answers jsonify(BankContentConfig): every dataclass field.
      return {
        id: entry.id,
        disable_until_ts: Number(entry.disable_until_ts),
        collab_metadata: {},
        original_media_uri: null,
        bank: { name: bank.name, matching_enabled_ratio: Number(bank.matching_enabled_ratio) },
        user_metadata: entry.user_metadata ?? null,
        note: entry.note,
      };
    },
  );
  app.delete(
    '/hma/c/bank/:name/content/:id',
    {
      config: { action: 'hma.bank.curate' },
      schema: { tags, summary: 'HMA remove an entry from a bank', params: contentParam } as const,
    },
    async (req) => ({ deleted: await banks.removeEntry(who(req), req.params.name, req.params.id) }),
  );
  app.get('/hma/c/signal_type', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA signal types' } as const }, async () =>
    Object.keys(SIGNAL_TYPES).map((name) => ({ name, enabled_ratio: 1 })),
  );
  app.get(
    '/hma/c/signal_type/index',
    {
      config: { action: 'hma.bank.read' },
      schema: {
        tags,
        summary: 'HMA index build status per signal type',
        querystring: { type: 'object', properties: { signal_type: { type: 'string' } } },
      } as const,
    },
    async (req) => hma.signalTypeIndex(req.query.signal_type),
  );
  app.get('/hma/c/content_type', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA content types' } as const }, async () => [
    { name: 'photo', enabled: true },
    { name: 'video', enabled: true },
  ]);

  // ---- exchanges: fetching from ThreatExchange / NCMEC needs the network, which this server never reaches.
  const NO_EXCHANGE =
    'this server does not reach the network: no exchange API is available; import partner lists as files (icse import hashes FILE --bank NAME, or POST /api/v1/interchange/banks/NAME/import)';
  app.get('/hma/c/exchanges', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA exchanges (none: no network)' } as const }, async () => []);
  app.get(
    '/hma/c/exchanges/apis',
    { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA exchange APIs (none: no network)' } as const },
    async () => [],
  );
  app.post(
    '/hma/c/exchanges',
    { config: { action: 'hma.bank.curate' }, schema: { tags, summary: 'HMA create an exchange: refused (no network)' } as const },
    async () => {
      throw new BadRequestError(NO_EXCHANGE);
    },
  );
  app.get(
    '/hma/c/exchange/:exchange',
    {
      config: { action: 'hma.bank.read' },
      schema: {
        tags,
        summary: 'HMA one exchange (none exist)',
        params: { type: 'object', required: ['exchange'], properties: { exchange: { type: 'string', maxLength: 100 } } },
      } as const,
    },
    async (req) => {
      throw new NotFoundError(`Exchange '${req.params.exchange}' not found`);
    },
  );

  // ---- status (HMA /status and /status/live): plain text, as load balancers read it.
  for (const path of ['/hma/status', '/hma/status/live']) {
    app.get(path, { config: { action: 'hma.status' }, schema: { tags, summary: `HMA ${path.slice(4)}: I-AM-ALIVE` } as const }, async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('I-AM-ALIVE'),
    );
  }
}
