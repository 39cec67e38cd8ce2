// SQL for cases.
import type { Insertable, Selectable } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';

export type CaseRow = Selectable<DB['cases']>;

export const casesRepo = {
  listVisible: (db: Executor, p: Principal, opts: { afterId?: number; limit: number; status?: string }) => {
    let q = db.selectFrom('cases as c').selectAll('c').where(visibleTo(p, 'c')).orderBy('c.id', 'desc').limit(opts.limit);
    if (opts.afterId) q = q.where('c.id', '<', opts.afterId);
    if (opts.status) q = q.where('c.status', '=', opts.status as 'open');
    return q.execute();
  },
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where(visibleTo(p, 'c')).executeTakeFirst(),
  insert: (db: Executor, row: Omit<Insertable<DB['cases']>, 'id' | 'created_at' | 'updated_at' | 'status'>) =>
    db.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: Partial<Pick<CaseRow, 'title' | 'description' | 'status' | 'distribution' | 'shared_with'>>) =>
    db
      .updateTable('cases')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  findByReference: (db: Executor, agencyId: number, reference: string) =>
    db.selectFrom('cases').select('id').where('owner_agency_id', '=', agencyId).where('reference', '=', reference).executeTakeFirst(),
};
