// What the API shows of a stop-payment request: its transfers with their answers, totals per currency
// (requested vs held, summed exactly with BigInt) and progress counts.
import { formatMinor } from './money.js';
import { OUTCOMES, type Outcome, type PaymentRequestRow, type PaymentTransferRow } from './tables.js';
import { isoTime as iso } from '../shared/dates.js';

export function presentTransfer(t: PaymentTransferRow) {
  return {
    id: t.id,
    receivingCountry: t.receiving_country,
    amountMinor: Number(t.amount_minor),
    currency: t.currency,
    amount: formatMinor(Number(t.amount_minor), t.currency),
    transferredAt: iso(t.transferred_at),
    sendingBank: t.sending_bank,
    sendingAccount: t.sending_account,
    transactionReference: t.transaction_reference,
    beneficiaryName: t.beneficiary_name,
    beneficiaryBank: t.beneficiary_bank,
    beneficiaryBic: t.beneficiary_bic,
    beneficiaryAccount: t.beneficiary_account,
    accountIsIban: t.account_is_iban,
    outcome: t.outcome,
    heldMinor: Number(t.held_minor),
    held: formatMinor(Number(t.held_minor), t.currency),
    refusalReason: t.refusal_reason,
    answerNote: t.answer_note,
    answeredAt: iso(t.answered_at),
  };
}

export interface CurrencyTotal {
  currency: string;
  transfers: number;
  requestedMinor: number;
  heldMinor: number;
  requested: string;
  held: string;
}

/** Requested vs held per currency (amounts in different currencies are never added together). */
export function totals(transfers: PaymentTransferRow[]): CurrencyTotal[] {
  const by = new Map<string, { n: number; requested: bigint; held: bigint }>();
  for (const t of transfers) {
    const e = by.get(t.currency) ?? { n: 0, requested: 0n, held: 0n };
    e.n++;
    e.requested += BigInt(t.amount_minor);
    e.held += BigInt(t.held_minor);
    by.set(t.currency, e);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => {
      const requestedMinor = Number(e.requested),
        heldMinor = Number(e.held);
      return { currency, transfers: e.n, requestedMinor, heldMinor, requested: formatMinor(requestedMinor, currency), held: formatMinor(heldMinor, currency) };
    });
}

export function progress(transfers: PaymentTransferRow[]) {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const t of transfers) counts[t.outcome]++;
  return { transfers: transfers.length, answered: transfers.length - counts.pending, ...counts };
}

export function isOverdue(r: PaymentRequestRow, transfers: PaymentTransferRow[], now: Date) {
  return r.status === 'sent' && !!r.response_due_at && new Date(r.response_due_at) < now && transfers.some((t) => t.outcome === 'pending');
}

/** `transfers` are the ones the viewer may see (all for the requester and the hub, its own for a receiver). */
export function presentRequest(r: PaymentRequestRow, transfers: PaymentTransferRow[], opts: { caseVisible: boolean; withTransfers: boolean; now: Date }) {
  return {
    id: r.id,
    status: r.status,
    requestingCountry: r.requesting_country,
    requestingAgencyId: r.requesting_agency_id,
    offence: r.offence,
    nationalReference: r.national_reference,
    summary: r.summary,
    caseId: opts.caseVisible ? r.case_id : null,
    responseHours: r.response_hours,
    sentAt: iso(r.sent_at),
    responseDueAt: iso(r.response_due_at),
    overdue: isOverdue(r, transfers, opts.now),
    closedAt: iso(r.closed_at),
    closureNote: r.closure_note,
    receivingCountries: [...new Set(transfers.map((t) => t.receiving_country))].sort(),
    totals: totals(transfers),
    progress: progress(transfers),
    ...(opts.withTransfers ? { transfers: transfers.map(presentTransfer) } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
