// Notice rules. Only national central bureaus ask for notices and send diffusions (police data rules:
// the NCB answers for its country's data); the General Secretariat (hub) reviews a notice for compliance
// before it reaches every member country; a diffusion goes at once to the NCBs it names. Every read and
// change is audited in its transaction; requesters and reviewers are notified through the inbox.
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { allowedIds } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, found } from '../shared/errors.js';
import { noticesRepo, type NoticeFilter } from './repository.js';
import type { NoticeChannel, NoticeKind, NoticeRow, NoticeSubject } from './tables.js';
import { isoTime } from '../shared/dates.js';
import { actionsOn } from '../policy/define.js';
import { NOTICE_VERBS, noticePolicy, ownNcb } from '../policy/notice.js';
import { isHubStaff, isNcbOfficer } from '../policy/who.js';

export interface NoticeInput {
  kind: NoticeKind;
  channel?: NoticeChannel;
  recipients?: string[];
  subject: NoticeSubject;
  summary?: string;
  victimId?: number | null;
  offenderId?: number | null;
  publicExtract?: boolean;
  requesterConsent?: boolean;
}
export type NoticePatch = Partial<Omit<NoticeInput, 'kind' | 'channel'>>;

/** Fields a notice must carry before it may go out (yellow: the minimum identifiers of a missing person). */
export function missingParticulars(kind: NoticeKind, subject: NoticeSubject, summary: string): string[] {
  const missing: string[] = [];
  for (const f of ['name', 'forename', 'sex_id', 'date_of_birth'] as const) if (!subject[f]) missing.push(f);
  if (kind === 'yellow' && !summary.trim() && !subject.distinguishing_marks?.trim()) missing.push('summary or distinguishing_marks (a description)');
  if (kind === 'green' && !summary.trim()) missing.push('summary (the reason for the warning)');
  return missing;
}

/** The public extract: only what the public notices API shows, never case links or review notes. */
const PUBLIC_FIELDS = [
  'forename',
  'name',
  'sex_id',
  'date_of_birth',
  'place_of_birth',
  'nationalities',
  'height',
  'weight',
  'eyes_colors_id',
  'hairs_id',
  'distinguishing_marks',
  'languages_spoken_ids',
  'date_of_event',
  'place',
] as const;

export class NoticeService {
  constructor(private readonly db: Db) {}

  /** Notices as the caller sees them; links to case data only where the caller may see the victim or offender. */
  private async presentAll(trx: Trx, p: Principal, rows: NoticeRow[]) {
    // One permission check per table for the whole page.
    const victims = await allowedIds(
      trx,
      'victims',
      p,
      rows.flatMap((n) => (n.victim_id ? [n.victim_id] : [])),
    );
    const offenders = await allowedIds(
      trx,
      'offenders',
      p,
      rows.flatMap((n) => (n.offender_id ? [n.offender_id] : [])),
    );
    return rows.map((n) => {
      const own = n.requesting_country === p.countryCode;
      return {
        id: n.id,
        kind: n.kind,
        channel: n.channel,
        status: n.status,
        entityId: n.entity_id,
        requestingCountry: n.requesting_country,
        requestingAgencyId: n.requesting_agency_id,
        recipients: n.recipients,
        subject: n.subject,
        summary: n.summary,
        victimId: n.victim_id && victims.has(n.victim_id) ? n.victim_id : null,
        offenderId: n.offender_id && offenders.has(n.offender_id) ? n.offender_id : null,
        publicExtract: n.public_extract,
        requesterConsent: n.requester_consent,
        // The review exchange is between the requesting NCB and the hub.
        ...(own || isHubStaff(p) ? { reviewNote: n.review_note, reviewedAt: isoTime(n.reviewed_at) } : {}),
        publishedAt: isoTime(n.published_at),
        cancelReason: n.cancel_reason,
        createdAt: isoTime(n.created_at)!,
        updatedAt: isoTime(n.updated_at)!,
        /** What the caller may do with it now (the web app shows these buttons, it does not re-derive the rules). */
        actions: actionsOn(noticePolicy, p, n, NOTICE_VERBS),
      };
    });
  }

  private async present(trx: Trx, p: Principal, n: NoticeRow) {
    return (await this.presentAll(trx, p, [n]))[0]!;
  }

  private async requireVisible(trx: Trx, p: Principal, id: number): Promise<NoticeRow> {
    return found(await noticesRepo.findVisible(trx, p, id), 'notice');
  }

  /** Locks the row first, so the state read is the one the change applies to (two reviewers cannot both publish). */
  private async lockVisible(trx: Trx, p: Principal, id: number): Promise<NoticeRow> {
    await noticesRepo.lock(trx, id);
    return this.requireVisible(trx, p, id);
  }

  private requireOwnNcb(p: Principal, n: NoticeRow) {
    if (!ownNcb(p, n)) throw new ForbiddenError("only the requesting country's NCB changes this notice");
  }

  private async checkLinks(trx: Trx, p: Principal, kind: NoticeKind, victimId?: number | null, offenderId?: number | null) {
    if (victimId && kind !== 'yellow') throw new BadRequestError('only a yellow notice is linked to a victim');
    if (offenderId && kind !== 'green') throw new BadRequestError('only a green notice is linked to an offender');
    if (victimId && !(await allowedIds(trx, 'victims', p, [victimId])).has(victimId)) throw new NotFoundError('victim');
    if (offenderId && !(await allowedIds(trx, 'offenders', p, [offenderId])).has(offenderId)) throw new NotFoundError('offender');
  }

  private async checkRecipients(trx: Trx, p: Principal, channel: NoticeChannel, recipients: string[]): Promise<string[]> {
    if (channel === 'notice') {
      if (recipients.length) throw new BadRequestError('a notice goes to every member country: recipients are for diffusions');
      return [];
    }
    const codes = [...new Set(recipients.map((c) => c.toUpperCase()))].filter((c) => c !== p.countryCode).sort();
    if (!codes.length) throw new BadRequestError('a diffusion names at least one other member country');
    const known = await noticesRepo.memberCountries(trx, codes);
    const unknown = codes.filter((c) => !known.some((k) => k.code === c && !k.is_hub));
    if (unknown.length) throw new BadRequestError(`not member countries: ${unknown.join(', ')}`, { unknown });
    return codes;
  }

  list(p: Principal, f: Omit<NoticeFilter, 'limit'> & { limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      // Filtering by a victim or offender the caller may not see would confirm the link: such a filter matches nothing.
      const hidden =
        (f.victimId && !(await allowedIds(trx, 'victims', p, [f.victimId])).has(f.victimId)) ||
        (f.offenderId && !(await allowedIds(trx, 'offenders', p, [f.offenderId])).has(f.offenderId));
      const rows = hidden ? [] : await noticesRepo.listVisible(trx, p, { ...f, limit: f.limit ?? 50 });
      await recordAudit(trx, p, { action: 'notice.list', objectType: 'notice', details: { count: rows.length, ids: rows.map((r) => r.id) } });
      return { notices: await this.presentAll(trx, p, rows) };
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      await recordAudit(trx, p, { action: 'notice.read', objectType: 'notice', objectId: id });
      return this.present(trx, p, row);
    });
  }

  create(p: Principal, input: NoticeInput) {
    if (!isNcbOfficer(p)) throw new ForbiddenError('notices and diffusions are requested by a national central bureau');
    return this.db.transaction().execute(async (trx) => {
      const channel = input.channel ?? 'notice';
      const recipients = await this.checkRecipients(trx, p, channel, input.recipients ?? []);
      await this.checkLinks(trx, p, input.kind, input.victimId, input.offenderId);
      if (input.kind === 'green' && input.publicExtract) throw new BadRequestError('green notices are for law enforcement only: no public extract');
      const row = await noticesRepo.insert(trx, {
        kind: input.kind,
        channel,
        recipients,
        subject: input.subject,
        summary: input.summary ?? '',
        victim_id: input.victimId ?? null,
        offender_id: input.offenderId ?? null,
        public_extract: input.publicExtract ?? false,
        requester_consent: input.requesterConsent ?? false,
        requesting_country: p.countryCode,
        requesting_agency_id: p.agencyId,
        created_by: p.userId,
      });
      await recordAudit(trx, p, { action: 'notice.create', objectType: 'notice', objectId: row.id, details: { kind: row.kind, channel } });
      return this.present(trx, p, row);
    });
  }

  /** Drafts and refused requests are edited by their NCB; editing a refused request makes it a draft again. */
  update(p: Principal, id: number, patch: NoticePatch) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnNcb(p, row);
      if (row.status !== 'draft' && row.status !== 'refused') throw new ConflictError(`a ${row.status} notice is not edited; cancel it and ask for a new one`);
      const victimId = patch.victimId !== undefined ? patch.victimId : row.victim_id;
      const offenderId = patch.offenderId !== undefined ? patch.offenderId : row.offender_id;
      await this.checkLinks(trx, p, row.kind, victimId, offenderId);
      if (row.kind === 'green' && patch.publicExtract) throw new BadRequestError('green notices are for law enforcement only: no public extract');
      const updated = await noticesRepo.update(trx, id, {
        status: 'draft',
        ...(patch.subject ? { subject: { ...row.subject, ...patch.subject } } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
        ...(patch.recipients ? { recipients: await this.checkRecipients(trx, p, row.channel, patch.recipients) } : {}),
        victim_id: victimId ?? null,
        offender_id: offenderId ?? null,
        ...(patch.publicExtract !== undefined ? { public_extract: patch.publicExtract } : {}),
        ...(patch.requesterConsent !== undefined ? { requester_consent: patch.requesterConsent } : {}),
      });
      await recordAudit(trx, p, { action: 'notice.update', objectType: 'notice', objectId: id, details: { fields: Object.keys(patch) } });
      return this.present(trx, p, updated);
    });
  }

  /** A notice goes to the hub for review; a diffusion is circulated to its recipients at once. */
  submit(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnNcb(p, row);
      if (row.status !== 'draft') throw new ConflictError(`the notice is ${row.status}, not a draft`);
      const missing = missingParticulars(row.kind, row.subject, row.summary);
      if (missing.length) throw new BadRequestError(`the ${row.kind} ${row.channel} lacks: ${missing.join(', ')}`, { missing });
      const label = `${row.kind} ${row.channel} for ${row.subject.forename ?? ''} ${row.subject.name ?? ''}`.replace(/\s+/g, ' ').trim();
      if (row.channel === 'diffusion') {
        const updated = await noticesRepo.update(trx, id, { status: 'published', published_at: new Date(), submitted_at: new Date() });
        for (const country of row.recipients) {
          await notify(trx, {
            to: { country },
            kind: 'notice.diffusion',
            title: `Diffusion from ${row.requesting_country}: ${label}`,
            link: `/notices/${id}`,
            data: { noticeId: id },
          });
        }
        await recordAudit(trx, p, { action: 'notice.circulate', objectType: 'notice', objectId: id, details: { recipients: row.recipients } });
        return this.present(trx, p, updated);
      }
      const updated = await noticesRepo.update(trx, id, { status: 'submitted', submitted_at: new Date() });
      for (const hub of await noticesRepo.hubCountries(trx)) {
        await notify(trx, {
          to: { country: hub.code },
          kind: 'notice.review',
          title: `Review requested by ${row.requesting_country}: ${label}`,
          link: `/notices/${id}`,
          data: { noticeId: id },
        });
      }
      await recordAudit(trx, p, { action: 'notice.submit', objectType: 'notice', objectId: id });
      return this.present(trx, p, updated);
    });
  }

  /** The hub's compliance review: publish (with a YYYY/NNNN number) or refuse with a reason. */
  review(p: Principal, id: number, decision: { publish: boolean; note?: string }) {
    if (!isHubStaff(p)) throw new ForbiddenError('notices are reviewed by the General Secretariat');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      if (row.status !== 'submitted') throw new ConflictError(`the notice is ${row.status}, not awaiting review`);
      if (!decision.publish && !decision.note?.trim()) throw new BadRequestError('a refusal states its reason');
      const now = new Date();
      const patch = decision.publish
        ? {
            status: 'published' as const,
            entity_id: `${now.getUTCFullYear()}/${String(await noticesRepo.nextNumber(trx, now.getUTCFullYear())).padStart(4, '0')}`,
            published_at: now,
          }
        : { status: 'refused' as const };
      const updated = await noticesRepo.update(trx, id, { ...patch, review_note: decision.note ?? null, reviewed_by: p.userId, reviewed_at: now });
      await notify(trx, {
        to: { country: row.requesting_country },
        kind: decision.publish ? 'notice.published' : 'notice.refused',
        title: decision.publish ? `${row.kind} notice ${updated.entity_id} published` : `${row.kind} notice request refused: ${decision.note}`,
        link: `/notices/${id}`,
        data: { noticeId: id },
      });
      await recordAudit(trx, p, {
        action: decision.publish ? 'notice.publish' : 'notice.refuse',
        objectType: 'notice',
        objectId: id,
        details: { entityId: updated.entity_id },
      });
      return this.present(trx, p, updated);
    });
  }

  /** The requesting NCB withdraws a published notice (person found, warning no longer valid). */
  cancel(p: Principal, id: number, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnNcb(p, row);
      if (row.status === 'cancelled') throw new ConflictError('the notice is already cancelled');
      const updated = await noticesRepo.update(trx, id, { status: 'cancelled', cancel_reason: reason });
      const told =
        row.channel === 'diffusion'
          ? row.recipients
          : row.status === 'submitted' || row.status === 'published'
            ? (await noticesRepo.hubCountries(trx)).map((h) => h.code)
            : [];
      for (const country of told) {
        await notify(trx, {
          to: { country },
          kind: 'notice.cancelled',
          title: `${row.kind} ${row.channel} ${row.entity_id ?? `#${id}`} cancelled by ${row.requesting_country}: ${reason}`,
          link: `/notices/${id}`,
          data: { noticeId: id },
        });
      }
      await recordAudit(trx, p, { action: 'notice.cancel', objectType: 'notice', objectId: id, details: { reason } });
      return this.present(trx, p, updated);
    });
  }

  /** What may be published on the public notices page: a published yellow notice with the requester's consent. */
  publicExtract(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      if (row.kind !== 'yellow' || row.channel !== 'notice') throw new ConflictError('only yellow notices have a public extract');
      if (row.status !== 'published') throw new ConflictError(`the notice is ${row.status}: no public extract`);
      if (!row.public_extract || !row.requester_consent) throw new ConflictError('the requesting country has not asked for, or consented to, a public extract');
      await recordAudit(trx, p, { action: 'notice.extract', objectType: 'notice', objectId: id });
      const subject = row.subject as Record<string, unknown>;
      return { entity_id: row.entity_id, ...Object.fromEntries(PUBLIC_FIELDS.filter((f) => subject[f] !== undefined).map((f) => [f, subject[f]])) };
    });
  }
}
