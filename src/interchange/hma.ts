// HMA (Meta's Hasher-Matcher-Actioner, OpenMediaMatch) compatible matching: the same request and answer
// shapes, answered from the hash banks AND from the media the caller may see (under the reserved bank
// name ICSE_MEDIA, with content ids MEDIA_CONTENT_ID_BASE + media id so they never collide with bank
// content ids). See docs/hma.md for the mapping.
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import { allowedIds, visibleTo } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError } from '../shared/errors.js';
import { isHashHex } from '../hashing/hex.js';
import { mediaPdqNear } from '../search/repository.js';
import { lookupBanks, PDQ_MATCH_THRESHOLD, type BankLookupHashes } from './banks.js';
import { entryActive, visibleMediaByHashes } from './repository.js';

export const MEDIA_BANK = 'ICSE_MEDIA';
/** ICSE_MEDIA content ids: 10^12 + media id (bank content ids are serials far below; still exact in a double). */
export const MEDIA_CONTENT_ID_BASE = 1_000_000_000_000;
export const mediaContentId = (mediaId: number) => MEDIA_CONTENT_ID_BASE + mediaId;

/** HMA `banks=a,b` (comma-separated names); undefined when absent or empty. */
export function parseBanksParam(v: string | undefined): Set<string> | undefined {
  const names = (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? new Set(names) : undefined;
}
/** HMA signal type names, plus the cryptographic hashes this database also keys on. */
export const SIGNAL_TYPES = { pdq: 'pdq', video_md5: 'md5', md5: 'md5', sha1: 'sha1', sha256: 'sha256' } as const;
export type SignalTypeName = keyof typeof SIGNAL_TYPES;

export interface HmaMatch {
  bank_content_id: number;
  distance: string;
}
export type MatchByBank = Record<string, HmaMatch[]>;

/** Validates `signal` for `signal_type` the way HMA answers it (400 with a message). */
export function validateSignal(signalType: string, signal: string): BankLookupHashes {
  const kind = (SIGNAL_TYPES as Record<string, 'pdq' | 'md5' | 'sha1' | 'sha256'>)[signalType];
  if (!kind) throw new BadRequestError(`No such SignalType '${signalType}'`);
  const v = signal.trim().toLowerCase();
  if (!isHashHex(kind, v))
    throw new BadRequestError(`invalid signal: a ${signalType} signal is ${kind === 'md5' ? 32 : kind === 'sha1' ? 40 : 64} hex characters`);
  return { [kind]: v };
}

type Matcher = { near(hashes: string[], threshold?: number): Promise<Array<{ mediaId: number; distance: number }>> };

/** Media near a PDQ hash from the live index; null without one (the caller then asks SQL). Runs before the caller's transaction (the live index may load through ctx.db). */
export async function mediaNearCandidates(ctx: AppContext, pdq: string, threshold: number): Promise<Array<{ id: number; distance: number }> | null> {
  const matcher = (ctx as unknown as { matcher?: Matcher }).matcher;
  if (matcher && typeof matcher.near === 'function') {
    return (await matcher.near([pdq], threshold)).map((h) => ({ id: h.mediaId, distance: h.distance }));
  }
  return null;
}

export class HmaService {
  constructor(private readonly ctx: AppContext) {}

  /** Bank and media matches of one signal, grouped by bank name. */
  async lookup(
    p: Principal,
    hashes: BankLookupHashes,
    opts: { includeDisabled?: boolean; threshold?: number; banks?: ReadonlySet<string> } = {},
  ): Promise<MatchByBank> {
    const threshold = opts.threshold ?? PDQ_MATCH_THRESHOLD;
    const withMedia = !opts.banks || opts.banks.has(MEDIA_BANK);
    const near = hashes.pdq && withMedia ? await mediaNearCandidates(this.ctx, hashes.pdq, threshold) : null;
    return this.ctx.db.transaction().execute(async (trx) => {
      const out: MatchByBank = {};
      for (const m of await lookupBanks(this.ctx, trx, hashes, {
        principal: p,
        includeDisabled: opts.includeDisabled,
        pdqThreshold: threshold,
        ...(opts.banks ? { banks: opts.banks } : {}),
      })) {
        (out[m.bank] ??= []).push({ bank_content_id: m.entryId, distance: String(m.distance) });
      }
      const media = new Map<number, number>();
      if (withMedia) for (const r of await visibleMediaByHashes(trx, p, hashes)) media.set(r.id, 0);
      if (hashes.pdq && withMedia) {
        const pdq = hashes.pdq;
        // Without a live index, the SQL chunk index (complete up to distance 15).
        const candidates = near ?? (await mediaPdqNear(trx, pdq, threshold, visibleTo(p, 'm'))).hits.map((h) => ({ id: h.mediaId, distance: h.distance }));
        const allowed = await allowedIds(
          trx,
          'media',
          p,
          candidates.map((c) => c.id),
        );
        for (const c of candidates) if (c.distance <= threshold && allowed.has(c.id) && !media.has(c.id)) media.set(c.id, c.distance);
      }
      if (media.size)
        out[MEDIA_BANK] = [...media]
          .sort((a, b) => a[1] - b[1] || a[0] - b[0])
          .map(([id, d]) => ({ bank_content_id: mediaContentId(id), distance: String(d) }));
      await recordAudit(trx, p, {
        action: 'hma.lookup',
        objectType: 'media',
        details: { hashes: Object.keys(hashes), banks: Object.keys(out), mediaIds: [...media.keys()].slice(0, 100) },
      });
      return out;
    });
  }

  /** Bank entry ids only (HMA raw_lookup reads the raw index, enabled or not). */
  async rawLookup(p: Principal, hashes: BankLookupHashes, banks?: ReadonlySet<string>): Promise<Array<{ bank_content_id: number; distance: string }>> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const matches = await lookupBanks(this.ctx, trx, hashes, { principal: p, includeDisabled: true, ...(banks ? { banks } : {}) });
      await recordAudit(trx, p, { action: 'hma.raw_lookup', objectType: 'hash_bank', details: { hashes: Object.keys(hashes), matches: matches.length } });
      return matches.map((m) => ({ bank_content_id: m.entryId, distance: String(m.distance) }));
    });
  }

  async indexStatus() {
    const r = await sql<{ pdq: number; md5: number; sha1: number; sha256: number; newest: Date | null }>`
      SELECT count(pdq)::int AS pdq, count(md5)::int AS md5, count(sha1)::int AS sha1, count(sha256)::int AS sha256, max(created_at) AS newest
      FROM hash_bank_entries WHERE ${entryActive}`.execute(this.ctx.db);
    const row = r.rows[0]!;
    const builtTo = row.newest ? Math.floor(new Date(row.newest).getTime() / 1000) : -1;
    const status = (n: number) => ({ present: n > 0, built_to: n > 0 ? builtTo : -1, size: n });
    return { pdq: status(row.pdq), video_md5: status(row.md5), md5: status(row.md5), sha1: status(row.sha1), sha256: status(row.sha256) };
  }

  /** HMA GET /c/signal_type/index: per signal type, entries in the database vs in the index (ICSE's index is caught up on every lookup). */
  async signalTypeIndex(only?: string) {
    if (only !== undefined && !(only in SIGNAL_TYPES)) throw new BadRequestError(`No such signal type '${only}'`);
    const r = await sql<{ pdq: number; md5: number; sha1: number; sha256: number; newest: Date | null }>`
      SELECT count(pdq)::int AS pdq, count(md5)::int AS md5, count(sha1)::int AS sha1, count(sha256)::int AS sha256, max(created_at) AS newest
      FROM hash_bank_entries`.execute(this.ctx.db);
    const row = r.rows[0]!;
    const newest = row.newest ? Math.floor(new Date(row.newest).getTime() / 1000) : -1;
    const one = (n: number) => ({ db_size: n, index_size: n, index_out_of_date: false, newest_db_item: newest, index_built_to: newest });
    const all = { pdq: one(row.pdq), video_md5: one(row.md5), md5: one(row.md5), sha1: one(row.sha1), sha256: one(row.sha256) };
    return only ? { [only]: all[only as keyof typeof all] } : all;
  }
}
