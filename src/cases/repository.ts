// SQL for cases.
import type { Generated, Selectable } from 'kysely';
import type { Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo, type Distribution } from '../access/visibility.js';

export interface CaseTable {
  id: Generated<number>;
  reference: string;
  title: string;
  description: Generated<string>;
  status: Generated<'open' | 'closed'>;
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
declare module '../db/types.js' {
  interface DB {
    cases: CaseTable;
  }
}
export type CaseRow = Selectable<CaseTable>;

export const casesRepo = {
  listVisible: (db: Executor, p: Principal, opts: { afterId?: number; limit: number; status?: string }) => {
    let q = db.selectFrom('cases as c').selectAll('c').where(visibleTo(p, 'c')).orderBy('c.id', 'desc').limit(opts.limit);
    if (opts.afterId) q = q.where('c.id', '<', opts.afterId);
    if (opts.status) q = q.where('c.status', '=', opts.status as 'open');
    return q.execute();
  },
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where(visibleTo(p, 'c')).executeTakeFirst(),
  insert: (db: Executor, row: Omit<CaseTable, 'id' | 'created_at' | 'updated_at' | 'status' | 'description'> & { description?: string }) =>
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
