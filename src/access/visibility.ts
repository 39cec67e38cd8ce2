// Access control in one place. Every record of case data carries owner_country, owner_agency_id,
// distribution and shared_with (named countries). Lists and reads filter in SQL with `visibleTo`;
// `allowedIds` is the single permission check returning which of a set of ids the caller may see.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/types.js';
import type { Principal } from './principal.js';

export const DISTRIBUTIONS = ['agency', 'country', 'countries', 'all'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export interface Distributed {
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
}

/** SQL predicate: the row under `alias` is visible to the principal. */
export function visibleTo(p: Principal, alias: string): Expression<SqlBool> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  // The owning agency always sees its own data; everything else follows the owner's distribution.
  return sql<SqlBool>`(${c('owner_agency_id')} = ${p.agencyId}
    OR (${c('distribution')} = 'country' AND ${c('owner_country')} = ${p.countryCode})
    OR (${c('distribution')} = 'countries' AND (${c('owner_country')} = ${p.countryCode} OR ${p.countryCode} = ANY(${c('shared_with')})))
    OR ${c('distribution')} = 'all')`;
}

/** In-memory twin of `visibleTo`, for rows already loaded (e.g. redaction of match results). */
export function canSee(p: Principal, row: Distributed): boolean {
  if (row.owner_agency_id === p.agencyId) return true;
  switch (row.distribution) {
    case 'agency':
      return false;
    case 'country':
      return row.owner_country === p.countryCode;
    case 'countries':
      return row.owner_country === p.countryCode || row.shared_with.includes(p.countryCode);
    case 'all':
      return true;
  }
}

/** The one permission check: which of `ids` in `table` the principal may see. */
export async function allowedIds(trx: Executor, table: string, p: Principal, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await sql<{ id: number }>`SELECT t.id FROM ${sql.table(table)} t WHERE t.id = ANY(${[...ids]}::int[]) AND ${visibleTo(p, 't')}`.execute(trx);
  return new Set(rows.rows.map((r) => r.id));
}

/** Validates an owner-supplied distribution; named countries only for 'countries'. */
export function normaliseDistribution(
  distribution: Distribution | undefined,
  sharedWith: string[] | undefined,
): { distribution: Distribution; shared_with: string[] } {
  const d = distribution ?? 'country';
  const shared = d === 'countries' ? [...new Set((sharedWith ?? []).map((s) => s.toUpperCase()))].sort() : [];
  return { distribution: d, shared_with: shared };
}
