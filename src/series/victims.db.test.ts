// Victims, offenders, places: identification by another country, notifications, restricted records, links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, insertMedia, userOf } from './test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_AN = 'de.analyst@demo.icse',
  BR = 'br.investigator@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const notificationsTo = async (agencyId: number, kind: string) =>
  (
    await sql<{
      title: string;
      data: Record<string, unknown>;
    }>`SELECT title, data FROM notifications WHERE recipient_agency_id = ${agencyId} AND kind = ${kind} ORDER BY id`.execute(sys.ctx.db)
  ).rows;

describe('victims', () => {
  it('another country identifies and rescues; a third country sees the status; the owner is notified', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Identification' } })).json();
    const v = await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Victim A', notes: 'school uniform' } });
    expect(v.statusCode).toBe(201);
    const victim = v.json();
    expect(victim).toMatchObject({ label: 'Victim A', identified: false, rescued: false, distribution: 'all', ownerCountry: 'FR' });
    expect((await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: DE, body: { label: 'x' } })).statusCode).toBe(403);

    // Germany recognises the child: reports for its own country only.
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: DE, body: { country: 'BR' } })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: DE, body: { date: '2999-01-01' } })).statusCode).toBe(400);
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: DE, body: { date: '2025-02-30' } })).statusCode).toBe(400);
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/rescue`, { as: DE, body: {} })).statusCode).toBe(409);
    const id = await sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: DE, body: { date: '2025-03-04' } });
    expect((await sys.api('POST', `/api/v1/offenders/999999/identify`, { as: DE })).statusCode).toBe(404); // no body at all is fine
    expect(id.statusCode).toBe(200);
    expect(id.json()).toMatchObject({ identified: true, identifiedByCountry: 'DE', identifiedAt: '2025-03-04' });
    const again = await sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: BR, body: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('DE');

    // A third country that can see the series sees the new status.
    const br = (await sys.api('GET', `/api/v1/victims/${victim.id}`, { as: BR })).json();
    expect(br).toMatchObject({ identified: true, identifiedByCountry: 'DE', identifiedAt: '2025-03-04', rescued: false });
    expect((await sys.api('GET', `/api/v1/series/${s.id}/victims`, { as: BR })).json().items[0]).toMatchObject({ id: victim.id, identified: true });

    // Rescue: by the identifying country (or the owner), not by a bystander.
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/rescue`, { as: BR, body: {} })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/victims/${victim.id}/rescue`, { as: DE_AN, body: { date: '2025-03-01' } })).statusCode).toBe(400);
    const rescued = await sys.api('POST', `/api/v1/victims/${victim.id}/rescue`, { as: DE_AN, body: { date: '2025-03-10' } });
    expect(rescued.json()).toMatchObject({ rescued: true, rescuedAt: '2025-03-10' });

    const frAgency = (await userOf(sys.ctx.db, FR)).agency_id;
    const identified = await notificationsTo(frAgency, 'victim_identified');
    expect(identified).toHaveLength(1);
    expect(identified[0]!.title).toContain('Victim A');
    expect(identified[0]!.data).toMatchObject({ victimId: victim.id, country: 'DE', date: '2025-03-04' });
    expect(await notificationsTo(frAgency, 'victim_rescued')).toHaveLength(1);
    expect((await sys.api('GET', `/api/v1/series/${s.id}`, { as: BR })).json().counts).toMatchObject({ victims: 1, victimsIdentified: 1, victimsRescued: 1 });
    expect((await auditRows(sys.ctx.db, 'victim.identify', victim.id))[0]).toMatchObject({ actor_email: DE });
    expect((await auditRows(sys.ctx.db, 'victim.read', victim.id)).map((a) => a.actor_email)).toEqual([BR]);

    // The owner withdraws an identification reported in error.
    const withdrawn = await sys.api('PATCH', `/api/v1/victims/${victim.id}`, { as: FR, body: { identified: false } });
    expect(withdrawn.json()).toMatchObject({ identified: false, identifiedByCountry: null, rescued: false });
    expect((await sys.api('PATCH', `/api/v1/victims/${victim.id}`, { as: DE, body: { notes: 'x' } })).statusCode).toBe(403);
  });

  it('a restricted victim is not found by other countries', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Restricted' } })).json();
    const hidden = (await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Hidden child', distribution: 'agency' } })).json();
    const shared = (
      await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Shared with DE', distribution: 'countries', sharedWith: ['DE'] } })
    ).json();
    for (const who of [DE, BR]) {
      const r = await sys.api('GET', `/api/v1/victims/${hidden.id}`, { as: who });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('Hidden child');
      expect((await sys.api('POST', `/api/v1/victims/${hidden.id}/identify`, { as: who, body: {} })).statusCode).toBe(404);
    }
    expect((await sys.api('GET', `/api/v1/victims/${shared.id}`, { as: DE })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/victims/${shared.id}`, { as: BR })).statusCode).toBe(404);
    const brList = (await sys.api('GET', `/api/v1/series/${s.id}/victims`, { as: BR })).json().items;
    expect(brList).toEqual([]);
    // A victim of a series one cannot see is not visible either, whatever its own distribution.
    const secret = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Secret', distribution: 'agency' } })).json();
    const open = (await sys.api('POST', `/api/v1/series/${secret.id}/victims`, { as: FR, body: { label: 'Open', distribution: 'all' } })).json();
    expect((await sys.api('GET', `/api/v1/victims/${open.id}`, { as: DE })).statusCode).toBe(404);
  });

  it('offenders, places and media links', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Links' } })).json();
    const off = (await sys.api('POST', `/api/v1/series/${s.id}/offenders`, { as: FR, body: { label: 'Offender 1' } })).json();
    const place = await sys.api('POST', `/api/v1/series/${s.id}/places`, {
      as: FR,
      body: { description: 'Bedroom, blue wallpaper', clues: 'Type F socket', countryGuess: 'de' },
    });
    expect(place.statusCode).toBe(201);
    expect(place.json()).toMatchObject({ description: 'Bedroom, blue wallpaper', countryGuess: 'DE' });
    const victim = (await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Victim B' } })).json();
    const oid = await sys.api('POST', `/api/v1/offenders/${off.id}/identify`, { as: BR, body: {} });
    expect(oid.json()).toMatchObject({ identified: true, identifiedByCountry: 'BR' });
    expect(await notificationsTo((await userOf(sys.ctx.db, FR)).agency_id, 'offender_identified')).toHaveLength(1);

    const m = await insertMedia(sys.ctx.db, { ownerEmail: FR, seriesId: s.id });
    const hiddenM = await insertMedia(sys.ctx.db, { ownerEmail: FR, seriesId: s.id, distribution: 'agency' });
    expect((await sys.api('PUT', `/api/v1/media/${m.id}/links/victim/${victim.id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('PUT', `/api/v1/media/${hiddenM.id}/links/victim/${victim.id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('PUT', `/api/v1/media/${m.id}/links/place/${place.json().id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('PUT', `/api/v1/media/${m.id}/links/victim/${victim.id}`, { as: DE })).statusCode).toBe(403);
    expect((await sys.api('GET', `/api/v1/victims/${victim.id}`, { as: FR })).json().mediaIds).toEqual([m.id, hiddenM.id].sort((a, b) => a - b));
    expect((await sys.api('GET', `/api/v1/victims/${victim.id}`, { as: DE })).json().mediaIds).toEqual([m.id]);
    const media = (await sys.api('GET', `/api/v1/media/${m.id}`, { as: DE })).json();
    expect(media.links).toEqual([
      { entityType: 'place', entityId: place.json().id, title: 'Bedroom, blue wallpaper' },
      { entityType: 'victim', entityId: victim.id, title: 'Victim B' },
    ]);
    expect(media.series).toMatchObject({ id: s.id, number: s.number });
    expect((await sys.api('DELETE', `/api/v1/media/${m.id}/links/victim/${victim.id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('DELETE', `/api/v1/media/${m.id}/links/victim/${victim.id}`, { as: FR })).statusCode).toBe(404);

    expect((await sys.api('DELETE', `/api/v1/places/${place.json().id}`, { as: DE })).statusCode).toBe(403);
    expect((await sys.api('DELETE', `/api/v1/places/${place.json().id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/places/${place.json().id}`, { as: FR })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${m.id}`, { as: FR })).json().links).toEqual([]);
    expect((await sys.api('POST', `/api/v1/series/${s.id}/places`, { as: FR, body: { clues: 'no description' } })).statusCode).toBe(400);
  });
});
