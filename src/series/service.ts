// Series rules: created by an agency with a generated ICSE number, visible per the owner's distribution,
// changed (and filled with media) only by the owner; counts are aggregates over the whole series.
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { canWrite } from '../cases/service.js';
import { casesRepo } from '../cases/repository.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { mediaRepo, presentMediaSummary } from '../mediainfo/repository.js';
import { seriesRepo, type SeriesFilter } from './repository.js';
import type { SeriesRow } from './tables.js';
import { sql } from 'kysely';
import { mediaPolicy } from '../policy/case-data.js';

export interface SeriesInput {
  name: string;
  description?: string;
  caseId?: number | null;
  baseline?: boolean;
  distribution?: Distribution;
  sharedWith?: string[];
}
export type SeriesPatch = Partial<SeriesInput> & { status?: 'active' | 'closed' };

export function presentSeries(s: SeriesRow) {
  return {
    id: s.id,
    number: s.number,
    name: s.name,
    description: s.description,
    status: s.status,
    caseId: s.case_id,
    baseline: s.baseline,
    ownerCountry: s.owner_country,
    ownerAgencyId: s.owner_agency_id,
    distribution: s.distribution,
    sharedWith: s.shared_with,
    createdAt: new Date(s.created_at).toISOString(),
    updatedAt: new Date(s.updated_at).toISOString(),
  };
}

/** Loads a visible series inside `trx`, or 404. */
export async function requireSeries(trx: Executor, p: Principal, id: number): Promise<SeriesRow> {
  const s = await seriesRepo.findVisible(trx, p, id);
  if (!s) throw new NotFoundError('series');
  return s;
}
export async function requireWritableSeries(trx: Executor, p: Principal, id: number): Promise<SeriesRow> {
  const s = await requireSeries(trx, p, id);
  if (!canWrite(p, s)) throw new ForbiddenError('only the owning agency changes this series');
  return s;
}

export interface AssignResult {
  assigned: number[];
  unchanged: number[];
  refused: Array<{ mediaId: number; reason: 'not_found' | 'in_other_series' | 'not_owner' }>;
}

export class SeriesService {
  constructor(private readonly db: Db) {}

  create(p: Principal, input: SeriesInput) {
    return this.db.transaction().execute(async (trx) => {
      if (input.caseId && !(await casesRepo.findVisible(trx, p, input.caseId))) throw new NotFoundError('case');
      // Series are shared knowledge: worldwide by default unless the owner restricts them.
      const dist = normaliseDistribution(input.distribution ?? 'all', input.sharedWith);
      const row = await seriesRepo.insert(trx, {
        number: await seriesRepo.nextNumber(trx, new Date().getUTCFullYear()),
        name: input.name,
        description: input.description ?? '',
        case_id: input.caseId ?? null,
        baseline: input.baseline ?? false,
        owner_country: p.countryCode,
        owner_agency_id: p.agencyId,
        ...dist,
        created_by: p.userId || null,
      });
      await recordAudit(trx, p, {
        action: 'series.create',
        objectType: 'series',
        objectId: row.id,
        details: { number: row.number, distribution: dist.distribution },
      });
      return presentSeries(row);
    });
  }

  list(p: Principal, f: Omit<SeriesFilter, 'limit'> & { limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const rows = await seriesRepo.listVisible(trx, p, { ...f, limit: f.limit ?? 50 });
      await recordAudit(trx, p, { action: 'series.list', objectType: 'series', details: { count: rows.length, ids: rows.map((r) => r.id), filter: { ...f } } });
      return { series: rows.map(presentSeries), nextAfterId: rows.length === (f.limit ?? 50) ? rows.at(-1)!.id : null };
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const s = await requireSeries(trx, p, id);
      const c = await seriesRepo.counts(trx, id);
      await recordAudit(trx, p, { action: 'series.read', objectType: 'series', objectId: id });
      return {
        ...presentSeries(s),
        counts: {
          media: c.media,
          victims: c.victims,
          victimsIdentified: c.victims_identified,
          victimsRescued: c.victims_rescued,
          offenders: c.offenders,
          offendersIdentified: c.offenders_identified,
          places: c.places,
        },
      };
    });
  }

  update(p: Principal, id: number, patch: SeriesPatch) {
    return this.db.transaction().execute(async (trx) => {
      await requireWritableSeries(trx, p, id);
      if (patch.caseId && !(await casesRepo.findVisible(trx, p, patch.caseId))) throw new NotFoundError('case');
      const dist = patch.distribution ? normaliseDistribution(patch.distribution, patch.sharedWith) : {};
      const row = await seriesRepo.update(trx, id, {
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.caseId !== undefined ? { case_id: patch.caseId } : {}),
        ...(patch.baseline !== undefined ? { baseline: patch.baseline } : {}),
        ...dist,
      });
      await recordAudit(trx, p, { action: 'series.update', objectType: 'series', objectId: id, details: { fields: Object.keys(patch) } });
      return presentSeries(row);
    });
  }

  /**
   * Puts visible media into the series. Media already in another series are refused (the other owner decides);
   * so are media the caller does not own: a series' distribution would then redact them from their owner's
   * own triage (issue 14, item 5). The policy's `media.assign` is the rule.
   */
  assignMedia(p: Principal, id: number, mediaIds: number[]) {
    return this.db.transaction().execute(async (trx): Promise<AssignResult> => {
      await requireWritableSeries(trx, p, id);
      const ids = [...new Set(mediaIds)];
      const visible = new Map((await mediaRepo.byIdsVisible(trx, p, ids)).map((m) => [m.id, m]));
      const out: AssignResult = { assigned: [], unchanged: [], refused: [] };
      for (const mid of ids) {
        const m = visible.get(mid);
        if (!m) out.refused.push({ mediaId: mid, reason: 'not_found' });
        else if (m.series_id === id) out.unchanged.push(mid);
        else if (m.series_id != null) out.refused.push({ mediaId: mid, reason: 'in_other_series' });
        else if (!mediaPolicy.can!(p, 'assign', m)) out.refused.push({ mediaId: mid, reason: 'not_owner' });
        else out.assigned.push(mid);
      }
      if (out.assigned.length) await mediaRepo.setSeries(trx, out.assigned, id);
      await recordAudit(trx, p, { action: 'series.media.assign', objectType: 'series', objectId: id, details: { ...out } });
      return out;
    });
  }

  unassignMedia(p: Principal, id: number, mediaId: number) {
    return this.db.transaction().execute(async (trx) => {
      await requireWritableSeries(trx, p, id);
      const r = await sql`UPDATE media SET series_id = NULL WHERE id = ${mediaId} AND series_id = ${id}`.execute(trx);
      if (!Number(r.numAffectedRows ?? 0)) throw new NotFoundError('media in this series');
      await recordAudit(trx, p, { action: 'series.media.unassign', objectType: 'series', objectId: id, details: { mediaId } });
      return { removed: mediaId };
    });
  }

  listMedia(p: Principal, id: number, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      await requireSeries(trx, p, id);
      const limit = opts.limit ?? 100;
      const rows = await mediaRepo.listVisible(trx, p, sql`m.series_id = ${id}`, { afterId: opts.afterId, limit });
      await recordAudit(trx, p, {
        action: 'series.media.list',
        objectType: 'series',
        objectId: id,
        details: { count: rows.length, afterId: opts.afterId ?? null },
      });
      return { media: rows.map(presentMediaSummary), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }
}
