// Seizure rules: a seizure belongs to a case the uploader's agency may write to; it is owned by the
// uploader's agency and visible per its distribution. Reads and writes are audited in their transaction.
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { CaseService, canWrite } from '../cases/service.js';
import { seizuresRepo, type ItemCounts } from './repository.js';
import type { SeizureRow } from './tables.js';

export interface SeizureInput {
  label: string;
  description?: string;
  hashOnly?: boolean;
  distribution?: Distribution;
  sharedWith?: string[];
}

export function presentSeizure(s: SeizureRow, counts?: ItemCounts) {
  const c = counts ?? { total: 0, pending: 0, processing: 0, done: 0, error: 0, known_exact: 0, known_near: 0, new: 0, duplicates: 0 };
  const finished = c.done + c.error;
  return {
    id: s.id,
    caseId: s.case_id,
    label: s.label,
    description: s.description,
    status: s.status,
    hashOnly: s.hash_only,
    ownerCountry: s.owner_country,
    ownerAgencyId: s.owner_agency_id,
    distribution: s.distribution,
    sharedWith: s.shared_with,
    createdAt: new Date(s.created_at).toISOString(),
    completedAt: s.completed_at ? new Date(s.completed_at).toISOString() : null,
    counts: {
      items: c.total,
      pending: c.pending,
      processing: c.processing,
      done: c.done,
      error: c.error,
      knownExact: c.known_exact,
      knownNear: c.known_near,
      new: c.new,
      duplicates: c.duplicates,
    },
    progress: c.total ? Math.round((finished / c.total) * 1000) / 10 : s.status === 'complete' ? 100 : 0,
  };
}

export class SeizureService {
  private readonly cases: CaseService;
  constructor(
    private readonly db: Db,
    cases: CaseService,
  ) {
    this.cases = cases;
  }

  async requireVisible(trx: Executor, p: Principal, id: number): Promise<SeizureRow> {
    const row = await seizuresRepo.findVisible(trx, p, id);
    if (!row) throw new NotFoundError('seizure');
    return row;
  }

  /** Only the owning agency (or its country's NCB) adds material to a seizure. */
  async requireWritable(trx: Executor, p: Principal, id: number): Promise<SeizureRow> {
    const row = await this.requireVisible(trx, p, id);
    if (!canWrite(p, row)) throw new ForbiddenError('only the agency that owns this seizure adds material to it');
    return row;
  }

  create(p: Principal, caseId: number, input: SeizureInput) {
    return this.db.transaction().execute(async (trx) => {
      const kase = await this.cases.requireVisible(trx, p, caseId);
      if (!canWrite(p, kase)) throw new ForbiddenError('only the agency that owns this case adds seizures to it');
      const dist = normaliseDistribution(input.distribution ?? kase.distribution, input.sharedWith ?? kase.shared_with);
      const row = await seizuresRepo.insert(trx, {
        case_id: caseId,
        label: input.label,
        description: input.description ?? '',
        hash_only: input.hashOnly ?? false,
        owner_country: p.countryCode,
        owner_agency_id: p.agencyId,
        ...dist,
        created_by: p.userId,
      });
      await recordAudit(trx, p, {
        action: 'seizure.create',
        objectType: 'seizure',
        objectId: row.id,
        details: { caseId, label: input.label, hashOnly: row.hash_only },
      });
      return presentSeizure(row);
    });
  }

  list(p: Principal, caseId: number, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      await this.cases.requireVisible(trx, p, caseId);
      const rows = await seizuresRepo.listForCase(trx, p, caseId, { afterId: opts.afterId, limit: opts.limit ?? 50 });
      const counts = await seizuresRepo.counts(
        trx,
        rows.map((r) => r.id),
      );
      await recordAudit(trx, p, { action: 'seizure.list', objectType: 'case', objectId: caseId, details: { ids: rows.map((r) => r.id) } });
      return rows.map((r) => presentSeizure(r, counts.get(r.id)));
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      const counts = await seizuresRepo.counts(trx, [id]);
      await recordAudit(trx, p, { action: 'seizure.read', objectType: 'seizure', objectId: id });
      return presentSeizure(row, counts.get(id));
    });
  }
}
