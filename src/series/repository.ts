// SQL for series and their victims, offenders and places.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DB, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { visibleTo } from '../access/visibility.js';
import type { EntityType, SeriesRow } from './tables.js';

export interface SeriesFilter {
  afterId?: number;
  limit: number;
  status?: 'active' | 'closed';
  ownerCountry?: string;
  q?: string;
  caseId?: number;
}

export const ENTITY_TABLE = { victim: 'victims', offender: 'offenders', place: 'places' } as const;
type EntityTables = Pick<DB, 'victims' | 'offenders' | 'places'>;

/** SQL dates as 'YYYY-MM-DD' text, whatever the driver does with `date`. */
const day = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export const seriesRepo = {
  nextNumber: async (db: Executor, year: number) => {
    const r = await sql<{ n: string | number }>`SELECT nextval('series_number_seq') AS n`.execute(db);
    return `S-${year}-${String(r.rows[0]!.n).padStart(6, '0')}`;
  },
  insert: (db: Executor, row: Insertable<DB['series']>) => db.insertInto('series').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Executor, id: number, patch: Updateable<DB['series']>) =>
    db
      .updateTable('series')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  findVisible: (db: Executor, p: Principal, id: number) =>
    db.selectFrom('series as s').selectAll('s').where('s.id', '=', id).where(visibleTo(p, 's')).executeTakeFirst(),
  listVisible: (db: Executor, p: Principal, f: SeriesFilter) => {
    let q = db.selectFrom('series as s').selectAll('s').where(visibleTo(p, 's')).orderBy('s.id', 'desc').limit(f.limit);
    if (f.afterId) q = q.where('s.id', '<', f.afterId);
    if (f.status) q = q.where('s.status', '=', f.status);
    if (f.ownerCountry) q = q.where('s.owner_country', '=', f.ownerCountry.toUpperCase());
    if (f.caseId) q = q.where('s.case_id', '=', f.caseId);
    if (f.q) {
      const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb(sql`lower(s.name)`, 'like', like), eb(sql`lower(s.number)`, 'like', like)]));
    }
    return q.execute();
  },
  /** Aggregate counts over all records of the series (counts reveal no restricted detail). */
  counts: async (db: Executor, id: number) => {
    const r = await sql<{
      media: number;
      victims: number;
      victims_identified: number;
      victims_rescued: number;
      offenders: number;
      offenders_identified: number;
      places: number;
    }>`
      SELECT (SELECT count(*)::int FROM media WHERE series_id = ${id}) AS media,
             (SELECT count(*)::int FROM victims WHERE series_id = ${id}) AS victims,
             (SELECT count(*)::int FROM victims WHERE series_id = ${id} AND identified) AS victims_identified,
             (SELECT count(*)::int FROM victims WHERE series_id = ${id} AND rescued) AS victims_rescued,
             (SELECT count(*)::int FROM offenders WHERE series_id = ${id}) AS offenders,
             (SELECT count(*)::int FROM offenders WHERE series_id = ${id} AND identified) AS offenders_identified,
             (SELECT count(*)::int FROM places WHERE series_id = ${id}) AS places`.execute(db);
    return r.rows[0]!;
  },
  byIds: (db: Executor, ids: number[]) =>
    ids.length ? db.selectFrom('series').selectAll().where('id', 'in', ids).execute() : Promise.resolve([] as SeriesRow[]),
};

/** Victims, offenders and places share one shape of access: visible when the record and its series are. */
export const entityRepo = {
  findVisible: async (db: Executor, p: Principal, type: EntityType, id: number) => {
    const t = ENTITY_TABLE[type];
    const r = await sql<Record<string, unknown>>`SELECT e.*, ${type === 'place' ? sql`NULL` : day('e.identified_at')} AS identified_on,
        ${type === 'victim' ? day('e.rescued_at') : sql`NULL`} AS rescued_on
      FROM ${sql.table(t)} e JOIN series s ON s.id = e.series_id
      WHERE e.id = ${id} AND ${visibleTo(p, 'e')} AND ${visibleTo(p, 's')}`.execute(db);
    return r.rows[0];
  },
  listVisible: async (db: Executor, p: Principal, type: EntityType, seriesId: number, opts: { afterId?: number; limit: number }) => {
    const t = ENTITY_TABLE[type];
    const r = await sql<Record<string, unknown>>`SELECT e.*, ${type === 'place' ? sql`NULL` : day('e.identified_at')} AS identified_on,
        ${type === 'victim' ? day('e.rescued_at') : sql`NULL`} AS rescued_on
      FROM ${sql.table(t)} e WHERE e.series_id = ${seriesId} AND ${visibleTo(p, 'e')}
      ${opts.afterId ? sql`AND e.id > ${opts.afterId}` : sql``} ORDER BY e.id LIMIT ${opts.limit}`.execute(db);
    return r.rows;
  },
  insert: async <T extends keyof EntityTables>(db: Executor, table: T, row: Insertable<EntityTables[T]>) =>
    (
      await db
        .insertInto(table)
        .values(row as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as number,
  update: (db: Executor, table: keyof EntityTables, id: number, patch: Record<string, unknown>) =>
    db
      .updateTable(table)
      .set({ ...patch, ...(table === 'places' ? {} : { updated_at: new Date() }) } as never)
      .where('id', '=', id)
      .execute(),
  delete: async (db: Executor, type: EntityType, id: number) => {
    await db.deleteFrom('media_links').where('entity_type', '=', type).where('entity_id', '=', id).execute();
    await sql`DELETE FROM comments WHERE target_type = ${type} AND target_id = ${id}`.execute(db);
    await db.deleteFrom(ENTITY_TABLE[type]).where('id', '=', id).execute();
  },
  linkedMediaIds: async (db: Executor, type: EntityType, id: number) =>
    (
      await db
        .selectFrom('media_links')
        .select('media_id')
        .where('entity_type', '=', type)
        .where('entity_id', '=', id)
        .orderBy('media_id')
        .limit(1000)
        .execute()
    ).map((r) => r.media_id),
};
