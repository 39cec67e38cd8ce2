// Bank rules: a bank belongs to the agency that created it and follows its distribution (default: all
// member countries, since lists are received to be matched against). Only the owner changes it.
import { createHash } from 'node:crypto';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { canWrite } from '../cases/service.js';
import { isHashHex } from '../hashing/hex.js';
import { banksRepo, importsRepo, type HashBankRow, type NewBankEntry } from './repository.js';
import { HashListFormatError, parseHashList } from './hashlist.js';

export const BANK_NAME_RE = /^[A-Z0-9_]{1,100}$/;

export interface BankInput {
  name: string;
  description?: string;
  source?: string;
  enabledRatio?: number;
  distribution?: Distribution;
  sharedWith?: string[];
}

export function presentBank(b: HashBankRow, entries?: number) {
  return {
    name: b.name,
    matching_enabled_ratio: Number(b.matching_enabled_ratio),
    id: b.id,
    description: b.description,
    source: b.source,
    ownerCountry: b.owner_country,
    distribution: b.distribution,
    ...(entries !== undefined ? { entries } : {}),
  };
}

export interface ImportHashesResult {
  bank: string;
  importId: number;
  format: string;
  read: number;
  added: number;
  alreadyPresent: number;
  rejected: Array<{ line: number; message: string }>;
  notes: string[];
}

export class BankService {
  constructor(private readonly db: Db) {}

  async requireBank(trx: Trx, p: Principal, name: string): Promise<HashBankRow> {
    const b = await banksRepo.findVisibleByName(trx, p, name);
    if (!b) throw new NotFoundError(`bank '${name}'`);
    return b;
  }

  private async requireWritable(trx: Trx, p: Principal, name: string): Promise<HashBankRow> {
    const b = await this.requireBank(trx, p, name);
    if (!canWrite(p, b)) throw new ForbiddenError('only the owning agency changes this bank');
    return b;
  }

  async createIn(trx: Trx, p: Principal, input: BankInput): Promise<HashBankRow> {
    if (!BANK_NAME_RE.test(input.name)) throw new BadRequestError('bank names are 1..100 of A-Z, 0-9 and _ (HMA convention), e.g. HOTLINE_2026');
    if (await banksRepo.findByName(trx, input.name)) throw new ConflictError(`a bank named ${input.name} already exists`);
    const dist = normaliseDistribution(input.distribution ?? 'all', input.sharedWith);
    const row = await banksRepo.insert(trx, {
      name: input.name,
      description: input.description ?? '',
      source: input.source ?? '',
      matching_enabled_ratio: input.enabledRatio ?? 1,
      owner_country: p.countryCode,
      owner_agency_id: p.agencyId,
      ...dist,
      created_by: p.via === 'system' ? null : p.userId,
    });
    await recordAudit(trx, p, {
      action: 'bank.create',
      objectType: 'hash_bank',
      objectId: row.id,
      details: { name: row.name, distribution: dist.distribution },
    });
    return row;
  }

  create(p: Principal, input: BankInput) {
    return this.db.transaction().execute(async (trx) => this.createIn(trx, p, input));
  }

  list(p: Principal) {
    return this.db.transaction().execute(async (trx) => {
      const rows = await banksRepo.listVisible(trx, p);
      await recordAudit(trx, p, { action: 'bank.list', objectType: 'hash_bank', details: { count: rows.length } });
      return rows;
    });
  }

  get(p: Principal, name: string) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireBank(trx, p, name);
      const n = await banksRepo.countEntries(trx, b.id);
      await recordAudit(trx, p, { action: 'bank.read', objectType: 'hash_bank', objectId: b.id });
      return { bank: b, entries: n };
    });
  }

  update(p: Principal, name: string, patch: { name?: string; enabled?: boolean; enabledRatio?: number; description?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireWritable(trx, p, name);
      if (patch.name !== undefined && patch.name !== b.name) {
        if (!BANK_NAME_RE.test(patch.name)) throw new BadRequestError('bank names are 1..100 of A-Z, 0-9 and _');
        if (await banksRepo.findByName(trx, patch.name)) throw new ConflictError(`a bank named ${patch.name} already exists`);
      }
      const ratio = patch.enabledRatio ?? (patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0);
      const row = await banksRepo.update(trx, b.id, {
        ...(patch.name ? { name: patch.name } : {}),
        ...(ratio !== undefined ? { matching_enabled_ratio: ratio } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      });
      await recordAudit(trx, p, { action: 'bank.update', objectType: 'hash_bank', objectId: b.id, details: { fields: Object.keys(patch) } });
      return row;
    });
  }

  remove(p: Principal, name: string) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireWritable(trx, p, name);
      await banksRepo.bumpState(trx, true);
      await banksRepo.remove(trx, b.id);
      await recordAudit(trx, p, { action: 'bank.delete', objectType: 'hash_bank', objectId: b.id, details: { name: b.name } });
    });
  }

  /** Adds entries inside `trx` (the state row is locked first so entry ids commit in order; see banks.ts). */
  async addEntriesIn(trx: Trx, bank: HashBankRow, entries: NewBankEntry[]): Promise<Array<{ id: number; pdq: string | null }>> {
    await banksRepo.bumpState(trx, false);
    const added: Array<{ id: number; pdq: string | null }> = [];
    for (let i = 0; i < entries.length; i += 2000) added.push(...(await banksRepo.insertEntries(trx, bank.id, entries.slice(i, i + 2000))));
    return added;
  }

  /** HMA POST /c/bank/<name>/signal: {signal_type: value, …} → one entry. */
  addSignals(
    p: Principal,
    name: string,
    signals: Record<string, unknown>,
    metadata: Record<string, unknown> = {},
    hma: { note?: string | null; userMetadata?: Record<string, unknown> | null } = {},
  ) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireWritable(trx, p, name);
      const e: NewBankEntry = { md5: null, sha1: null, sha256: null, pdq: null, pdq_quality: null, label: String(metadata.content_id ?? ''), metadata };
      const kinds: Record<string, 'md5' | 'sha1' | 'sha256' | 'pdq'> = { pdq: 'pdq', md5: 'md5', video_md5: 'md5', sha1: 'sha1', sha256: 'sha256' };
      for (const [type, value] of Object.entries(signals)) {
        const kind = kinds[type];
        if (!kind) throw new BadRequestError(`No such signal type ${type} (known: pdq, md5, video_md5, sha1, sha256)`);
        const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
        if (!isHashHex(kind, v))
          throw new BadRequestError(`Invalid ${type} signal: expected ${kind === 'md5' ? 32 : kind === 'sha1' ? 40 : 64} hex characters`);
        e[kind] = v;
      }
      if (!e.md5 && !e.sha1 && !e.sha256 && !e.pdq) throw new BadRequestError('No signals given');
      let [added] = await this.addEntriesIn(trx, b, [e]);
      if (added && (hma.note || hma.userMetadata)) {
        await trx
          .updateTable('hash_bank_entries')
          .set({ note: hma.note ?? null, user_metadata: hma.userMetadata ? JSON.stringify(hma.userMetadata) : null })
          .where('id', '=', added.id)
          .execute();
      }
      if (!added) {
        const existing = await trx
          .selectFrom('hash_bank_entries')
          .select(['id', 'pdq'])
          .where('bank_id', '=', b.id)
          .where((eb) =>
            eb.and([
              e.md5 ? eb('md5', '=', e.md5) : eb('md5', 'is', null),
              e.sha1 ? eb('sha1', '=', e.sha1) : eb('sha1', 'is', null),
              e.sha256 ? eb('sha256', '=', e.sha256) : eb('sha256', 'is', null),
              e.pdq ? eb('pdq', '=', e.pdq) : eb('pdq', 'is', null),
            ]),
          )
          .executeTakeFirstOrThrow();
        added = existing;
      }
      await recordAudit(trx, p, { action: 'bank.entry.add', objectType: 'hash_bank', objectId: b.id, details: { entryId: added.id } });
      return { id: added.id, signals: Object.fromEntries(Object.entries({ pdq: e.pdq, md5: e.md5, sha1: e.sha1, sha256: e.sha256 }).filter(([, v]) => v)) };
    });
  }

  getEntry(p: Principal, name: string, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireBank(trx, p, name);
      const e = await banksRepo.entry(trx, b.id, id);
      if (!e) throw new NotFoundError(`content '${id}'`);
      await recordAudit(trx, p, { action: 'bank.entry.read', objectType: 'hash_bank', objectId: b.id, details: { entryId: id } });
      return { bank: b, entry: e };
    });
  }

  /** HMA PUT /c/bank/<name>/content/<id>: disable_until_ts and/or note. */
  updateEntry(p: Principal, name: string, id: number, patch: { disableUntilTs?: number; note?: string | null }) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireWritable(trx, p, name);
      const e = await banksRepo.entry(trx, b.id, id);
      if (!e) throw new NotFoundError(`content '${id}' not found`);
      const set: { disable_until_ts?: number; enabled?: boolean; note?: string | null } = {};
      if (patch.disableUntilTs !== undefined) {
        set.disable_until_ts = patch.disableUntilTs;
        set.enabled = patch.disableUntilTs === 1;
      }
      if (patch.note !== undefined) set.note = patch.note;
      if (Object.keys(set).length) await trx.updateTable('hash_bank_entries').set(set).where('id', '=', id).where('bank_id', '=', b.id).execute();
      await recordAudit(trx, p, { action: 'bank.entry.update', objectType: 'hash_bank', objectId: b.id, details: { entryId: id, ...patch } });
      return { bank: b, entry: (await banksRepo.entry(trx, b.id, id))! };
    });
  }

  removeEntry(p: Principal, name: string, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireWritable(trx, p, name);
      await banksRepo.bumpState(trx, true);
      const r = await banksRepo.removeEntry(trx, b.id, id);
      await recordAudit(trx, p, { action: 'bank.entry.delete', objectType: 'hash_bank', objectId: b.id, details: { entryId: id } });
      return Number(r.numDeletedRows);
    });
  }

  /** Imports a hash list file into a bank (created when missing and `create` is set). Bad lines are reported, never fatal. */
  importFile(
    p: Principal,
    input: { bank: string; bytes: Uint8Array; fileName: string; kind?: 'sha256' | 'pdq'; create?: boolean; source?: string },
  ): Promise<ImportHashesResult> {
    let parsed;
    try {
      parsed = parseHashList(input.bytes, { kind: input.kind });
    } catch (err) {
      if (err instanceof HashListFormatError) throw new BadRequestError(`${input.fileName}: ${err.message}`);
      throw err;
    }
    return this.db.transaction().execute(async (trx) => {
      let bank = await banksRepo.findVisibleByName(trx, p, input.bank);
      if (!bank) {
        if (!input.create) throw new NotFoundError(`bank '${input.bank}'`);
        bank = await this.createIn(trx, p, { name: input.bank, source: input.source ?? input.fileName });
      }
      if (!canWrite(p, bank)) throw new ForbiddenError('only the owning agency imports into this bank');
      const entries: NewBankEntry[] = parsed.entries.map((e) => ({
        md5: e.md5,
        sha1: e.sha1,
        sha256: e.sha256,
        pdq: e.pdq,
        pdq_quality: e.pdqQuality,
        label: e.label,
        metadata: { ...e.metadata, ...(e.line ? { line: e.line } : {}) },
      }));
      const added = await this.addEntriesIn(trx, bank, entries);
      const fileSha256 = createHash('sha256').update(input.bytes).digest('hex');
      const result = {
        bank: bank.name,
        format: parsed.format,
        read: parsed.entries.length + parsed.rejected.length,
        added: added.length,
        alreadyPresent: parsed.entries.length - added.length,
        rejected: parsed.rejected,
        notes: parsed.notes,
      };
      const imp = await importsRepo.insert(trx, {
        kind: 'hashes',
        file_name: input.fileName,
        file_sha256: fileSha256,
        case_id: null,
        seizure_id: null,
        bank_id: bank.id,
        imported: added.length,
        rejected: parsed.rejected.length,
        report: JSON.stringify(result),
        owner_country: p.countryCode,
        owner_agency_id: p.agencyId,
        distribution: 'agency',
        shared_with: [],
        created_by: p.via === 'system' ? null : p.userId,
      });
      await recordAudit(trx, p, {
        action: 'bank.import',
        objectType: 'hash_bank',
        objectId: bank.id,
        details: { importId: imp.id, file: input.fileName, fileSha256, added: added.length, rejected: parsed.rejected.length },
      });
      return { ...result, importId: imp.id };
    });
  }
}
