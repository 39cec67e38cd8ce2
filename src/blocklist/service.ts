// Block list rules ("worst of" list, IWOL). Nothing here touches the network: domains are never fetched or
// resolved, only normalised (domain.ts) and attested by people who saw the material in their own cases.
//   - An investigator or analyst of a member country proposes a domain and attests both criteria (real
//     children apparently under 13, severe abuse): the proposal is the first verification.
//   - It becomes active only when an agency of ANOTHER country confirms both criteria; a second agency of
//     the same country is recorded but does not activate it; an agency verifies an entry once.
//   - The hub (General Secretariat) does not count as one of the two countries: it reviews and distributes.
//   - Active entries are due for review REVIEW_DAYS after activation; any re-verification (hub analysts
//     included) moves the date to REVIEW_DAYS after it. The hub lists what is due.
//   - The hub or an agency that verified an entry removes it with a reason (content gone). Removed entries stay
//     as history; the domain may be proposed again as a new entry that needs two countries again.
//   - NCB officers and the hub download the active list (plain text or CSV) for access providers.
// Every read and change is audited in its transaction; the hub hears of proposals, the proposer's agency of
// activation and of removal by someone else.
import { actionsOn } from '../policy/define.js';
import { blocklistPolicy } from '../policy/services.js';
import { isHubStaff, isNcbOfficer } from '../policy/who.js';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { normaliseDomain } from './domain.js';
import { blocklistRepo, type EntryFilter } from './repository.js';
import type { BlocklistEntryRow, BlocklistVerificationRow } from './tables.js';
import { addDays, isoDate, isoTime as iso } from '../shared/dates.js';
import { csvField } from '../interchange/csv.js';

export const REVIEW_DAYS = 90;
export const DOWNLOAD_FORMATS = ['txt', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export interface Criteria {
  childrenUnder13: boolean;
  severeAbuse: boolean;
}
export interface ProposalInput {
  domain: string;
  criteria: Criteria;
  note?: string;
}
export interface VerificationInput {
  criteria: Criteria;
  note?: string;
}

/** `p` given: the answer carries the caller's actions (verify, remove) from the policy. */
function present(e: BlocklistEntryRow, vs: BlocklistVerificationRow[], p?: Principal) {
  const mine = vs.filter((v) => v.entry_id === e.id);
  const actions = p
    ? actionsOn(
        blocklistPolicy,
        p,
        {
          status: e.status,
          verifier_agencies: mine.map((v) => v.agency_id),
          confirming_agencies: mine.filter((v) => v.kind !== 'review').map((v) => v.agency_id),
        },
        ['verify', 'remove'] as const,
      )
    : undefined;
  const countries = [...new Set(mine.filter((v) => v.kind !== 'review').map((v) => v.country_code))];
  return {
    ...(actions ? { actions } : {}),
    id: e.id,
    domain: e.domain,
    status: e.status,
    proposerCountry: e.proposer_country,
    proposerAgencyId: e.proposer_agency_id,
    note: e.note,
    verifyingCountries: countries,
    awaiting: e.status === 'pending' ? `confirmation by an agency of a country other than ${e.proposer_country}` : null,
    activatedAt: iso(e.activated_at),
    reviewDue: e.review_due,
    lastVerifiedAt: iso(e.last_verified_at),
    removedAt: iso(e.removed_at),
    removalReason: e.removal_reason,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
    verifications: mine.map((v) => ({
      id: v.id,
      kind: v.kind,
      countryCode: v.country_code,
      agencyId: v.agency_id,
      childrenUnder13: v.children_under_13,
      severeAbuse: v.severe_abuse,
      note: v.note,
      at: iso(v.created_at),
    })),
  };
}
export type BlocklistEntry = ReturnType<typeof present>;

export class BlocklistService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private requireVerifierRole(p: Principal) {
    if (p.role !== 'investigator' && p.role !== 'analyst')
      throw new ForbiddenError('block list entries are proposed and verified by investigators and analysts');
  }

  private requireCriteria(c: Criteria) {
    if (c.childrenUnder13 !== true || c.severeAbuse !== true) {
      throw new BadRequestError('a verification attests both criteria: real children apparently under 13 and severe abuse', { criteria: c });
    }
  }

  private async load(trx: Trx, id: number, lock = false) {
    if (lock) await blocklistRepo.lock(trx, id);
    const row = await blocklistRepo.find(trx, id);
    if (!row) throw new NotFoundError('block list entry');
    return { row, vs: await blocklistRepo.verifications(trx, [id]) };
  }

  propose(p: Principal, input: ProposalInput) {
    this.requireVerifierRole(p);
    if (p.isHub) throw new ForbiddenError("the two verifications come from member countries' agencies; the hub reviews and distributes the list");
    const domain = normaliseDomain(input.domain);
    this.requireCriteria(input.criteria);
    return this.db.transaction().execute(async (trx) => {
      const id = await blocklistRepo.insert(trx, {
        domain,
        proposer_country: p.countryCode,
        proposer_agency_id: p.agencyId,
        proposed_by: p.userId,
        note: input.note ?? '',
      });
      if (!id) {
        const live = await blocklistRepo.liveByDomain(trx, domain);
        throw new ConflictError(`${domain} is already on the list (${live?.status ?? 'pending'}, entry ${live?.id}): verify that entry instead`, {
          entryId: live?.id,
          status: live?.status,
        });
      }
      await blocklistRepo.addVerification(trx, {
        entry_id: id,
        kind: 'proposal',
        user_id: p.userId,
        country_code: p.countryCode,
        agency_id: p.agencyId,
        children_under_13: true,
        severe_abuse: true,
        note: input.note ?? '',
      });
      const history = await blocklistRepo.removedByDomain(trx, domain);
      for (const hub of await blocklistRepo.hubCountries(trx)) {
        await notify(trx, {
          to: { country: hub.code },
          kind: 'blocklist.proposed',
          title: `Block list: ${domain} proposed by ${p.countryCode}`,
          link: `/blocklist/${id}`,
          data: { entryId: id, domain },
        });
      }
      await recordAudit(trx, p, {
        action: 'blocklist.propose',
        objectType: 'blocklist_entry',
        objectId: id,
        details: { domain, ...(input.domain !== domain ? { input: input.domain.slice(0, 500) } : {}), previouslyRemoved: history.map((h) => h.id) },
      });
      const { row, vs } = await this.load(trx, id);
      return { ...present(row, vs), previouslyRemoved: history.map((h) => ({ id: h.id, removedAt: iso(h.removed_at), reason: h.removal_reason })) };
    });
  }

  /** A confirmation of a pending entry (activates it with a second country) or a re-verification of an active one. */
  verify(p: Principal, id: number, input: VerificationInput) {
    this.requireVerifierRole(p);
    this.requireCriteria(input.criteria);
    return this.db.transaction().execute(async (trx) => {
      const { row, vs } = await this.load(trx, id, true);
      if (row.status === 'removed') throw new ConflictError('a removed entry is history: propose the domain again for new verifications');
      const now = this.clock();
      const base = {
        entry_id: id,
        user_id: p.userId,
        country_code: p.countryCode,
        agency_id: p.agencyId,
        children_under_13: true,
        severe_abuse: true,
        note: input.note ?? '',
      };
      if (row.status === 'active') {
        const reviewDue = addDays(now, REVIEW_DAYS);
        await blocklistRepo.addVerification(trx, { ...base, kind: 'review' });
        await blocklistRepo.update(trx, id, { review_due: reviewDue, last_verified_at: now });
        await recordAudit(trx, p, {
          action: 'blocklist.reverify',
          objectType: 'blocklist_entry',
          objectId: id,
          details: { domain: row.domain, previousReviewDue: row.review_due, reviewDue },
        });
        const after = await this.load(trx, id);
        return { ...present(after.row, after.vs), activated: false };
      }
      if (p.isHub) throw new ForbiddenError('a pending entry is confirmed by an agency of another member country, not by the hub');
      if (vs.some((v) => v.agency_id === p.agencyId && v.kind !== 'review')) {
        throw new ConflictError('your agency has already verified this entry: an agency of another country must confirm it');
      }
      await blocklistRepo.addVerification(trx, { ...base, kind: 'confirmation' });
      const countries = new Set([...vs.map((v) => v.country_code), p.countryCode]);
      const activate = countries.size >= 2;
      if (activate) {
        const reviewDue = addDays(now, REVIEW_DAYS);
        await blocklistRepo.update(trx, id, { status: 'active', activated_at: now, review_due: reviewDue, last_verified_at: now });
        await notify(trx, {
          to: { agencyId: row.proposer_agency_id },
          kind: 'blocklist.activated',
          title: `Block list: ${row.domain} is active (confirmed by ${p.countryCode}), review due ${reviewDue}`,
          link: `/blocklist/${id}`,
          data: { entryId: id, domain: row.domain },
        });
      }
      await recordAudit(trx, p, {
        action: 'blocklist.confirm',
        objectType: 'blocklist_entry',
        objectId: id,
        details: { domain: row.domain, activated: activate, countries: [...countries].sort() },
      });
      if (activate) await recordAudit(trx, p, { action: 'blocklist.activate', objectType: 'blocklist_entry', objectId: id, details: { domain: row.domain } });
      const after = await this.load(trx, id);
      return { ...present(after.row, after.vs), activated: activate };
    });
  }

  /** The content is gone (or the entry was wrong): the hub or a verifying agency removes it, with a reason. */
  remove(p: Principal, id: number, reason: string) {
    if (!reason.trim()) throw new BadRequestError('a removal states its reason');
    return this.db.transaction().execute(async (trx) => {
      const { row, vs } = await this.load(trx, id, true);
      const hub = isHubStaff(p);
      const verifier = (p.role === 'investigator' || p.role === 'analyst') && vs.some((v) => v.agency_id === p.agencyId);
      if (!hub && !verifier) throw new ForbiddenError('an entry is removed by the hub or by an agency that verified it');
      if (row.status === 'removed') throw new ConflictError('the entry is already removed');
      await blocklistRepo.update(trx, id, { status: 'removed', removed_at: this.clock(), removed_by: p.userId, removal_reason: reason.trim() });
      if (p.agencyId !== row.proposer_agency_id) {
        await notify(trx, {
          to: { agencyId: row.proposer_agency_id },
          kind: 'blocklist.removed',
          title: `Block list: ${row.domain} removed by ${p.countryCode}: ${reason.trim()}`,
          link: `/blocklist/${id}`,
          data: { entryId: id, domain: row.domain },
        });
      }
      await recordAudit(trx, p, {
        action: 'blocklist.remove',
        objectType: 'blocklist_entry',
        objectId: id,
        details: { domain: row.domain, previousStatus: row.status, reason: reason.trim() },
      });
      const after = await this.load(trx, id);
      return present(after.row, after.vs);
    });
  }

  list(p: Principal, f: Omit<EntryFilter, 'limit'> & { limit?: number }) {
    const filter = { ...f, domain: f.domain !== undefined ? normaliseDomain(f.domain) : undefined, limit: f.limit ?? 100 };
    return this.db.transaction().execute(async (trx) => {
      const rows = await blocklistRepo.list(trx, filter);
      const vs = await blocklistRepo.verifications(
        trx,
        rows.map((r) => r.id),
      );
      await recordAudit(trx, p, {
        action: 'blocklist.list',
        objectType: 'blocklist_entry',
        details: { count: rows.length, ids: rows.map((r) => r.id), filter: { status: f.status, domain: filter.domain, q: f.q } },
      });
      return { entries: rows.map((r) => present(r, vs, p)) };
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const { row, vs } = await this.load(trx, id);
      await recordAudit(trx, p, { action: 'blocklist.read', objectType: 'blocklist_entry', objectId: id, details: { domain: row.domain } });
      return present(row, vs, p);
    });
  }

  /** The hub's review queue: active entries due on or before today + withinDays, most overdue first. */
  reviewDue(p: Principal, withinDays = 0, limit = 200) {
    if (!isHubStaff(p)) throw new ForbiddenError("the review list is the hub's");
    const until = addDays(this.clock(), withinDays);
    return this.db.transaction().execute(async (trx) => {
      const rows = await blocklistRepo.reviewDue(trx, until, limit);
      const vs = await blocklistRepo.verifications(
        trx,
        rows.map((r) => r.id),
      );
      await recordAudit(trx, p, {
        action: 'blocklist.review_due',
        objectType: 'blocklist_entry',
        details: { until, count: rows.length, ids: rows.map((r) => r.id) },
      });
      return { until, entries: rows.map((r) => present(r, vs)) };
    });
  }

  /** The active list for access providers: one domain per line, or CSV domain,activated_at,review_due. */
  download(p: Principal, format: DownloadFormat) {
    const ncb = isNcbOfficer(p);
    const hub = isHubStaff(p);
    if (!ncb && !hub) throw new ForbiddenError('the list is distributed by NCB officers and the hub');
    return this.db.transaction().execute(async (trx) => {
      const rows = await blocklistRepo.active(trx);
      await recordAudit(trx, p, { action: 'blocklist.download', objectType: 'blocklist', details: { format, count: rows.length } });
      const body =
        format === 'csv'
          ? [
              'domain,activated_at,review_due',
              ...rows.map((r) => [r.domain, iso(r.activated_at) ?? '', r.review_due].map((v) => csvField(v, ',')).join(',')),
            ].join('\n') + '\n'
          : rows.map((r) => `${r.domain}\n`).join('');
      const stamp = isoDate(this.clock());
      return {
        body,
        count: rows.length,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
        fileName: `icse-blocklist-${stamp}.${format}`,
      };
    });
  }
}
