// I-GRIP rules. The police of the victim's country (investigators, analysts or the NCB) draft a stop-payment
// request listing the transfers; only that country's NCB sends it, which starts the clock (due = sent + hours)
// and alerts the NCB of every receiving country and the hub. Each receiving NCB answers for its own transfers
// (held with the amount, already withdrawn, not found, refused with a reason), and may revise an answer until
// the request is closed; the requesting side is alerted on every answer. The requesting NCB closes the request.
// A receiving country sees the request and only its own transfers; the hub and the requester see all.
// Every read and change is audited in its transaction.
import { actionsOn } from '../policy/define.js';
import { paymentPolicy } from '../policy/services.js';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { allowedIds } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, found } from '../shared/errors.js';
import { displayAmount } from './money.js';
import { presentRequest, totals } from './present.js';
import { paymentsRepo } from './repository.js';
import type { Answer, Offence, PaymentRequestRow, PaymentStatus, PaymentTransferRow } from './tables.js';
import { normaliseTransfer, type TransferInput } from './validate.js';

export type { TransferInput } from './validate.js';
export interface RequestInput {
  offence: Offence;
  nationalReference?: string;
  summary?: string;
  caseId?: number | null;
  /** Hours the receiving NCBs have to answer once it is sent (default 24). */
  responseHours?: number;
  transfers?: TransferInput[];
}
export type RequestPatch = Partial<Omit<RequestInput, 'transfers'>>;
export interface AnswerInput {
  transferId: number;
  outcome: Answer;
  heldMinor?: number;
  reason?: string;
  note?: string;
}
export interface ListQuery {
  status?: PaymentStatus;
  side?: 'requested' | 'received';
  afterId?: number;
  limit?: number;
}

export const DEFAULT_RESPONSE_HOURS = 24;
const MAX_TRANSFERS = 200;
const link = (id: number) => `/payments/${id}`;
const OUTCOME_WORDS: Record<Answer, string> = { held: 'held', withdrawn: 'already withdrawn', not_found: 'not found', refused: 'refused' };

/** What the caller may do with a request now (the web app shows these, it does not re-derive the rules). */
const paymentActions = (p: Principal, r: PaymentRequestRow, transfers: PaymentTransferRow[]) =>
  actionsOn(paymentPolicy, p, { ...r, receivers: transfers.map((t) => t.receiving_country) }, ['update', 'send', 'answer', 'close'] as const);

export class PaymentService {
  constructor(private readonly db: Db) {}

  /** All transfers for the requester and the hub; a receiving country sees only those it is asked about. */
  private scope(p: Principal, r: PaymentRequestRow): string | null {
    return r.requesting_country === p.countryCode || p.isHub ? null : p.countryCode;
  }

  private async present(trx: Trx, p: Principal, r: PaymentRequestRow, transfers?: PaymentTransferRow[], withTransfers = true) {
    const visible = transfers ?? (await paymentsRepo.transfers(trx, [r.id], this.scope(p, r)));
    const caseVisible = r.case_id ? (await allowedIds(trx, 'cases', p, [r.case_id])).has(r.case_id) : false;
    return { ...presentRequest(r, visible, { caseVisible, withTransfers, now: new Date() }), actions: paymentActions(p, r, visible) };
  }

  /** A page of requests: one query for their transfers and one permission check for their cases. */
  private async presentMany(trx: Trx, p: Principal, rows: PaymentRequestRow[]) {
    const all = await paymentsRepo.transfers(
      trx,
      rows.map((r) => r.id),
      null,
    );
    const cases = await allowedIds(
      trx,
      'cases',
      p,
      rows.flatMap((r) => (r.case_id ? [r.case_id] : [])),
    );
    const now = new Date();
    return rows.map((r) => {
      const scope = this.scope(p, r);
      const visible = all.filter((t) => t.request_id === r.id && (!scope || t.receiving_country === scope));
      return {
        ...presentRequest(r, visible, { caseVisible: r.case_id ? cases.has(r.case_id) : false, withTransfers: false, now }),
        actions: paymentActions(p, r, visible),
      };
    });
  }

  private async requireVisible(trx: Trx, p: Principal, id: number): Promise<PaymentRequestRow> {
    return found(await paymentsRepo.findVisible(trx, p, id), 'stop-payment request');
  }

  /** Locks the row first, so the state read is the one the change applies to. */
  private async lockVisible(trx: Trx, p: Principal, id: number): Promise<PaymentRequestRow> {
    await paymentsRepo.lock(trx, id);
    return this.requireVisible(trx, p, id);
  }

  private requireOwnDraft(p: Principal, r: PaymentRequestRow) {
    if (r.requesting_country !== p.countryCode) throw new ForbiddenError('only the requesting country changes this request');
    if (r.status !== 'draft') throw new ConflictError(`the request is ${r.status}: only a draft is changed`);
  }

  private requireOwnNcb(p: Principal, r: PaymentRequestRow, what: string) {
    if (p.role !== 'ncb_officer' || r.requesting_country !== p.countryCode) throw new ForbiddenError(`only the requesting country's NCB ${what}`);
  }

  private async checkCase(trx: Trx, p: Principal, caseId?: number | null) {
    if (caseId && !(await allowedIds(trx, 'cases', p, [caseId])).has(caseId)) throw new NotFoundError('case');
  }

  /** Validates the transfers (numbered from `first` in messages) and checks the receiving countries are members. */
  private async newTransfers(trx: Trx, r: PaymentRequestRow, inputs: TransferInput[], first: number) {
    const rows = inputs.map((t, i) => ({ ...normaliseTransfer(t, first + i, r.requesting_country), request_id: r.id }));
    const codes = [...new Set(rows.map((t) => t.receiving_country))];
    const known = await paymentsRepo.memberCountries(trx, codes);
    const unknown = codes.filter((c) => !known.some((k) => k.code === c && !k.is_hub));
    if (unknown.length) throw new BadRequestError(`not member countries (no NCB to ask): ${unknown.join(', ')}`, { unknown });
    if (first - 1 + rows.length > MAX_TRANSFERS) throw new BadRequestError(`a request holds at most ${MAX_TRANSFERS} transfers`);
    return rows.length ? paymentsRepo.insertTransfers(trx, rows) : [];
  }

  /** Where alerts for the requesting side go: its NCB and the agency that drafted the request. */
  private async requesterInboxes(trx: Trx, r: PaymentRequestRow) {
    const ncb = await paymentsRepo.ncbAgency(trx, r.requesting_country);
    return [...new Set([ncb ?? null, r.requesting_agency_id])].map((agencyId) => (agencyId ? { agencyId } : { country: r.requesting_country }));
  }

  private async ncbInbox(trx: Trx, country: string) {
    const ncb = await paymentsRepo.ncbAgency(trx, country);
    return ncb ? { agencyId: ncb } : { country };
  }

  list(p: Principal, q: ListQuery) {
    return this.db.transaction().execute(async (trx) => {
      const rows = await paymentsRepo.listVisible(trx, p, { ...q, limit: q.limit ?? 50 });
      await recordAudit(trx, p, { action: 'payment.list', objectType: 'payment_request', details: { count: rows.length, ids: rows.map((r) => r.id) } });
      return { requests: await this.presentMany(trx, p, rows) };
    });
  }

  /** Sent requests past their due time with transfers still unanswered (the hub: all of them; a receiving country: its own). */
  overdue(p: Principal, q: { limit?: number } = {}) {
    return this.db.transaction().execute(async (trx) => {
      const now = new Date();
      const rows = await paymentsRepo.listVisible(trx, p, { overdueAt: now, limit: q.limit ?? 200 });
      const all = await paymentsRepo.transfers(
        trx,
        rows.map((r) => r.id),
        null,
      );
      const out = [];
      for (const r of rows) {
        const scope = this.scope(p, r);
        const mine = all.filter((t) => t.request_id === r.id && (!scope || t.receiving_country === scope));
        const pending = mine.filter((t) => t.outcome === 'pending');
        if (!pending.length) continue; // a receiving country is late only for its own unanswered transfers
        out.push({
          ...(await this.present(trx, p, r, mine, false)),
          overdueMinutes: Math.floor((now.getTime() - new Date(r.response_due_at!).getTime()) / 60_000),
          pendingTransfers: pending.length,
          pendingCountries: [...new Set(pending.map((t) => t.receiving_country))].sort(),
          pendingTotals: totals(pending),
        });
      }
      await recordAudit(trx, p, { action: 'payment.overdue', objectType: 'payment_request', details: { count: out.length, ids: out.map((r) => r.id) } });
      return { asOf: now.toISOString(), requests: out };
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      await recordAudit(trx, p, { action: 'payment.read', objectType: 'payment_request', objectId: id });
      return this.present(trx, p, row);
    });
  }

  create(p: Principal, input: RequestInput) {
    if (p.isHub) throw new ForbiddenError("a stop-payment request comes from the police of the victim's country, not the General Secretariat");
    return this.db.transaction().execute(async (trx) => {
      await this.checkCase(trx, p, input.caseId);
      const row = await paymentsRepo.insert(trx, {
        requesting_country: p.countryCode,
        requesting_agency_id: p.agencyId,
        created_by: p.userId,
        offence: input.offence,
        case_id: input.caseId ?? null,
        national_reference: input.nationalReference?.trim() ?? '',
        summary: input.summary?.trim() ?? '',
        response_hours: input.responseHours ?? DEFAULT_RESPONSE_HOURS,
      });
      const transfers = await this.newTransfers(trx, row, input.transfers ?? [], 1);
      await recordAudit(trx, p, {
        action: 'payment.create',
        objectType: 'payment_request',
        objectId: row.id,
        details: { offence: row.offence, transfers: transfers.length },
      });
      return this.present(trx, p, row, transfers);
    });
  }

  update(p: Principal, id: number, patch: RequestPatch) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnDraft(p, row);
      if (patch.caseId !== undefined) await this.checkCase(trx, p, patch.caseId);
      const updated = await paymentsRepo.update(trx, id, {
        ...(patch.offence ? { offence: patch.offence } : {}),
        ...(patch.nationalReference !== undefined ? { national_reference: patch.nationalReference.trim() } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary.trim() } : {}),
        ...(patch.caseId !== undefined ? { case_id: patch.caseId } : {}),
        ...(patch.responseHours !== undefined ? { response_hours: patch.responseHours } : {}),
      });
      await recordAudit(trx, p, { action: 'payment.update', objectType: 'payment_request', objectId: id, details: { fields: Object.keys(patch) } });
      return this.present(trx, p, updated);
    });
  }

  addTransfers(p: Principal, id: number, inputs: TransferInput[]) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnDraft(p, row);
      const added = await this.newTransfers(trx, row, inputs, (await paymentsRepo.countTransfers(trx, id)) + 1);
      await recordAudit(trx, p, {
        action: 'payment.transfer.add',
        objectType: 'payment_request',
        objectId: id,
        details: { transferIds: added.map((t) => t.id) },
      });
      return this.present(trx, p, await paymentsRepo.update(trx, id, {}));
    });
  }

  removeTransfer(p: Principal, id: number, transferId: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnDraft(p, row);
      if (!(await paymentsRepo.deleteTransfer(trx, id, transferId))) throw new NotFoundError('transfer');
      await recordAudit(trx, p, { action: 'payment.transfer.remove', objectType: 'payment_request', objectId: id, details: { transferId } });
      return this.present(trx, p, await paymentsRepo.update(trx, id, {}));
    });
  }

  /** The NCB sends the draft: the clock starts, the receiving NCBs and the hub are alerted. */
  send(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnNcb(p, row, 'sends a stop-payment request');
      if (row.status !== 'draft') throw new ConflictError(`the request is ${row.status}, not a draft`);
      const transfers = await paymentsRepo.transfers(trx, [id], null);
      if (!transfers.length) throw new BadRequestError('the request lists no transfer: add at least one before sending');
      if (!row.summary) throw new BadRequestError('state the facts (summary) before sending: the receiving banks need a reason to stop the money');
      const now = new Date();
      const due = new Date(now.getTime() + row.response_hours * 3_600_000);
      const updated = await paymentsRepo.update(trx, id, { status: 'sent', sent_at: now, sent_by: p.userId, response_due_at: due });
      const countries = [...new Set(transfers.map((t) => t.receiving_country))].sort();
      for (const country of countries) {
        const theirs = transfers.filter((t) => t.receiving_country === country);
        const amounts = totals(theirs)
          .map((s) => displayAmount(s.requestedMinor, s.currency))
          .join(' + ');
        await notify(trx, {
          to: await this.ncbInbox(trx, country),
          kind: 'payment.request',
          title: `Stop-payment request from ${row.requesting_country} (${row.offence}): ${theirs.length} transfer(s), ${amounts}; answer due ${due.toISOString()}`,
          link: link(id),
          data: { requestId: id, transferIds: theirs.map((t) => t.id), responseDueAt: due.toISOString() },
        });
      }
      for (const hub of await paymentsRepo.hubCountries(trx)) {
        await notify(trx, {
          to: { country: hub.code },
          kind: 'payment.sent',
          title: `I-GRIP request #${id} sent by ${row.requesting_country} to ${countries.join(', ')}; answer due ${due.toISOString()}`,
          link: link(id),
          data: { requestId: id },
        });
      }
      await recordAudit(trx, p, {
        action: 'payment.send',
        objectType: 'payment_request',
        objectId: id,
        details: { receivingCountries: countries, responseDueAt: due.toISOString(), totals: totals(transfers) },
      });
      return this.present(trx, p, updated, transfers);
    });
  }

  /** The receiving NCB answers for its own transfers; answering again revises the answer. */
  answer(p: Principal, id: number, answers: AnswerInput[]) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      if (row.requesting_country === p.countryCode) throw new ForbiddenError('the receiving countries answer a request, not the requester');
      if (row.status !== 'sent') throw new ConflictError(`the request is ${row.status}: it takes no more answers`);
      const ids = answers.map((a) => a.transferId);
      if (new Set(ids).size !== ids.length) throw new BadRequestError('each transfer is answered once per call');
      const locked = await paymentsRepo.lockTransfers(trx, id, ids);
      const now = new Date();
      for (const a of answers) {
        const t = locked.find((x) => x.id === a.transferId);
        if (!t || t.receiving_country !== p.countryCode) throw new NotFoundError(`transfer ${a.transferId} of this request to ${p.countryCode}`);
        const held = a.heldMinor ?? 0;
        if (a.outcome === 'held' && (!held || held > t.amount_minor)) {
          throw new BadRequestError(
            `transfer ${t.id}: heldMinor is required for "held", between 1 and the amount sent (${t.amount_minor} minor units of ${t.currency})`,
            { transferId: t.id, field: 'heldMinor' },
          );
        }
        if (a.outcome !== 'held' && held)
          throw new BadRequestError(`transfer ${t.id}: only a "held" answer carries heldMinor`, { transferId: t.id, field: 'heldMinor' });
        if (a.outcome === 'refused' && !a.reason?.trim())
          throw new BadRequestError(`transfer ${t.id}: a refusal states its reason`, { transferId: t.id, field: 'reason' });
        await paymentsRepo.answer(trx, t.id, {
          outcome: a.outcome,
          held_minor: held,
          refusal_reason: a.outcome === 'refused' ? a.reason!.trim() : null,
          answer_note: a.note?.trim() || null,
          answered_by: p.userId,
          answered_at: now,
        });
        const what =
          a.outcome === 'held'
            ? `held ${displayAmount(held, t.currency)} of ${displayAmount(t.amount_minor, t.currency)}`
            : `${OUTCOME_WORDS[a.outcome]}${a.outcome === 'refused' ? `: ${a.reason!.trim()}` : ''} (${displayAmount(t.amount_minor, t.currency)})`;
        for (const to of await this.requesterInboxes(trx, row)) {
          await notify(trx, {
            to,
            kind: 'payment.answer',
            title: `${p.countryCode} answered transfer #${t.id} of stop-payment request #${id}: ${what}`,
            link: link(id),
            data: { requestId: id, transferId: t.id, outcome: a.outcome, heldMinor: held },
          });
        }
        await recordAudit(trx, p, {
          action: 'payment.answer',
          objectType: 'payment_request',
          objectId: id,
          details: { transferId: t.id, outcome: a.outcome, heldMinor: held, previous: t.outcome, currency: t.currency },
        });
      }
      return this.present(trx, p, await paymentsRepo.update(trx, id, {}));
    });
  }

  /** The requesting NCB closes the request (money recovered, case over, or a draft abandoned). */
  close(p: Principal, id: number, note?: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockVisible(trx, p, id);
      this.requireOwnNcb(p, row, 'closes a stop-payment request');
      if (row.status === 'closed') throw new ConflictError('the request is already closed');
      const updated = await paymentsRepo.update(trx, id, { status: 'closed', closed_at: new Date(), closed_by: p.userId, closure_note: note?.trim() || null });
      const transfers = await paymentsRepo.transfers(trx, [id], null);
      if (row.status === 'sent') {
        for (const country of [...new Set(transfers.map((t) => t.receiving_country))].sort()) {
          await notify(trx, {
            to: await this.ncbInbox(trx, country),
            kind: 'payment.closed',
            title: `Stop-payment request #${id} from ${row.requesting_country} closed${note?.trim() ? `: ${note.trim()}` : ''}`,
            link: link(id),
            data: { requestId: id },
          });
        }
      }
      await recordAudit(trx, p, {
        action: 'payment.close',
        objectType: 'payment_request',
        objectId: id,
        details: { wasSent: row.status === 'sent', note: note ?? null, totals: totals(transfers) },
      });
      return this.present(trx, p, updated, transfers);
    });
  }
}
