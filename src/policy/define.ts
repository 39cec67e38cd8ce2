// The shape of a resource policy: a role gate per action (checked by the HTTP auth hook before a handler
// runs), the SQL scope of lists, and `can` for one loaded record. Routes name an action; the action's
// gate replaces the role lists routes used to carry.
import type { Expression, SqlBool } from 'kysely';
import type { Principal, Role } from '../access/principal.js';

/** Who may call an action at all: everyone signed in, or these roles. */
export type Gate = 'any' | readonly Role[];

export interface ResourcePolicy<Row = unknown, A extends string = string> {
  resource: string;
  /** verb → role gate; the action's full name is `${resource}.${verb}`. */
  gates: Record<A, Gate>;
  /** SQL predicate: rows under `alias` the principal may list/read. */
  scope?: (p: Principal, alias: string) => Expression<SqlBool>;
  /** Verbs that are rules on records inside a service (e.g. media.assign within series.media.assign), not routes. */
  recordOnly?: readonly A[];
  /** May the principal take `verb` on this loaded record? (the gate is checked too) */
  can?: (p: Principal, verb: A, row: Row) => boolean;
}

export function definePolicy<Row, A extends string>(policy: ResourcePolicy<Row, A>): ResourcePolicy<Row, A> {
  return policy;
}

export function gateAllows(gate: Gate, role: Role): boolean {
  return gate === 'any' || gate.includes(role);
}

/** The gate and the record rule together. */
export function allowed<Row, A extends string>(policy: ResourcePolicy<Row, A>, p: Principal, verb: A, row: Row): boolean {
  if (!gateAllows(policy.gates[verb], p.role)) return false;
  return policy.can ? policy.can(p, verb, row) : true;
}

/** The verbs (of `verbs`) the principal may take on this record, for responses (`actions: [...]`). */
// V narrows the answer to the verbs asked about (response schemas enumerate them).
export function actionsOn<Row, A extends string, V extends A>(policy: ResourcePolicy<Row, A>, p: Principal, row: Row, verbs: readonly V[]): V[] {
  return verbs.filter((v) => allowed(policy, p, v, row));
}
