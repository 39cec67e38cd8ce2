// Receiving a bulk provider report (hub only): parse row by row, enrich every file with what ICSE knows,
// split the incidents into one package per member country (the rest into the unassigned queue), notify each
// country's NCB — all in one audited transaction. The same (provider, reference) again is a no-op.
import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import type { Trx } from '../db/types.js';
import { canonicalJson, recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError } from '../shared/errors.js';
import { enrichFiles } from './enrich.js';
import { parseCsvReport, parseJsonReport, type ParsedIncident } from './parse.js';
import { presentReport, requireHub } from './present.js';
import { referralsRepo } from './repository.js';
import type { Rejection, ReportRow } from './tables.js';

/** At most this many rejections are kept with the report (the count is always exact). */
export const MAX_STORED_REJECTIONS = 10_000;
const UNKNOWN = new Set(['XX', 'ZZ', '??', '--', 'UNKNOWN', 'UNK', 'N/A', 'NONE', 'NULL']);

export interface ReportUpload {
  provider: string;
  reference: string;
  body: unknown[] | string;
}

/** Where an incident goes: the member country the provider geolocated, or the unassigned queue with the reason. */
export function routeCountry(raw: string | null, members: Set<string>, hubs: Set<string>): { country: string | null; reason: string | null } {
  if (!raw) return { country: null, reason: 'the provider gave no country' };
  const c = raw.trim().toUpperCase();
  if (UNKNOWN.has(c)) return { country: null, reason: `the provider could not geolocate the incident (${JSON.stringify(raw)})` };
  if (!/^[A-Z]{2}$/.test(c)) return { country: null, reason: `country ${JSON.stringify(raw)} is not an ISO 3166-1 alpha-2 code` };
  if (members.has(c)) return { country: c, reason: null };
  if (hubs.has(c)) return { country: null, reason: `geolocated to the hub country ${c}` };
  return { country: null, reason: `geolocated to ${c}, not a member country` };
}

export async function notifyPackage(trx: Trx, pk: { id: number; country: string; reportId: number }, title: string, kind = 'referral.package') {
  const agencies = await referralsRepo.ncbAgencies(trx, pk.country);
  const data = { packageId: pk.id, reportId: pk.reportId };
  if (!agencies.length) await notify(trx, { to: { country: pk.country }, kind, title, link: `/referrals/packages/${pk.id}`, data });
  for (const agencyId of agencies) await notify(trx, { to: { agencyId }, kind, title, link: `/referrals/packages/${pk.id}`, data });
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export class ReferralIntake {
  constructor(private readonly ctx: AppContext) {}

  async upload(p: Principal, input: ReportUpload) {
    requireHub(p, 'uploading provider reports');
    const provider = input.provider.trim(),
      reference = input.reference.trim();
    if (!provider || !reference) throw new BadRequestError("a report names its provider and the provider's report reference");
    const parsed = typeof input.body === 'string' ? parseCsvReport(input.body) : parseJsonReport(input.body);
    if (!parsed.rowsTotal) throw new BadRequestError('the report has no incident rows');
    const digest = createHash('sha256')
      .update(typeof input.body === 'string' ? input.body : canonicalJson(input.body))
      .digest('hex');
    await this.ctx.matcher.start(); // before the transaction (see enrichFiles)

    return this.ctx.db.transaction().execute(async (trx) => {
      const existing = await referralsRepo.findReportByKey(trx, provider, reference);
      if (existing) return this.duplicate(trx, p, existing, digest);
      const report = await referralsRepo.insertReport(trx, {
        provider,
        reference,
        format: parsed.format,
        digest,
        rows_total: parsed.rowsTotal,
        uploaded_by: p.userId,
      });
      if (!report) return this.duplicate(trx, p, (await referralsRepo.findReportByKey(trx, provider, reference))!, digest); // a concurrent upload won

      const providerKey = provider.toLowerCase();
      const rejections: Rejection[] = [...parsed.rejections];
      const earlier = await referralsRepo.alreadyReceived(
        trx,
        providerKey,
        parsed.incidents.map((i) => i.incidentId),
      );
      const fresh: ParsedIncident[] = [];
      for (const inc of parsed.incidents) {
        const before = earlier.get(inc.incidentId);
        if (before !== undefined)
          rejections.push({
            row: inc.row,
            incidentId: inc.incidentId,
            reason: 'already_received',
            message: `incident ${inc.incidentId} was already received from ${provider} in report ${before}`,
          });
        else fresh.push(inc);
      }

      const verdicts = await enrichFiles(
        this.ctx,
        trx,
        fresh.flatMap((i) => i.files),
      );
      const members = await referralsRepo.memberCountries(trx);
      const hubs = new Set(await referralsRepo.hubCountries(trx));
      let v = 0;
      const prepared = fresh.map((inc) => {
        const files = inc.files.map((f) => ({ ...f, ...verdicts[v++]! }));
        const count = (r: string) => files.filter((f) => f.result === r).length;
        const [nNew, nNear, nExact] = [count('new'), count('known_near'), count('known_exact')];
        const route = routeCountry(inc.providerCountry, members, hubs);
        return {
          inc,
          files,
          row: {
            report_id: report.id,
            provider_key: providerKey,
            provider_incident_id: inc.incidentId,
            incident_at: inc.incidentAt,
            provider_country: inc.providerCountry,
            country: route.country,
            unassigned_reason: route.reason,
            offender_account: inc.account,
            offender_username: inc.username,
            ip_address: inc.ip,
            priority: nNew ? 0 : nNear ? 1 : 2,
            files_total: files.length,
            files_new: nNew,
            files_near: nNear,
            files_exact: nExact,
          },
        };
      });
      const inserted = new Map(
        (
          await referralsRepo.insertIncidents(
            trx,
            prepared.map((x) => x.row),
          )
        ).map((r) => [r.provider_incident_id, r]),
      );
      const accepted = prepared.filter((x) => {
        if (inserted.has(x.inc.incidentId)) return true;
        rejections.push({
          row: x.inc.row,
          incidentId: x.inc.incidentId,
          reason: 'already_received',
          message: `incident ${x.inc.incidentId} was received from ${provider} in another report at the same time`,
        });
        return false;
      });
      rejections.sort((a, b) => a.row - b.row);
      // Nothing usable: keep nothing, so the corrected report can be sent again under the same reference.
      if (!accepted.length)
        throw new BadRequestError('no row of the report could be accepted; nothing was stored', { rejected: rejections.slice(0, MAX_STORED_REJECTIONS) });
      await referralsRepo.insertFiles(
        trx,
        accepted.flatMap((x) =>
          x.files.map((f) => ({
            incident_id: inserted.get(x.inc.incidentId)!.id,
            name: f.name,
            md5: f.md5,
            sha1: f.sha1,
            sha256: f.sha256,
            pdq: f.pdq,
            result: f.result,
            media_id: f.mediaId,
            distance: f.distance,
            stage: f.stage,
            match: f.match,
          })),
        ),
      );

      // One package per member country; its NCB is told it has arrived.
      const byCountry = new Map<string, typeof accepted>();
      for (const x of accepted) {
        if (!x.row.country) continue;
        if (!byCountry.has(x.row.country)) byCountry.set(x.row.country, []);
        byCountry.get(x.row.country)!.push(x);
      }
      const packages: Array<{ id: number; country: string; incidents: number; withNew: number }> = [];
      for (const [country, list] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
        const { row: pk } = await referralsRepo.ensurePackage(trx, report.id, country);
        await referralsRepo.attachCountry(trx, report.id, country, pk.id);
        const withNew = list.filter((x) => x.row.files_new > 0).length;
        packages.push({ id: pk.id, country, incidents: list.length, withNew });
        await notifyPackage(
          trx,
          { id: pk.id, country, reportId: report.id },
          `Referral package from ${provider} (${reference}): ${plural(list.length, 'incident')}${withNew ? `, ${withNew} with new material` : ''}`,
        );
      }
      const unassigned = accepted.filter((x) => !x.row.country).length;
      if (unassigned) {
        for (const hub of hubs)
          await notify(trx, {
            to: { country: hub },
            kind: 'referral.unassigned',
            title: `${plural(unassigned, 'incident')} from ${provider} (${reference}) need a country`,
            link: `/referrals/unassigned`,
            data: { reportId: report.id },
          });
      }

      const done = await referralsRepo.finishReport(trx, report.id, {
        incidents_accepted: accepted.length,
        rows_rejected: rejections.length,
        rejections: rejections.slice(0, MAX_STORED_REJECTIONS),
      });
      const files = accepted.flatMap((x) => x.files);
      const fileCounts = {
        new: files.filter((f) => f.result === 'new').length,
        knownNear: files.filter((f) => f.result === 'known_near').length,
        knownExact: files.filter((f) => f.result === 'known_exact').length,
      };
      await recordAudit(trx, p, {
        action: 'referral.upload',
        objectType: 'referral_report',
        objectId: report.id,
        details: {
          provider,
          reference,
          format: parsed.format,
          rows: parsed.rowsTotal,
          accepted: accepted.length,
          rejected: rejections.length,
          unassigned,
          packages: packages.map((x) => ({ id: x.id, country: x.country, incidents: x.incidents })),
          files: fileCounts,
        },
      });
      return { duplicate: false, report: presentReport(done), packages, unassigned, files: fileCounts, rejected: rejections.slice(0, MAX_STORED_REJECTIONS) };
    });
  }

  /** A report received before: nothing changes; the stored outcome is returned. */
  private async duplicate(trx: Trx, p: Principal, r: ReportRow, digest: string) {
    const packages = await referralsRepo.listPackages(trx, { hub: true }, { reportId: r.id, limit: 1000 });
    const counts = await referralsRepo.packageCounts(
      trx,
      packages.map((x) => x.id),
    );
    const contentDiffers = r.digest !== digest;
    await recordAudit(trx, p, {
      action: 'referral.upload.duplicate',
      objectType: 'referral_report',
      objectId: r.id,
      details: { provider: r.provider, reference: r.reference, contentDiffers },
    });
    return {
      duplicate: true,
      ...(contentDiffers
        ? {
            warning:
              'a report with this provider and reference was already received with different content; nothing was changed (send corrections under a new reference)',
          }
        : {}),
      report: presentReport(r),
      packages: packages
        .map((x) => ({ id: x.id, country: x.country, incidents: counts.get(x.id)?.incidents ?? 0, withNew: counts.get(x.id)?.withNew ?? 0 }))
        .sort((a, b) => a.country.localeCompare(b.country)),
      unassigned: await referralsRepo.unassignedCount(trx, r.id),
      files: null,
      rejected: r.rejections,
    };
  }
}
