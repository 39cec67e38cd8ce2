// Hash banks: named lists received from hotlines, industry or other databases, kept apart from contributed
// material. `lookupBanks` is what triage and the HMA API call: exact MD5/SHA-1/SHA-256 matches come from SQL
// indexes, PDQ near matches from one in-memory PDQ index per process (the matching library's PdqIndex, the
// same as the media index), built at start and caught up from the hash_bank_state version row on every
// lookup (so imports by the CLI or another process are seen).
import type { AppContext } from '../context.js';
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { canSee } from '../access/visibility.js';
import { banksRepo, type HashBankRow } from './repository.js';
import { PdqIndex, type Match } from '../matching/pdq-index.js';
import { settled } from '../shared/failures.js';

/** HMA's default PDQ match threshold. */
import { PDQ_MATCH_THRESHOLD } from '../matching/code.js';
export { PDQ_MATCH_THRESHOLD };

export interface BankLookupHashes {
  md5?: string | null;
  sha1?: string | null;
  sha256?: string | null;
  pdq?: string | null;
}
export interface BankMatch {
  bank: string;
  bankId: number;
  entryId: number;
  /** 0 for exact MD5/SHA-1/SHA-256 matches; the PDQ Hamming distance otherwise. */
  distance: number;
  matchedOn: 'md5' | 'sha1' | 'sha256' | 'pdq';
}

export class BankPdqIndex {
  /** Entry id -> its PDQ (one hash per entry). */
  index = new PdqIndex();
  entryBank = new Map<number, number>();
  lastId = 0;
  version = -1;
  rebuildVersion = -1;
  private syncing: Promise<void> | null = null;

  /** Brings the index up to date with the database (reads through `db`, the caller's transaction). */
  async sync(db: Executor): Promise<void> {
    while (this.syncing) await settled(this.syncing); // its failure is its own caller's
    const run = this.doSync(db);
    this.syncing = run;
    try {
      await run;
    } finally {
      this.syncing = null;
    }
  }

  private async doSync(db: Executor): Promise<void> {
    const st = await banksRepo.state(db);
    const version = Number(st.version),
      rebuild = Number(st.rebuild_version);
    if (version === this.version && rebuild === this.rebuildVersion) return;
    if (rebuild !== this.rebuildVersion) {
      this.index = new PdqIndex();
      this.entryBank.clear();
      this.lastId = 0;
    }
    for (;;) {
      const page = await banksRepo.pdqPage(db, this.lastId, 10_000);
      for (const e of page) {
        this.index.add(e.id, e.pdq);
        this.entryBank.set(e.id, e.bank_id);
        this.lastId = e.id;
      }
      if (page.length < 10_000) break;
    }
    this.version = version;
    this.rebuildVersion = rebuild;
  }

  remove(entryId: number): void {
    this.index.remove(entryId);
    this.entryBank.delete(entryId);
  }

  /** Entries within `maxDistance` (clamped to 0..256) of `pdq`, nearest first (ties by id). */
  search(pdq: string, maxDistance: number): Match[] {
    return this.index.query(pdq, Math.max(0, Math.min(256, Math.floor(maxDistance))));
  }
}

/** The process's bank PDQ index for this database (built once in src/services.ts). */
export function bankIndex(ctx: Pick<AppContext, 'services'>): BankPdqIndex {
  return ctx.services.bankIndex;
}

export interface LookupOptions {
  /** Only banks this principal may see (omit for a system-wide lookup). */
  principal?: Principal;
  /** PDQ distance threshold (default 31). */
  pdqThreshold?: number;
  /** Include banks whose matching_enabled_ratio is 0 and disabled entries (HMA raw_lookup). */
  includeDisabled?: boolean;
  /** Only these bank names (HMA `banks=`). */
  banks?: ReadonlySet<string>;
}

/**
 * Bank entries matching the hashes of one item: exact on MD5/SHA-1/SHA-256/PDQ, near on PDQ.
 * One answer per entry (the best way it matched), nearest first. Call inside your transaction.
 */
export async function lookupBanks(ctx: Pick<AppContext, 'services'>, trx: Executor, hashes: BankLookupHashes, opts: LookupOptions = {}): Promise<BankMatch[]> {
  const norm = (v: string | null | undefined) => (v ? v.trim().toLowerCase() : null);
  const h = { md5: norm(hashes.md5), sha1: norm(hashes.sha1), sha256: norm(hashes.sha256), pdq: norm(hashes.pdq) };
  const banks = new Map<number, HashBankRow>();
  for (const b of await trx.selectFrom('hash_banks').selectAll().execute()) {
    if (opts.principal && !canSee(opts.principal, b)) continue;
    if (!opts.includeDisabled && Number(b.matching_enabled_ratio) <= 0) continue;
    if (opts.banks && !opts.banks.has(b.name)) continue;
    banks.set(b.id, b);
  }
  if (!banks.size) return [];
  const best = new Map<number, BankMatch>();
  const offer = (m: BankMatch) => {
    const prev = best.get(m.entryId);
    if (!prev || m.distance < prev.distance) best.set(m.entryId, m);
  };
  const exact = await banksRepo.exactMatches(trx, h);
  if (exact.length) {
    const rows = await banksRepo.entriesByIds(
      trx,
      exact.map((e) => e.id),
    );
    for (const e of rows) {
      const bank = banks.get(e.bank_id);
      if (!bank) continue;
      const matchedOn = h.sha256 && e.sha256 === h.sha256 ? 'sha256' : h.md5 && e.md5 === h.md5 ? 'md5' : h.sha1 && e.sha1 === h.sha1 ? 'sha1' : 'pdq';
      offer({ bank: bank.name, bankId: bank.id, entryId: e.id, distance: 0, matchedOn });
    }
  }
  if (h.pdq && /^[0-9a-f]{64}$/.test(h.pdq)) {
    const idx = bankIndex(ctx);
    await idx.sync(trx);
    for (const hit of idx.search(h.pdq, opts.pdqThreshold ?? PDQ_MATCH_THRESHOLD)) {
      const bank = banks.get(idx.entryBank.get(hit.id) ?? -1);
      if (bank) offer({ bank: bank.name, bankId: bank.id, entryId: hit.id, distance: hit.distance, matchedOn: 'pdq' });
    }
  }
  if (!opts.includeDisabled && best.size) {
    const active = await banksRepo.activeIds(trx, [...best.keys()]);
    for (const id of [...best.keys()]) if (!active.has(id)) best.delete(id);
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
}
