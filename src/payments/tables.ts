// Vocabularies and row types of I-GRIP stop-payment requests (migrations/011_payments.sql; columns in
// src/db/schema.gen.ts).
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export const PAYMENT_STATUSES = ['draft', 'sent', 'closed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const OFFENCES = ['sextortion', 'online_fraud', 'business_email_compromise', 'investment_fraud', 'romance_scam', 'other'] as const;
export type Offence = (typeof OFFENCES)[number];
/** What the receiving NCB found for one transfer; `pending` until it answers. */
export const OUTCOMES = ['pending', 'held', 'withdrawn', 'not_found', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Answer = Exclude<Outcome, 'pending'>;

export type PaymentRequestRow = Selectable<DB['payment_requests']>;
/** amount_minor and held_minor: integer minor units of `currency` (cents for USD, yen for JPY). */
export type PaymentTransferRow = Selectable<DB['payment_transfers']>;
