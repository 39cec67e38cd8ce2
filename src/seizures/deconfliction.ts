// Deconfliction: an upload that matches a series worked by another agency alerts both sides, once per
// series and seizure, inside the processing transaction. What each side learns follows the owner's
// distribution: an uploader who may not see the series is told only which country knows it and whom to call.
import { sql } from 'kysely';
import type { Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { canSee } from '../access/visibility.js';
import { notify } from '../collab/notify.js';
import type { SeizureRow } from './tables.js';

export async function recordDeconfliction(trx: Trx, seizure: SeizureRow, matchedMediaId: number): Promise<void> {
  const series = await trx
    .selectFrom('media as m')
    .innerJoin('series as s', 's.id', 'm.series_id')
    .select(['s.id', 's.number', 's.name', 's.case_id', 's.owner_agency_id', 's.owner_country', 's.distribution', 's.shared_with'])
    .where('m.id', '=', matchedMediaId)
    .executeTakeFirst();
  if (!series || series.owner_agency_id === seizure.owner_agency_id) return;
  const alert = await trx
    .insertInto('deconfliction_alerts')
    .values({
      series_id: series.id,
      seizure_id: seizure.id,
      uploader_agency_id: seizure.owner_agency_id,
      uploader_country: seizure.owner_country,
      owner_agency_id: series.owner_agency_id,
      owner_country: series.owner_country,
    })
    .onConflict((oc) => oc.columns(['series_id', 'seizure_id']).doUpdateSet({ matched_items: sql`deconfliction_alerts.matched_items + 1` }))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  if (!alert.inserted) return;

  const side = async (country: string, agencyId: number) =>
    (
      await sql<{ ncb_name: string; agency: string | null }>`
    SELECT c.ncb_name, (SELECT a.name FROM agencies a WHERE a.id = ${agencyId}) AS agency FROM countries c WHERE c.code = ${country}`.execute(trx)
    ).rows[0];
  const owner = await side(series.owner_country, series.owner_agency_id);
  const uploader = await side(seizure.owner_country, seizure.owner_agency_id);
  const uploaderView = { agencyId: seizure.owner_agency_id, countryCode: seizure.owner_country } as Principal;

  if (canSee(uploaderView, series)) {
    await notify(trx, {
      to: { agencyId: seizure.owner_agency_id },
      kind: 'deconfliction',
      title: `Seizure "${seizure.label}" matches series ${series.number} (${series.name}) of ${series.owner_country}`,
      body: `Material in your seizure is part of series ${series.number}, worked by ${owner?.agency ?? 'an agency'} (${series.owner_country}). Coordinate before acting; their NCB is ${owner?.ncb_name ?? 'unknown'}.`,
      // The uploader acts on its seizure (the series is one click further, in the item's evidence).
      link: `/seizures/${seizure.id}?series=${series.id}`,
      data: { alertId: alert.id, seizureId: seizure.id, seriesId: series.id, ownerCountry: series.owner_country },
    });
  } else {
    await notify(trx, {
      to: { agencyId: seizure.owner_agency_id },
      kind: 'deconfliction',
      title: `Seizure "${seizure.label}" holds material known to ${series.owner_country}`,
      body: `known to ${series.owner_country}, contact its NCB (${owner?.ncb_name ?? 'its national central bureau'})`,
      link: `/seizures/${seizure.id}`,
      data: { alertId: alert.id, seizureId: seizure.id, restricted: true, ownerCountry: series.owner_country },
    });
  }
  await notify(trx, {
    to: { agencyId: series.owner_agency_id },
    kind: 'deconfliction',
    title: `${seizure.owner_country} uploaded material of your series ${series.number}`,
    body: `${uploader?.agency ?? 'An agency'} (${seizure.owner_country}) seized material matching series ${series.number} (${series.name}). Coordinate through ${uploader?.ncb_name ?? 'their NCB'}.`,
    link: `/series/${series.id}`,
    data: { alertId: alert.id, seriesId: series.id, uploaderCountry: seizure.owner_country, uploaderAgencyId: seizure.owner_agency_id },
  });
}
