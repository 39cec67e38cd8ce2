// Table types of I-GRIP stop-payment requests (migrations/011_payments.sql).
import type { Generated, Selectable } from 'kysely';

export const PAYMENT_STATUSES = ['draft', 'sent', 'closed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const OFFENCES = ['sextortion', 'online_fraud', 'business_email_compromise', 'investment_fraud', 'romance_scam', 'other'] as const;
export type Offence = (typeof OFFENCES)[number];
/** What the receiving NCB found for one transfer; `pending` until it answers. */
export const OUTCOMES = ['pending', 'held', 'withdrawn', 'not_found', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Answer = Exclude<Outcome, 'pending'>;

export interface PaymentRequestTable {
  id: Generated<number>;
  status: Generated<PaymentStatus>;
  requesting_country: string;
  requesting_agency_id: number;
  offence: Offence;
  national_reference: Generated<string>;
  summary: Generated<string>;
  case_id: number | null;
  response_hours: Generated<number>;
  sent_at: Date | null;
  sent_by: number | null;
  response_due_at: Date | null;
  closed_at: Date | null;
  closed_by: number | null;
  closure_note: string | null;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type PaymentRequestRow = Selectable<PaymentRequestTable>;

export interface PaymentTransferTable {
  id: Generated<number>;
  request_id: number;
  /** Integer minor units of `currency` (cents for USD, yen for JPY). */
  amount_minor: number;
  currency: string;
  transferred_at: Date;
  sending_bank: string;
  sending_account: Generated<string>;
  transaction_reference: Generated<string>;
  beneficiary_name: string;
  beneficiary_bank: string;
  beneficiary_bic: string | null;
  beneficiary_account: string;
  account_is_iban: Generated<boolean>;
  receiving_country: string;
  outcome: Generated<Outcome>;
  held_minor: Generated<number>;
  refusal_reason: string | null;
  answer_note: string | null;
  answered_by: number | null;
  answered_at: Date | null;
  created_at: Generated<Date>;
}
export type PaymentTransferRow = Selectable<PaymentTransferTable>;

declare module '../db/types.js' {
  interface DB {
    payment_requests: PaymentRequestTable;
    payment_transfers: PaymentTransferTable;
  }
}
