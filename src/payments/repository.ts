// SQL for I-GRIP stop-payment requests. Visibility of a request (one predicate, used by every list and read):
//   - the requesting country sees its requests in every state (drafts included);
//   - once sent, the General Secretariat (hub) sees every request, and a receiving country sees the requests
//     naming it in at least one transfer. Which transfers each one sees is `transferScope` (service).
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { paymentPolicy } from '../policy/services.js';
import type { PaymentRequestRow, PaymentStatus, PaymentTransferRow } from './tables.js';

/** Which requests the principal sees: src/policy/services.ts (one definition for lists, reads and `can`). */
export const paymentVisibleTo = (p: Principal, alias: string): Expression<SqlBool> => paymentPolicy.scope!(p, alias);

/** Sent, past its due time, with a transfer still unanswered. */
function overduePredicate(alias: string, now: Date): Expression<SqlBool> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<SqlBool>`(${c('status')} = 'sent' AND ${c('response_due_at')} < ${now}
    AND EXISTS (SELECT 1 FROM payment_transfers ot WHERE ot.request_id = ${c('id')} AND ot.outcome = 'pending'))`;
}

export interface PaymentFilter {
  status?: PaymentStatus;
  /** requested: by my country; received: naming my country as receiver. */
  side?: 'requested' | 'received';
  /** Only overdue requests at this instant, most overdue first. */
  overdueAt?: Date;
  afterId?: number;
  limit: number;
}

type NewRequest = Pick<PaymentRequestRow, 'requesting_country' | 'requesting_agency_id' | 'offence' | 'case_id' | 'created_by'> &
  Partial<Pick<PaymentRequestRow, 'national_reference' | 'summary' | 'response_hours'>>;
type RequestPatch = Partial<Omit<PaymentRequestRow, 'id' | 'created_at' | 'created_by' | 'requesting_country' | 'requesting_agency_id'>>;
export type NewTransfer = Omit<
  Insertable<DB['payment_transfers']>,
  'id' | 'outcome' | 'held_minor' | 'refusal_reason' | 'answer_note' | 'answered_by' | 'answered_at' | 'created_at'
>;
export type TransferAnswer = Pick<PaymentTransferRow, 'outcome' | 'held_minor' | 'refusal_reason' | 'answer_note' | 'answered_by' | 'answered_at'>;

export const paymentsRepo = {
  listVisible: (db: Executor, p: Principal, f: PaymentFilter) => {
    let q = db.selectFrom('payment_requests as r').selectAll('r').where(paymentVisibleTo(p, 'r')).limit(f.limit);
    if (f.afterId) q = q.where('r.id', '<', f.afterId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.side === 'requested') q = q.where('r.requesting_country', '=', p.countryCode);
    if (f.side === 'received') {
      q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM payment_transfers st WHERE st.request_id = r.id AND st.receiving_country = ${p.countryCode})`);
    }
    if (f.overdueAt) return q.where(overduePredicate('r', f.overdueAt)).orderBy('r.response_due_at').orderBy('r.id').execute();
    return q.orderBy('r.id', 'desc').execute();
  },
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('payment_requests as r').selectAll('r').where('r.id', '=', id).where(paymentVisibleTo(p, 'r')).executeTakeFirst(),
  /** Row lock for a state change (two NCB officers cannot both send or close). */
  lock: (db: Executor, id: number) => db.selectFrom('payment_requests').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst(),
  insert: (db: Executor, row: NewRequest) => db.insertInto('payment_requests').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: RequestPatch) =>
    db
      .updateTable('payment_requests')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),

  /** Transfers of the given requests; only those to `country` when given. */
  transfers: (db: Executor, requestIds: number[], country: string | null) => {
    if (!requestIds.length) return Promise.resolve([] as PaymentTransferRow[]);
    let q = db.selectFrom('payment_transfers').selectAll().where('request_id', 'in', requestIds).orderBy('request_id').orderBy('id');
    if (country) q = q.where('receiving_country', '=', country);
    return q.execute();
  },
  countTransfers: async (db: Executor, requestId: number) =>
    Number(
      (
        await db
          .selectFrom('payment_transfers')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('request_id', '=', requestId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  insertTransfers: (db: Executor, rows: NewTransfer[]) => db.insertInto('payment_transfers').values(rows).returningAll().execute(),
  deleteTransfer: (db: Executor, requestId: number, transferId: number) =>
    db.deleteFrom('payment_transfers').where('request_id', '=', requestId).where('id', '=', transferId).returning('id').executeTakeFirst(),
  /** Locks the transfers being answered, so two answers to one transfer apply one after the other. */
  lockTransfers: (db: Executor, requestId: number, ids: number[]) =>
    db.selectFrom('payment_transfers').selectAll().where('request_id', '=', requestId).where('id', 'in', ids).orderBy('id').forUpdate().execute(),
  answer: (db: Executor, id: number, a: TransferAnswer) =>
    db.updateTable('payment_transfers').set(a).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),

  memberCountries: (db: Executor, codes: string[]) =>
    codes.length ? db.selectFrom('countries').select(['code', 'is_hub']).where('code', 'in', codes).where('active', '=', true).execute() : Promise.resolve([]),
  hubCountries: (db: Executor) => db.selectFrom('countries').select('code').where('is_hub', '=', true).execute(),
  /** The national central bureau (agency of kind 'ncb') of a country, if it has one. */
  ncbAgency: async (db: Executor, country: string) =>
    (await db.selectFrom('agencies').select('id').where('country_code', '=', country).where('kind', '=', 'ncb').orderBy('id').executeTakeFirst())?.id,
};
