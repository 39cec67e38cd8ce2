// Case rules: created by an agency, visible per the owner's distribution, changed only by the owner.
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { casesRepo, type CaseRow } from './repository.js';
import { casePolicy, owns } from '../policy/case-data.js';
import { actionsOn } from '../policy/define.js';

/** What a reader may be offered on a case (`actions` in answers): change it, open a consultation on it. */
const CASE_VERBS = ['update', 'consult'] as const;

export interface CaseInput {
  reference: string;
  title: string;
  description?: string;
  distribution?: Distribution;
  sharedWith?: string[];
}

/** The owning agency writes; its country's NCB officer may too (the NCB is responsible for national data). */
export function canWrite(p: Principal, row: { owner_agency_id: number; owner_country: string }): boolean {
  return owns(p, row);
}

export function presentCase(c: CaseRow) {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    description: c.description,
    status: c.status,
    ownerCountry: c.owner_country,
    ownerAgencyId: c.owner_agency_id,
    distribution: c.distribution,
    sharedWith: c.shared_with,
    createdAt: new Date(c.created_at).toISOString(),
    updatedAt: new Date(c.updated_at).toISOString(),
  };
}

export class CaseService {
  constructor(private readonly db: Db) {}

  list(p: Principal, opts: { afterId?: number; limit?: number; status?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const rows = await casesRepo.listVisible(trx, p, { ...opts, limit: opts.limit ?? 50 });
      await recordAudit(trx, p, { action: 'case.list', objectType: 'case', details: { count: rows.length, ids: rows.map((r) => r.id) } });
      return rows.map((r) => ({ ...presentCase(r), actions: actionsOn(casePolicy, p, r, CASE_VERBS) }));
    });
  }

  /** Loads a visible case inside `trx`, or 404. */
  async requireVisible(trx: Executor, p: Principal, id: number): Promise<CaseRow> {
    const row = await casesRepo.findVisible(trx, p, id);
    if (!row) throw new NotFoundError('case');
    return row;
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      await recordAudit(trx, p, { action: 'case.read', objectType: 'case', objectId: id });
      return { ...presentCase(row), actions: actionsOn(casePolicy, p, row, CASE_VERBS) };
    });
  }

  create(p: Principal, input: CaseInput) {
    return this.db.transaction().execute(async (trx) => {
      if (await casesRepo.findByReference(trx, p.agencyId, input.reference)) throw new ConflictError(`your agency already has a case ${input.reference}`);
      const dist = normaliseDistribution(input.distribution, input.sharedWith);
      const row = await casesRepo.insert(trx, {
        reference: input.reference,
        title: input.title,
        description: input.description ?? '',
        owner_country: p.countryCode,
        owner_agency_id: p.agencyId,
        ...dist,
        created_by: p.userId,
      });
      await recordAudit(trx, p, {
        action: 'case.create',
        objectType: 'case',
        objectId: row.id,
        details: { reference: input.reference, distribution: dist.distribution },
      });
      return { ...presentCase(row), actions: actionsOn(casePolicy, p, row, CASE_VERBS) };
    });
  }

  update(p: Principal, id: number, patch: Partial<CaseInput> & { status?: 'open' | 'closed' }) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      if (!canWrite(p, row)) throw new ForbiddenError('only the owning agency changes this case');
      const dist = patch.distribution ? normaliseDistribution(patch.distribution, patch.sharedWith) : {};
      const updated = await casesRepo.update(trx, id, {
        ...(patch.title ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        ...dist,
      });
      await recordAudit(trx, p, { action: 'case.update', objectType: 'case', objectId: id, details: { fields: Object.keys(patch) } });
      return { ...presentCase(updated), actions: actionsOn(casePolicy, p, updated, CASE_VERBS) };
    });
  }
}
