// Retention review (police data-protection rules): case data is kept until its retention date — at most 99 years
// after the case was opened, shorter where the owning country sets so — and its review falls due 6 months
// before that date. Data protection officers (the hub's for every country, a national one for its own) and NCB
// officers (their country) list what is due; the owning agency or its country's NCB sets a new date with a
// justification. Every list, read and review is audited; every review is kept.
import { oversightCountry } from '../policy/who.js';
import type { Db } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError, ForbiddenError, NotFoundError, found } from '../shared/errors.js';
import { retentionRepo, type RetentionCase } from './repository.js';
import { addDays, isoDate, today } from '../shared/dates.js';

export const MAX_RETENTION_YEARS = 99;
export const REVIEW_BEFORE_DAYS = 183;

/** The latest date a case opened at `created` may be kept. */
export function maxRetention(created: Date): string {
  const d = new Date(created);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_RETENTION_YEARS);
  return isoDate(d);
}

type RetentionState = 'expired' | 'review_due' | 'retained';

function present(c: RetentionCase) {
  const reviewDue = addDays(c.retention_until, -REVIEW_BEFORE_DAYS);
  const now = today();
  const state: RetentionState = c.retention_until < now ? 'expired' : reviewDue <= now ? 'review_due' : 'retained';
  return {
    caseId: c.id,
    reference: c.reference,
    title: c.title,
    status: c.status,
    ownerCountry: c.owner_country,
    ownerAgencyId: c.owner_agency_id,
    openedAt: new Date(c.created_at).toISOString(),
    retentionUntil: c.retention_until,
    reviewDue,
    maxRetentionUntil: maxRetention(c.created_at),
    state,
    lastReviewAt: c.last_review_at ? new Date(c.last_review_at).toISOString() : null,
  };
}

/** Whose retention the principal oversees: every country (the hub's DPO), one country, or none. */
function scope(p: Principal): { country: string | null } | null {
  if (p.role === 'dpo') return { country: oversightCountry(p) }; // the hub DPO: every country; a national DPO: its own
  if (p.role === 'ncb_officer') return { country: p.countryCode };
  return null;
}

function canReview(p: Principal, c: RetentionCase): boolean {
  if (p.role === 'ncb_officer') return c.owner_country === p.countryCode;
  return (p.role === 'investigator' || p.role === 'analyst') && c.owner_agency_id === p.agencyId;
}

export class RetentionService {
  constructor(private readonly db: Db) {}

  /** Cases whose review is due within `withinDays` from today (0: due now), expired ones first. */
  due(p: Principal, q: { withinDays?: number; afterId?: number; limit?: number }) {
    const s = scope(p);
    if (!s) throw new ForbiddenError('retention reviews are listed for data protection officers and NCB officers');
    return this.db.transaction().execute(async (trx) => {
      const until = addDays(today(), (q.withinDays ?? 0) + REVIEW_BEFORE_DAYS);
      const rows = await retentionRepo.due(trx, until, s.country, q.afterId ?? null, q.limit ?? 100);
      await recordAudit(trx, p, {
        action: 'retention.due',
        objectType: 'case',
        details: { count: rows.length, ids: rows.map((r) => r.id), withinDays: q.withinDays ?? 0 },
      });
      return { cases: rows.map(present) };
    });
  }

  get(p: Principal, caseId: number) {
    return this.db.transaction().execute(async (trx) => {
      const c = found(await retentionRepo.find(trx, caseId), 'case');
      const s = scope(p);
      const oversees = s && (s.country === null || s.country === c.owner_country);
      if (!oversees && c.owner_agency_id !== p.agencyId) throw new NotFoundError('case');
      const reviews = await retentionRepo.reviews(trx, caseId);
      await recordAudit(trx, p, { action: 'retention.read', objectType: 'case', objectId: caseId });
      return {
        ...present(c),
        reviews: reviews.map((r) => ({
          at: new Date(r.created_at).toISOString(),
          reviewerId: r.reviewer_id,
          reviewerCountry: r.reviewer_country,
          previousUntil: r.previous_until,
          newUntil: r.new_until,
          justification: r.justification,
        })),
      };
    });
  }

  /** The owning agency or its NCB sets the date the case is kept until, and says why. */
  review(p: Principal, caseId: number, input: { until: string; justification: string }) {
    return this.db.transaction().execute(async (trx) => {
      const c = found(await retentionRepo.find(trx, caseId), 'case');
      if (!canReview(p, c)) {
        if (c.owner_agency_id !== p.agencyId && c.owner_country !== p.countryCode) throw new NotFoundError('case');
        throw new ForbiddenError("the owning agency or its country's NCB reviews the retention of a case");
      }
      if (Number.isNaN(Date.parse(`${input.until}T00:00:00Z`)) || isoDate(new Date(`${input.until}T00:00:00Z`)) !== input.until)
        throw new BadRequestError(`${input.until} is not a date`);
      if (input.until <= today()) throw new BadRequestError('the new retention date must be in the future');
      const max = maxRetention(c.created_at);
      if (input.until > max) throw new BadRequestError(`a case is kept at most ${MAX_RETENTION_YEARS} years: ${max} for this one`, { maxRetentionUntil: max });
      await retentionRepo.setUntil(trx, caseId, input.until);
      await retentionRepo.addReview(trx, {
        case_id: caseId,
        reviewer_id: p.userId,
        reviewer_country: p.countryCode,
        previous_until: c.retention_until,
        new_until: input.until,
        justification: input.justification,
      });
      await recordAudit(trx, p, {
        action: 'retention.review',
        objectType: 'case',
        objectId: caseId,
        details: { previousUntil: c.retention_until, newUntil: input.until },
      });
      return present({ ...c, retention_until: input.until, last_review_at: new Date() });
    });
  }
}
