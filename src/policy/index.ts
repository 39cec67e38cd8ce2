// The policy registry: every resource's policy, and every action a route may declare (`resource.verb`).
// The HTTP auth hook resolves a route's action to its role gate here; the access-matrix test walks the
// same registry.
import type { AccessRule, Principal } from '../access/principal.js';
import { gateAllows, type Gate, type ResourcePolicy } from './define.js';
import { casePolicy, commentPolicy, consultationPolicy, entityPolicy, mediaPolicy, placeScenePolicy, seizurePolicy, seriesPolicy } from './case-data.js';
import { noticePolicy } from './notice.js';
import {
  blocklistPolicy,
  firearmRecordPolicy,
  firearmReferencePolicy,
  firearmSearchPolicy,
  firearmTracePolicy,
  paymentPolicy,
  referralPolicy,
} from './services.js';
import {
  auditPolicy,
  directoryPolicy,
  hmaPolicy,
  interchangePolicy,
  notificationPolicy,
  retentionPolicy,
  searchPolicy,
  selfPolicy,
  statsPolicy,
  userPolicy,
} from './platform.js';

export { definePolicy, allowed, actionsOn, gateAllows, type Gate, type ResourcePolicy } from './define.js';

export const POLICIES: ReadonlyArray<ResourcePolicy<never, string>> = [
  casePolicy,
  seizurePolicy,
  seriesPolicy,
  entityPolicy,
  mediaPolicy,
  placeScenePolicy,
  commentPolicy,
  consultationPolicy,
  noticePolicy,
  firearmReferencePolicy,
  firearmRecordPolicy,
  firearmSearchPolicy,
  firearmTracePolicy,
  paymentPolicy,
  blocklistPolicy,
  referralPolicy,
  selfPolicy,
  directoryPolicy,
  userPolicy,
  auditPolicy,
  notificationPolicy,
  searchPolicy,
  statsPolicy,
  retentionPolicy,
  interchangePolicy,
  hmaPolicy,
] as never;

/** Every declarable action, `resource.verb` → its role gate. */
export const ACTIONS: ReadonlyMap<string, { policy: ResourcePolicy<never, string>; verb: string; gate: Gate }> = new Map(
  POLICIES.flatMap((policy) =>
    Object.entries(policy.gates).map(([verb, gate]) => [`${policy.resource}.${verb}`, { policy, verb, gate: gate as Gate }] as const),
  ),
);

/** The actions whose role gate admits the principal (`GET /auth/me` answers them, so the web app shows what the
 * caller may open instead of re-deriving role rules; records carry their own `actions`). */
export function gatedActions(p: Principal): string[] {
  return [...ACTIONS.entries()]
    .filter(([, a]) => gateAllows(a.gate, p.role))
    .map(([name]) => name)
    .sort();
}

/** The route access rule an action stands for; throws on an unknown action (a typo must not open a route). */
export function accessOf(action: string): AccessRule {
  const a = ACTIONS.get(action);
  if (!a) throw new Error(`unknown action '${action}': declare it in a policy under src/policy/`);
  return { roles: a.gate };
}
