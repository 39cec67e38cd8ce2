// HMA-compatible REST API under /api/v1/hma: /h (hashing), /m (matching), /c (curation of banks).
// Authenticated with bearer API tokens (POST /api/v1/auth/tokens) or a session. The server never fetches a
// URL: `url=` answers 400 and files come as multipart uploads.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { who } from '../http/request.js';
import { BadRequestError } from '../shared/errors.js';
import { pdqDistance } from '../hashing/hex.js';
import { hashImage } from '../imaging/hash-image.js';
import { isImageDecodeError } from '../imaging/errors.js';
import { BankService, presentBank } from './bank-service.js';
import { HmaService, validateSignal, SIGNAL_TYPES } from './hma.js';

const tags = ['hma'];
const NO_FETCH = 'this server never fetches URLs (it does not reach the network): POST the file as multipart/form-data, field "photo" or "video"';
const bankParam = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const contentParam = { type: 'object', required: ['name', 'id'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, id: { type: 'integer', minimum: 1 } } } as const;
const lookupQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    signal: { type: 'string', maxLength: 200 }, signal_type: { type: 'string', maxLength: 40 }, url: { type: 'string', maxLength: 4000 },
    content_type: { type: 'string' }, seed: { type: 'string' }, include_distance: { type: 'string' }, bypass_coinflip: { type: 'string' }, types: { type: 'string' },
  },
} as const;
type LookupQuery = { signal?: string; signal_type?: string; url?: string; include_distance?: string; types?: string };

/** Hashes the one uploaded file: photos give PDQ (and the cryptographic hashes), videos their MD5. */
async function hashUpload(req: FastifyRequest): Promise<Record<string, string>> {
  if (!req.isMultipart()) throw new BadRequestError('Missing multipart/form-data file upload');
  let out: Record<string, string> | null = null;
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    if (out) throw new BadRequestError('Only one file allowed per request');
    const field = part.fieldname === 'file' ? 'photo' : part.fieldname;
    if (field !== 'photo' && field !== 'video') throw new BadRequestError(`no such content_type: '${part.fieldname}' (use photo or video)`);
    const bytes = await part.toBuffer();
    if (field === 'video') {
      const { createHash } = await import('node:crypto');
      out = { video_md5: createHash('md5').update(bytes).digest('hex') };
    } else {
      try {
        const h = await hashImage(bytes, { metadata: false });
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
  const wanted = types.split(',').map((t) => t.trim()).filter(Boolean);
  for (const t of wanted) if (!(t in SIGNAL_TYPES)) throw new BadRequestError(`signal type '${t}' doesn't exist or is disabled`);
  return Object.fromEntries(Object.entries(hashes).filter(([k]) => wanted.includes(k)));
}

export default async function hmaRoutes(app: FastifyInstance, ctx: AppContext) {
  const hma = new HmaService(ctx);
  const banks = new BankService(ctx.db);

  // ---- hashing
  app.get<{ Querystring: { url?: string } }>('/hma/h/hash', {
    config: { action: 'hma.hash' },
    schema: { tags, summary: 'HMA GET /h/hash: refused (no URL fetching)', querystring: { type: 'object', properties: { url: { type: 'string' } } } },
  }, async () => { throw new BadRequestError(NO_FETCH); });
  app.post<{ Querystring: { types?: string } }>('/hma/h/hash', {
    config: { action: 'hma.hash' },
    schema: { tags, summary: 'HMA POST /h/hash: hash one uploaded file (multipart field photo or video)', querystring: { type: 'object', properties: { types: { type: 'string' } } } },
  }, async (req) => selectTypes(await hashUpload(req), req.query.types));

  // ---- matching
  app.get<{ Querystring: LookupQuery }>('/hma/m/raw_lookup', {
    config: { action: 'hma.lookup' },
    schema: { tags, summary: 'HMA raw_lookup: bank content ids matching a signal', querystring: lookupQuery },
  }, async (req) => {
    const { signal, signal_type: st } = req.query;
    if (!signal || !st) throw new BadRequestError(`${!signal ? 'signal' : 'signal_type'} is required`);
    const matches = await hma.rawLookup(who(req), validateSignal(st, signal));
    const withDistance = ['true', '1', 'yes'].includes((req.query.include_distance ?? '').toLowerCase());
    return { matches: withDistance ? matches : matches.map((m) => m.bank_content_id) };
  });
  app.get<{ Querystring: LookupQuery }>('/hma/m/lookup', {
    config: { action: 'hma.lookup' },
    schema: { tags, summary: 'HMA lookup: matches by bank for a signal (banks and the media you may see, as ICSE_MEDIA)', querystring: lookupQuery },
  }, async (req) => {
    if (req.query.url) throw new BadRequestError(NO_FETCH);
    const { signal, signal_type: st } = req.query;
    if (!signal || !st) throw new BadRequestError(`${!signal ? 'signal' : 'signal_type'} is required`);
    return hma.lookup(who(req), validateSignal(st, signal));
  });
  app.post<{ Querystring: LookupQuery }>('/hma/m/lookup', {
    config: { action: 'hma.lookup' },
    schema: { tags, summary: 'HMA lookup of an uploaded file: {signal_type: {bank: matches}}', querystring: lookupQuery },
  }, async (req) => {
    const hashes = selectTypes(await hashUpload(req), req.query.types);
    const out: Record<string, unknown> = {};
    for (const [type, value] of Object.entries(hashes)) {
      if (type === 'pdq' || type === 'video_md5') out[type] = await hma.lookup(who(req), validateSignal(type, value));
    }
    return out;
  });
  app.post<{ Body: Record<string, unknown> }>('/hma/m/compare', {
    config: { action: 'hma.compare' },
    schema: { tags, summary: 'HMA compare: distance between pairs of hashes', body: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } },
  }, async (req) => {
    const out: Record<string, unknown> = {};
    for (const [type, pair] of Object.entries(req.body)) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new BadRequestError('Comparison hash list length must be exactly 2');
      const a = validateSignal(type, String(pair[0])), b = validateSignal(type, String(pair[1]));
      const kind = Object.keys(a)[0] as keyof typeof a;
      const d = kind === 'pdq' ? pdqDistance(a.pdq!, b.pdq!) : a[kind] === b[kind] ? 0 : 1;
      out[type] = [kind === 'pdq' ? d <= 31 : d === 0, { distance: d }];
    }
    return out;
  });
  app.get('/hma/m/index/status', { config: { action: 'hma.status' }, schema: { tags, summary: 'HMA index status by signal type' } }, async () => hma.indexStatus());

  // ---- curation
  app.get('/hma/c/banks', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA banks I may see' } }, async (req) =>
    (await banks.list(who(req))).map((b) => presentBank(b)));
  app.post<{ Body: { name: string; enabled?: boolean | string; enabled_ratio?: number; description?: string } }>('/hma/c/banks', {
    config: { action: 'hma.bank.curate' },
    schema: { tags, summary: 'HMA create a bank', body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 100 }, enabled: { anyOf: [{ type: 'boolean' }, { type: 'string' }] }, enabled_ratio: { type: 'number', minimum: 0, maximum: 1 }, description: { type: 'string', maxLength: 2000 } } } },
  }, async (req, reply) => {
    const { name, enabled, enabled_ratio: ratio, description } = req.body;
    const enabledRatio = ratio ?? (enabled === undefined ? 1 : ['true', '1', 'yes'].includes(String(enabled).toLowerCase()) ? 1 : 0);
    return reply.status(201).send(presentBank(await banks.create(who(req), { name, enabledRatio, description })));
  });
  app.get<{ Params: { name: string } }>('/hma/c/bank/:name', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA a bank', params: bankParam } }, async (req) => {
    const r = await banks.get(who(req), req.params.name);
    return presentBank(r.bank, r.entries);
  });
  app.put<{ Params: { name: string }; Body: { name?: string; enabled?: boolean; enabled_ratio?: number } }>('/hma/c/bank/:name', {
    config: { action: 'hma.bank.curate' },
    schema: { tags, summary: 'HMA update a bank', params: bankParam, body: { type: 'object', properties: { name: { type: 'string', maxLength: 100 }, enabled: { type: 'boolean' }, enabled_ratio: { type: 'number', minimum: 0, maximum: 1 } } } },
  }, async (req) => presentBank(await banks.update(who(req), req.params.name, { name: req.body.name, enabled: req.body.enabled, enabledRatio: req.body.enabled_ratio })));
  app.delete<{ Params: { name: string } }>('/hma/c/bank/:name', { config: { action: 'hma.bank.curate' }, schema: { tags, summary: 'HMA delete a bank', params: bankParam } }, async (req) => {
    await banks.remove(who(req), req.params.name);
    return { message: 'Done' };
  });
  app.post<{ Params: { name: string }; Body: Record<string, unknown> }>('/hma/c/bank/:name/signal', {
    config: { action: 'hma.bank.curate' },
    schema: { tags, summary: 'HMA add hashes to a bank: {"pdq": "…"}', params: bankParam, body: { type: 'object', additionalProperties: { type: 'string' } } },
  }, async (req) => banks.addSignals(who(req), req.params.name, req.body));
  app.post<{ Params: { name: string }; Querystring: { url?: string } }>('/hma/c/bank/:name/content', {
    config: { action: 'hma.bank.curate' },
    schema: { tags, summary: 'HMA add an uploaded file to a bank (hashed here, bytes not kept)', params: bankParam, querystring: { type: 'object', properties: { url: { type: 'string' } } } },
  }, async (req) => {
    if (req.query.url) throw new BadRequestError(NO_FETCH);
    const hashes = await hashUpload(req);
    return banks.addSignals(who(req), req.params.name, hashes.pdq ? { pdq: hashes.pdq, md5: hashes.md5!, sha1: hashes.sha1!, sha256: hashes.sha256! } : hashes);
  });
  app.get<{ Params: { name: string; id: number }; Querystring: { include_signals?: string; signal_type?: string } }>('/hma/c/bank/:name/content/:id', {
    config: { action: 'hma.bank.read' },
    schema: { tags, summary: 'HMA one bank entry', params: contentParam, querystring: { type: 'object', properties: { include_signals: { type: 'string' }, signal_type: { type: 'string' } } } },
  }, async (req) => {
    const { bank, entry } = await banks.getEntry(who(req), req.params.name, req.params.id);
    const signals = Object.fromEntries(Object.entries({ pdq: entry.pdq, md5: entry.md5, sha1: entry.sha1, sha256: entry.sha256 }).filter(([, v]) => v));
    const include = req.query.include_signals === 'true' || !!req.query.signal_type;
    return {
      id: entry.id, bank: { name: bank.name, matching_enabled_ratio: Number(bank.matching_enabled_ratio) }, enabled: entry.enabled,
      original_media_uri: null, collab_metadata: {}, ...(include ? { signals } : {}),
    };
  });
  app.delete<{ Params: { name: string; id: number } }>('/hma/c/bank/:name/content/:id', {
    config: { action: 'hma.bank.curate' }, schema: { tags, summary: 'HMA remove an entry from a bank', params: contentParam },
  }, async (req) => ({ deleted: await banks.removeEntry(who(req), req.params.name, req.params.id) }));
  app.get('/hma/c/signal_type', { config: { action: 'hma.bank.read' }, schema: { tags, summary: 'HMA signal types' } }, async () =>
    Object.keys(SIGNAL_TYPES).map((name) => ({ name, enabled_ratio: 1 })));
}
