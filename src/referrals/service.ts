// Referral rules after intake (intake.ts): reading packages and incidents within one's scope (another
// country's package answers 404), acknowledging receipt (the country's NCB), marking incidents actioned
// (its NCB officers and analysts), the hub's overview and its assignment of the unassigned queue.
// Every read and change is audited in its transaction; NCBs and the hub are told through the inbox.
import { actionsOn } from '../policy/define.js';
import { referralPolicy } from '../policy/services.js';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import type { Trx } from '../db/types.js';
import { recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { presentFile } from './enrich.js';
import { notifyPackage, ReferralIntake, type ReportUpload } from './intake.js';
import { cursorOf, parseCursor, presentIncident, presentPackage, presentReport, requireHub, scopeOf } from './present.js';
import { referralsRepo } from './repository.js';
import { OUTCOMES_WITH_CASE, type IncidentStatus, type Outcome, type PackageStatus } from './tables.js';

export interface PackageFilter {
  country?: string;
  status?: PackageStatus;
  reportId?: number;
  afterId?: number;
  limit?: number;
}
export interface IncidentPage {
  after?: string;
  status?: IncidentStatus;
  limit?: number;
}
export interface ActionInput {
  outcome: Outcome;
  caseReference?: string;
  note?: string;
}

/** What the caller may do with a package now: its NCB acknowledges receipt once (the web app shows this, it does not re-derive it). */
const packageActions = (p: Principal, pk: { country: string; status: string }) =>
  pk.status === 'acknowledged' ? [] : actionsOn(referralPolicy, p, { country: pk.country.trim() }, ['acknowledge'] as const);

export class ReferralService {
  private readonly intake: ReferralIntake;
  constructor(private readonly ctx: AppContext) {
    this.intake = new ReferralIntake(ctx);
  }

  upload(p: Principal, input: ReportUpload) {
    return this.intake.upload(p, input);
  }

  /** Incidents with their files (new first), redacted for the reader. */
  private async withFiles(trx: Trx, p: Principal, rows: Awaited<ReturnType<typeof referralsRepo.listIncidents>>) {
    const files = new Map<number, ReturnType<typeof presentFile>[]>();
    for (const f of await referralsRepo.filesFor(
      trx,
      p,
      rows.map((r) => r.id),
    )) {
      if (!files.has(f.incident_id)) files.set(f.incident_id, []);
      files.get(f.incident_id)!.push(presentFile(p, f));
    }
    const out = rows.map((r) => presentIncident(r, files.get(r.id) ?? []));
    const restricted = out.reduce((n, i) => n + i.files.filter((f) => f.known?.restricted).length, 0);
    return { incidents: out, restricted };
  }

  private async requirePackage(trx: Trx, p: Principal, id: number) {
    const row = await referralsRepo.findPackage(trx, scopeOf(p), id);
    if (!row) throw new NotFoundError('referral package');
    return row;
  }

  listReports(p: Principal, q: { afterId?: number; limit?: number }) {
    requireHub(p, 'reading provider reports');
    return this.ctx.db.transaction().execute(async (trx) => {
      const limit = q.limit ?? 50;
      const rows = await referralsRepo.listReports(trx, { afterId: q.afterId, limit });
      await recordAudit(trx, p, { action: 'referral.report.list', objectType: 'referral_report', details: { ids: rows.map((r) => r.id) } });
      return { reports: rows.map(presentReport), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  /** A report with its per-row rejections, its packages (counts, acknowledgement) and what is still unassigned. */
  getReport(p: Principal, id: number) {
    requireHub(p, 'reading provider reports');
    return this.ctx.db.transaction().execute(async (trx) => {
      const r = await referralsRepo.findReport(trx, id);
      if (!r) throw new NotFoundError('referral report');
      const packages = await referralsRepo.listPackages(trx, { hub: true }, { reportId: id, limit: 1000 });
      const counts = await referralsRepo.packageCounts(
        trx,
        packages.map((x) => x.id),
      );
      await recordAudit(trx, p, { action: 'referral.report.read', objectType: 'referral_report', objectId: id });
      return {
        ...presentReport(r),
        rejected: r.rejections,
        unassigned: await referralsRepo.unassignedCount(trx, id),
        packages: packages.map((x) => presentPackage(x, counts.get(x.id))).sort((a, b) => a.country.localeCompare(b.country)),
      };
    });
  }

  listPackages(p: Principal, f: PackageFilter) {
    const scope = scopeOf(p);
    return this.ctx.db.transaction().execute(async (trx) => {
      const limit = f.limit ?? 50;
      const rows = await referralsRepo.listPackages(trx, scope, { ...f, country: f.country?.toUpperCase(), limit });
      const counts = await referralsRepo.packageCounts(
        trx,
        rows.map((r) => r.id),
      );
      await recordAudit(trx, p, { action: 'referral.package.list', objectType: 'referral_package', details: { ids: rows.map((r) => r.id), filter: { ...f } } });
      return {
        packages: rows.map((r) => ({ ...presentPackage(r, counts.get(r.id)), actions: packageActions(p, r) })),
        nextAfterId: rows.length === limit ? rows.at(-1)!.id : null,
      };
    });
  }

  getPackage(p: Principal, id: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const row = await this.requirePackage(trx, p, id);
      const counts = await referralsRepo.packageCounts(trx, [id]);
      await recordAudit(trx, p, { action: 'referral.package.read', objectType: 'referral_package', objectId: id });
      return { ...presentPackage(row, counts.get(id)), actions: packageActions(p, row) };
    });
  }

  /** One page of a package's incidents: new material first, keyset on (priority, id). */
  listIncidents(p: Principal, packageId: number, q: IncidentPage) {
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.requirePackage(trx, p, packageId);
      const limit = q.limit ?? 50;
      const rows = await referralsRepo.listIncidents(trx, packageId, { after: parseCursor(q.after), status: q.status, limit });
      const page = await this.withFiles(trx, p, rows);
      await recordAudit(trx, p, {
        action: 'referral.incidents.read',
        objectType: 'referral_package',
        objectId: packageId,
        details: { after: q.after ?? null, incidentIds: rows.map((r) => r.id), restricted: page.restricted },
      });
      return { incidents: page.incidents, nextAfter: rows.length === limit ? cursorOf(rows.at(-1)!) : null };
    });
  }

  /** The hub's queue of incidents without a member country. */
  listUnassigned(p: Principal, q: IncidentPage) {
    requireHub(p, 'reading the unassigned queue');
    return this.ctx.db.transaction().execute(async (trx) => {
      const limit = q.limit ?? 50;
      const rows = await referralsRepo.listIncidents(trx, null, { after: parseCursor(q.after), status: q.status, limit });
      const page = await this.withFiles(trx, p, rows);
      await recordAudit(trx, p, {
        action: 'referral.unassigned.read',
        objectType: 'referral_incident',
        details: { after: q.after ?? null, incidentIds: rows.map((r) => r.id) },
      });
      return { incidents: page.incidents, nextAfter: rows.length === limit ? cursorOf(rows.at(-1)!) : null };
    });
  }

  getIncident(p: Principal, id: number) {
    const scope = scopeOf(p);
    return this.ctx.db.transaction().execute(async (trx) => {
      const row = await referralsRepo.findIncident(trx, scope, id);
      if (!row) throw new NotFoundError('referral incident');
      await recordAudit(trx, p, { action: 'referral.incident.read', objectType: 'referral_incident', objectId: id });
      return (await this.withFiles(trx, p, [row])).incidents[0]!;
    });
  }

  /** The country's NCB confirms it has received the package (again: no change). The hub is told. */
  acknowledge(p: Principal, packageId: number) {
    const scope = scopeOf(p);
    return this.ctx.db.transaction().execute(async (trx) => {
      await referralsRepo.lockPackage(trx, packageId);
      const row = await this.requirePackage(trx, p, packageId);
      if (scope.hub || p.role !== 'ncb_officer')
        throw new ForbiddenError('receipt of a referral package is acknowledged by the national central bureau it was sent to');
      const already = row.status === 'acknowledged';
      if (!already) {
        await referralsRepo.setPackageStatus(trx, packageId, 'acknowledged', p.userId);
        for (const hub of await referralsRepo.hubCountries(trx)) {
          await notify(trx, {
            to: { country: hub },
            kind: 'referral.acknowledged',
            title: `${row.country} acknowledged referral package ${packageId} (${row.provider}, ${row.reference})`,
            link: `/referrals/packages/${packageId}`,
            data: { packageId },
          });
        }
      }
      await recordAudit(trx, p, { action: 'referral.acknowledge', objectType: 'referral_package', objectId: packageId, details: { already } });
      const counts = await referralsRepo.packageCounts(trx, [packageId]);
      return presentPackage((await referralsRepo.findPackage(trx, scope, packageId))!, counts.get(packageId));
    });
  }

  /** The country's NCB officers and analysts record what became of an incident (a case reference where one was opened). */
  action(p: Principal, incidentId: number, input: ActionInput) {
    const scope = scopeOf(p);
    if (OUTCOMES_WITH_CASE.includes(input.outcome) && !input.caseReference?.trim())
      throw new BadRequestError(`outcome ${input.outcome} names the national case (caseReference)`);
    return this.ctx.db.transaction().execute(async (trx) => {
      await referralsRepo.lockIncident(trx, incidentId);
      const row = await referralsRepo.findIncident(trx, scope, incidentId);
      if (!row) throw new NotFoundError('referral incident');
      if (scope.hub) throw new ForbiddenError('incidents are actioned by the country they were referred to');
      const previous = row.status === 'actioned' ? { outcome: row.outcome, caseReference: row.case_reference } : null;
      await referralsRepo.updateIncident(trx, incidentId, {
        status: 'actioned',
        outcome: input.outcome,
        case_reference: input.caseReference?.trim() || null,
        action_note: input.note?.trim() || null,
        actioned_by: p.userId,
        actioned_at: new Date(),
      });
      await recordAudit(trx, p, {
        action: 'referral.incident.action',
        objectType: 'referral_incident',
        objectId: incidentId,
        details: { packageId: row.package_id, outcome: input.outcome, caseReference: input.caseReference ?? null, previous },
      });
      return (await this.withFiles(trx, p, [(await referralsRepo.findIncident(trx, scope, incidentId))!])).incidents[0]!;
    });
  }

  /**
   * The hub refers an incident to a member country by hand: one from the unassigned queue, or an open one
   * sent to the wrong country. It joins that country's package for the report (created if needed); a package
   * already acknowledged is delivered again, since its NCB has not yet seen the new incident.
   */
  assign(p: Principal, incidentId: number, countryCode: string) {
    requireHub(p, 'assigning incidents');
    const country = countryCode.toUpperCase();
    return this.ctx.db.transaction().execute(async (trx) => {
      await referralsRepo.lockIncident(trx, incidentId);
      const row = await referralsRepo.findIncident(trx, { hub: true }, incidentId);
      if (!row) throw new NotFoundError('referral incident');
      if (row.status === 'actioned') throw new ConflictError(`incident ${incidentId} was already actioned by ${row.country}`);
      if (row.package_id !== null && row.country === country) throw new ConflictError(`incident ${incidentId} is already referred to ${country}`);
      if (!(await referralsRepo.memberCountries(trx)).has(country)) throw new BadRequestError(`${country} is not an active member country`);
      const { row: pk, created } = await referralsRepo.ensurePackage(trx, row.report_id, country);
      if (!created && pk.status === 'acknowledged') await referralsRepo.setPackageStatus(trx, pk.id, 'delivered', null);
      await referralsRepo.updateIncident(trx, incidentId, {
        package_id: pk.id,
        country,
        unassigned_reason: null,
        assigned_by: p.userId,
        assigned_at: new Date(),
      });
      await notifyPackage(
        trx,
        { id: pk.id, country, reportId: row.report_id },
        created
          ? `Referral package from ${row.provider} (${row.reference}): 1 incident assigned by the General Secretariat`
          : `Incident ${row.provider_incident_id} added to referral package ${pk.id} (${row.provider}, ${row.reference})`,
        created ? 'referral.package' : 'referral.incident',
      );
      await recordAudit(trx, p, {
        action: 'referral.incident.assign',
        objectType: 'referral_incident',
        objectId: incidentId,
        details: { country, packageId: pk.id, from: row.country, packageCreated: created },
      });
      return (await this.withFiles(trx, p, [(await referralsRepo.findIncident(trx, { hub: true }, incidentId))!])).incidents[0]!;
    });
  }

  /** The hub's overview: per member country, packages delivered and acknowledged, incidents open and actioned. */
  summary(p: Principal) {
    requireHub(p, 'the referral overview');
    return this.ctx.db.transaction().execute(async (trx) => {
      const rows = await referralsRepo.summary(trx);
      const unassigned = await referralsRepo.unassignedCount(trx);
      await recordAudit(trx, p, { action: 'referral.summary.read', objectType: 'referral_package', details: { countries: rows.length } });
      return {
        unassigned,
        countries: rows.map((r) => ({
          country: r.country,
          packages: r.packages,
          acknowledged: r.acknowledged,
          awaitingAcknowledgement: r.packages - r.acknowledged,
          incidents: r.incidents,
          open: r.open,
          actioned: r.actioned,
          withNew: r.with_new,
          lastDeliveredAt: r.last_delivered ? new Date(r.last_delivered).toISOString() : null,
        })),
      };
    });
  }
}
