// Programme statistics. Aggregates count every record (statistics are not case data) but carry no
// names, labels or identifiers of restricted records: only numbers per country and per month.
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';

export class StatsService {
  constructor(private readonly db: Db) {}

  get(p: Principal) {
    return this.db.transaction().execute(async (trx) => {
      const t = (
        await sql<Record<string, number>>`SELECT
          (SELECT count(*)::int FROM media) AS media,
          (SELECT count(*)::int FROM series) AS series,
          (SELECT count(*)::int FROM victims) AS victims,
          (SELECT count(*)::int FROM victims WHERE identified) AS victims_identified,
          (SELECT count(*)::int FROM victims WHERE rescued) AS victims_rescued,
          (SELECT count(*)::int FROM offenders) AS offenders,
          (SELECT count(*)::int FROM offenders WHERE identified) AS offenders_identified,
          (SELECT count(DISTINCT u.country_code)::int FROM users u JOIN countries c ON c.code = u.country_code
             WHERE NOT u.disabled AND c.active AND NOT c.is_hub) AS countries_connected,
          (SELECT count(*)::int FROM agencies a JOIN countries c ON c.code = a.country_code WHERE c.active AND NOT c.is_hub) AS agencies`.execute(trx)
      ).rows[0]!;
      const perMonth = (
        await sql<{ month: string; victims: number; rescued: number }>`
        SELECT m.month, coalesce(i.n, 0)::int AS victims, coalesce(r.n, 0)::int AS rescued FROM
          (SELECT DISTINCT to_char(d, 'YYYY-MM') AS month FROM (SELECT identified_at AS d FROM victims WHERE identified UNION ALL SELECT rescued_at FROM victims WHERE rescued) x) m
          LEFT JOIN (SELECT to_char(identified_at, 'YYYY-MM') AS month, count(*) AS n FROM victims WHERE identified GROUP BY 1) i ON i.month = m.month
          LEFT JOIN (SELECT to_char(rescued_at, 'YYYY-MM') AS month, count(*) AS n FROM victims WHERE rescued GROUP BY 1) r ON r.month = m.month
        ORDER BY m.month`.execute(trx)
      ).rows;
      const perCountry = (
        await sql<{ code: string; name: string; media: number; series: number; victims_identified: number; offenders_identified: number }>`
        SELECT c.code, c.name,
          (SELECT count(*)::int FROM media WHERE owner_country = c.code) AS media,
          (SELECT count(*)::int FROM series WHERE owner_country = c.code) AS series,
          (SELECT count(*)::int FROM victims WHERE identified AND identified_by_country = c.code) AS victims_identified,
          (SELECT count(*)::int FROM offenders WHERE identified AND identified_by_country = c.code) AS offenders_identified
        FROM countries c WHERE c.active ORDER BY c.code`.execute(trx)
      ).rows;
      await recordAudit(trx, p, { action: 'stats.read', objectType: 'stats' });
      return {
        totals: {
          media: t.media!,
          series: t.series!,
          victims: t.victims!,
          victimsIdentified: t.victims_identified!,
          victimsRescued: t.victims_rescued!,
          offenders: t.offenders!,
          offendersIdentified: t.offenders_identified!,
          countriesConnected: t.countries_connected!,
          agencies: t.agencies!,
        },
        identificationsPerMonth: perMonth.map((m) => ({ month: m.month, victimsIdentified: m.victims, victimsRescued: m.rescued })),
        perCountry: perCountry.map((c) => ({
          country: c.code.trim(),
          name: c.name,
          media: c.media,
          series: c.series,
          victimsIdentified: c.victims_identified,
          offendersIdentified: c.offenders_identified,
        })),
        generatedAt: new Date().toISOString(),
      };
    });
  }
}
