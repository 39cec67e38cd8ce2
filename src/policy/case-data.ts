// Case data (cases, seizures, series, victims, offenders, places, media, comments, consultations): every
// record carries its owner agency/country and the owner's distribution (src/access/visibility.ts holds the
// SQL and in-memory twins). Reading follows the distribution; writing is the owning agency's, or its
// country's NCB officer's (the NCB answers for national data).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Principal } from '../access/principal.js';
import { canSee, visibleTo, type Distributed } from '../access/visibility.js';
import { CASE_ROLES } from './who.js';
import { definePolicy } from './define.js';

const readers = CASE_ROLES;
const voters = ['analyst', 'investigator'] as const;

/** The owner writes: the owning agency, or the NCB officer of the owning country. */
export function owns(p: Principal, row: Pick<Distributed, 'owner_agency_id' | 'owner_country'>): boolean {
  return row.owner_agency_id === p.agencyId || (p.role === 'ncb_officer' && !p.isHub && row.owner_country === p.countryCode);
}

const distributed = <A extends string>(resource: string, gates: Record<A, typeof CASE_ROLES>, reads: readonly string[]) =>
  definePolicy<Distributed, A>({
    resource,
    gates,
    scope: visibleTo,
    can: (p, verb, row) => (reads.includes(verb) ? canSee(p, row) : canSee(p, row) && owns(p, row)),
  });

export const casePolicy = distributed('case', { list: readers, create: readers, read: readers, update: readers, consult: readers }, ['list', 'read', 'create']);
export const seizurePolicy = distributed('seizure', { create: readers, list: readers, read: readers, upload: readers, hashes: readers, triage: readers }, [
  'list',
  'read',
  'triage',
]);
export const seriesPolicy = distributed(
  'series',
  { create: readers, list: readers, read: readers, update: readers, 'media.list': readers, 'media.assign': readers, 'media.unassign': readers },
  ['list', 'read', 'create', 'media.list'],
);
export const entityPolicy = distributed(
  'entity',
  { create: readers, list: readers, read: readers, update: readers, delete: readers, identify: readers, rescue: readers },
  ['list', 'read', 'identify', 'rescue'],
);
export const mediaPolicy = definePolicy<Distributed, 'read' | 'thumbnail' | 'content' | 'category.read' | 'category.vote' | 'link' | 'unlink' | 'assign'>({
  resource: 'media',
  gates: {
    read: readers,
    thumbnail: readers,
    content: readers,
    'category.read': readers,
    'category.vote': voters,
    link: readers,
    unlink: readers,
    assign: readers,
  },
  scope: visibleTo,
  recordOnly: ['assign'],
  // Putting a medium into a series or linking it changes how its owner's triage reads: the owner's call.
  can: (p, verb, row) => canSee(p, row) && (verb === 'assign' ? owns(p, row) : true),
});
/** Places by image comparison (src/places): reads follow the records' distributions inside the service. */
export const placeScenePolicy = definePolicy({
  resource: 'place',
  gates: { overview: readers, update: readers, links: readers, decide: readers, search: readers },
});
export const commentPolicy = definePolicy({ resource: 'comment', gates: { list: readers, create: readers } });
export const consultationPolicy = definePolicy<{ countries: string[]; case_owner_agency_id: number }, 'list' | 'read' | 'post'>({
  resource: 'consultation',
  gates: { list: readers, read: readers, post: readers },
  can: (p, _verb, t) => t.countries.includes(p.countryCode) || t.case_owner_agency_id === p.agencyId,
});

/** SQL twin of `owns`: rows under `alias` the principal may write. */
export function ownedBy(p: Principal, alias: string): Expression<SqlBool> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<SqlBool>`(${c('owner_agency_id')} = ${p.agencyId} OR (${p.role === 'ncb_officer' && !p.isHub} AND ${c('owner_country')} = ${p.countryCode}))`;
}
