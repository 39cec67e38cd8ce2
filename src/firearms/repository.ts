// SQL for iARMS. Visibility (one predicate per kind of row, used by every list and read):
//   - a firearm record is seen by its recording country and by the General Secretariat (hub); other countries
//     learn of it only through a search hit;
//   - a search is seen by the searching country and the hub;
//   - a trace request is seen by the requesting country, the countries it is addressed to, and the hub.
// The reference table is read by everyone.
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { firearmRecordPolicy } from '../policy/services.js';
import type { FirearmRecordRow, FirearmType, RecordStatus } from './tables.js';

const ref = (alias: string, col: string) => sql.ref(`${alias}.${col}`);
export const recordVisibleTo = (p: Principal, a: string): Expression<SqlBool> => firearmRecordPolicy.scope!(p, a);
export const searchVisibleTo = (p: Principal, a: string): Expression<SqlBool> => sql<SqlBool>`(${ref(a, 'country_code')} = ${p.countryCode} OR ${p.isHub})`;
export const traceVisibleTo = (p: Principal, a: string): Expression<SqlBool> =>
  sql<SqlBool>`(${ref(a, 'requesting_country')} = ${p.countryCode} OR ${p.isHub}
    OR EXISTS (SELECT 1 FROM firearm_trace_recipients tr WHERE tr.trace_id = ${ref(a, 'id')} AND tr.country = ${p.countryCode}))`;

/** A record with its reference entry's description and its event date as 'YYYY-MM-DD'. */
export type RecordView = FirearmRecordRow & {
  event_on: string | null;
  make: string;
  model: string;
  calibre: string;
  type: FirearmType;
  country_of_manufacture: string | null;
};

export interface ReferenceFilter {
  q?: string;
  make?: string;
  type?: FirearmType;
  includeWithdrawn?: boolean;
  afterId?: number;
  limit: number;
}
export interface RecordFilter {
  status?: RecordStatus;
  serialKey?: string;
  country?: string;
  afterId?: number;
  limit: number;
}
export interface TraceFilter {
  box?: 'sent' | 'received';
  afterId?: number;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function records(db: Executor) {
  return db
    .selectFrom('firearm_records as r')
    .innerJoin('firearm_references as f', 'f.id', 'r.reference_id')
    .selectAll('r')
    .select(['f.make', 'f.model', 'f.calibre', 'f.type', 'f.country_of_manufacture'])
    .select(sql<string | null>`to_char(r.event_date, 'YYYY-MM-DD')`.as('event_on'));
}

export const referencesRepo = {
  list: (db: Executor, f: ReferenceFilter) => {
    let q = db.selectFrom('firearm_references').selectAll().orderBy('make_key').orderBy('model').orderBy('id').limit(f.limit);
    if (!f.includeWithdrawn) q = q.where('active', '=', true);
    if (f.afterId) q = q.where('id', '>', f.afterId);
    if (f.make) q = q.where('make_key', '=', f.make);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.q) {
      const like = `%${escapeLike(f.q.toLowerCase())}%`;
      q = q.where(sql<SqlBool>`(lower(make) LIKE ${like} OR lower(model) LIKE ${like} OR lower(calibre) LIKE ${like})`);
    }
    return q.execute();
  },
  find: (db: Executor, id: number) => db.selectFrom('firearm_references').selectAll().where('id', '=', id).executeTakeFirst(),
  byIds: (db: Executor, ids: number[]) => (ids.length ? db.selectFrom('firearm_references').selectAll().where('id', 'in', ids).execute() : Promise.resolve([])),
  lock: (db: Executor, id: number) => db.selectFrom('firearm_references').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  /** The entry with the same make, model, calibre and type (case-insensitive), other than `exceptId`. */
  findSame: (db: Executor, e: { make_key: string; model: string; calibre: string; type: FirearmType }, exceptId?: number) => {
    let q = db
      .selectFrom('firearm_references')
      .select('id')
      .where('make_key', '=', e.make_key)
      .where('type', '=', e.type)
      .where(sql<SqlBool>`lower(model) = lower(${e.model}) AND lower(calibre) = lower(${e.calibre})`);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.executeTakeFirst();
  },
  insert: (db: Executor, row: Insertable<DB['firearm_references']>) => db.insertInto('firearm_references').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: Updateable<DB['firearm_references']>) =>
    db
      .updateTable('firearm_references')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};

export const recordsRepo = {
  listVisible: (db: Executor, p: Principal, f: RecordFilter) => {
    let q = records(db).where(recordVisibleTo(p, 'r')).orderBy('r.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('r.id', '<', f.afterId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.serialKey) q = q.where('r.serial_key', '=', f.serialKey);
    if (f.country) q = q.where('r.recording_country', '=', f.country);
    return q.execute() as Promise<RecordView[]>;
  },
  findVisible: (db: Executor, p: Principal, id: number) =>
    records(db).where('r.id', '=', id).where(recordVisibleTo(p, 'r')).executeTakeFirst() as Promise<RecordView | undefined>,
  byIds: (db: Executor, ids: number[]) =>
    (ids.length ? records(db).where('r.id', 'in', ids).orderBy('r.id').execute() : Promise.resolve([])) as Promise<RecordView[]>,
  lock: (db: Executor, id: number) => db.selectFrom('firearm_records').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst(),
  /** The same wanted firearm already recorded by the country (the unique index enforces it too). */
  findDuplicate: (db: Executor, country: string, referenceId: number, serialKey: string, exceptId?: number) => {
    let q = db
      .selectFrom('firearm_records')
      .select('id')
      .where('recording_country', '=', country)
      .where('reference_id', '=', referenceId)
      .where('serial_key', '=', serialKey)
      .where('status', '<>', 'recovered');
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.executeTakeFirst();
  },
  insert: (db: Executor, row: Insertable<DB['firearm_records']>) => db.insertInto('firearm_records').values(row).returning('id').executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: Updateable<DB['firearm_records']>) =>
    db
      .updateTable('firearm_records')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute(),
  /** Wanted records (not recovered) with this serial, and this make when given: the search itself. */
  matching: (db: Executor, serialKey: string, makeKey: string | null) => {
    let q = db
      .selectFrom('firearm_records as r')
      .innerJoin('firearm_references as f', 'f.id', 'r.reference_id')
      .select(['r.id', 'r.recording_country'])
      .where('r.serial_key', '=', serialKey)
      .where('r.status', '<>', 'recovered')
      .orderBy('r.id');
    if (makeKey) q = q.where('f.make_key', '=', makeKey);
    return q.execute();
  },
};

export const searchesRepo = {
  insert: (db: Executor, row: Insertable<DB['firearm_searches']>) => db.insertInto('firearm_searches').values(row).returningAll().executeTakeFirstOrThrow(),
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('firearm_searches as s').selectAll('s').where('s.id', '=', id).where(searchVisibleTo(p, 's')).executeTakeFirst(),
  listVisible: (db: Executor, p: Principal, f: { hit?: boolean; afterId?: number; limit: number }) => {
    let q = db.selectFrom('firearm_searches as s').selectAll('s').where(searchVisibleTo(p, 's')).orderBy('s.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('s.id', '<', f.afterId);
    if (f.hit !== undefined) q = q.where('s.hit', '=', f.hit);
    return q.execute();
  },
};

export const tracesRepo = {
  insert: (db: Executor, row: Insertable<DB['firearm_traces']>) => db.insertInto('firearm_traces').values(row).returningAll().executeTakeFirstOrThrow(),
  insertRecipients: (db: Executor, rows: Insertable<DB['firearm_trace_recipients']>[]) => db.insertInto('firearm_trace_recipients').values(rows).execute(),
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('firearm_traces as t').selectAll('t').where('t.id', '=', id).where(traceVisibleTo(p, 't')).executeTakeFirst(),
  listVisible: (db: Executor, p: Principal, f: TraceFilter) => {
    let q = db.selectFrom('firearm_traces as t').selectAll('t').where(traceVisibleTo(p, 't')).orderBy('t.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('t.id', '<', f.afterId);
    if (f.box === 'sent') q = q.where('t.requesting_country', '=', p.countryCode);
    if (f.box === 'received') {
      q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM firearm_trace_recipients tr WHERE tr.trace_id = t.id AND tr.country = ${p.countryCode})`);
    }
    return q.execute();
  },
  recipients: (db: Executor, traceIds: number[]) =>
    traceIds.length
      ? db.selectFrom('firearm_trace_recipients').selectAll().where('trace_id', 'in', traceIds).orderBy('trace_id').orderBy('country').execute()
      : Promise.resolve([]),
  lockRecipient: (db: Executor, traceId: number, country: string) =>
    db.selectFrom('firearm_trace_recipients').selectAll().where('trace_id', '=', traceId).where('country', '=', country).forUpdate().executeTakeFirst(),
  answer: (db: Executor, traceId: number, country: string, a: Updateable<DB['firearm_trace_recipients']>) =>
    db.updateTable('firearm_trace_recipients').set(a).where('trace_id', '=', traceId).where('country', '=', country).execute(),
};

export const countriesRepo = {
  members: (db: Executor, codes: string[]) =>
    codes.length
      ? db.selectFrom('countries').select(['code', 'is_hub', 'ncb_name']).where('code', 'in', codes).where('active', '=', true).execute()
      : Promise.resolve([]),
  ncbNames: (db: Executor, codes: string[]) =>
    codes.length ? db.selectFrom('countries').select(['code', 'ncb_name']).where('code', 'in', codes).execute() : Promise.resolve([]),
  hubs: (db: Executor) => db.selectFrom('countries').select('code').where('is_hub', '=', true).execute(),
  /** The national central bureau of a country (the agency of kind 'ncb'). */
  ncbAgency: (db: Executor, country: string) =>
    db.selectFrom('agencies').select('id').where('country_code', '=', country).where('kind', '=', 'ncb').orderBy('id').executeTakeFirst(),
};
