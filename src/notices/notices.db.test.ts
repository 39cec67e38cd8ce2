// Notices and diffusions: NCB-only requests, minimum particulars, hub compliance review with YYYY/NNNN
// numbers, visibility by state and recipients (404 otherwise), public extracts only with consent,
// cancellation, inbox notifications and audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows } from '../series/test-media.js';

let sys: TestSystem;
const FR_NCB = 'fr.ncb@demo.icse',
  FR = 'fr.investigator@demo.icse',
  DE_NCB = 'de.ncb@demo.icse',
  DE = 'de.investigator@demo.icse';
const BR = 'br.investigator@demo.icse',
  HUB = 'hub.analyst@demo.icse',
  DPO = 'dpo@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const missingChild = { forename: 'Léa', name: 'DUPONT', sex_id: 'F', date_of_birth: '2014', nationalities: ['FR'], place: 'Lyon', date_of_event: '2026-10-03' };
const ids = (r: { json(): { notices: Array<{ id: number }> } }) => r.json().notices.map((n) => n.id);
const inbox = async (as: string) =>
  (await sys.api('GET', '/api/v1/notifications', { as })).json().notifications as Array<{ kind: string; title: string; link: string }>;

describe('notices', () => {
  it('yellow notice: drafted by an NCB, refused then published by the hub, seen by every country once published', async () => {
    // Only NCB officers ask; an investigator is refused by role.
    expect((await sys.api('POST', '/api/v1/notices', { as: FR, body: { kind: 'yellow', subject: missingChild } })).statusCode).toBe(403);
    const series = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Lyon scenes' } })).json();
    const victim = (await sys.api('POST', `/api/v1/series/${series.id}/victims`, { as: FR, body: { label: 'Victim L' } })).json();
    const draft = await sys.api('POST', '/api/v1/notices', {
      as: FR_NCB,
      body: { kind: 'yellow', subject: { ...missingChild, date_of_birth: undefined }, victimId: victim.id, publicExtract: true, requesterConsent: true },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const n = draft.json();
    expect(n).toMatchObject({ kind: 'yellow', channel: 'notice', status: 'draft', entityId: null, requestingCountry: 'FR', victimId: victim.id });

    // A draft is the requesting country's own business: 404 for others, hub included.
    for (const as of [DE, HUB]) expect((await sys.api('GET', `/api/v1/notices/${n.id}`, { as })).statusCode).toBe(404);
    expect(ids(await sys.api('GET', '/api/v1/notices', { as: FR }))).toContain(n.id);
    expect(ids(await sys.api('GET', '/api/v1/notices', { as: DE }))).not.toContain(n.id);

    // The minimum identifiers are checked before it leaves the country.
    const incomplete = await sys.api('POST', `/api/v1/notices/${n.id}/submit`, { as: FR_NCB });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().details.missing).toEqual(['date_of_birth', 'summary or distinguishing_marks (a description)']);
    expect((await sys.api('PATCH', `/api/v1/notices/${n.id}`, { as: DE_NCB, body: { summary: 'x' } })).statusCode).toBe(404);
    expect(
      (
        await sys.api('PATCH', `/api/v1/notices/${n.id}`, {
          as: FR_NCB,
          body: { subject: { date_of_birth: '2014-05' }, summary: 'Missing since 3 October; seen with an adult in a red car.' },
        })
      ).statusCode,
    ).toBe(200);
    const submitted = await sys.api('POST', `/api/v1/notices/${n.id}/submit`, { as: FR_NCB });
    expect(submitted.json()).toMatchObject({ status: 'submitted', subject: { date_of_birth: '2014-05', name: 'DUPONT' } });
    expect((await inbox(HUB)).some((m) => m.kind === 'notice.review' && m.link === `/notices/${n.id}`)).toBe(true);

    // Submitted: the hub sees it, other countries still do not; only the hub reviews.
    expect((await sys.api('GET', `/api/v1/notices/${n.id}`, { as: HUB })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/notices/${n.id}`, { as: BR })).statusCode).toBe(404);
    expect((await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: 'de.analyst@demo.icse', body: { decision: 'publish' } })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'refuse' } })).statusCode).toBe(400);
    const refused = await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'refuse', note: 'add the place of birth' } });
    expect(refused.json()).toMatchObject({ status: 'refused', reviewNote: 'add the place of birth' });
    expect((await inbox(FR_NCB)).some((m) => m.kind === 'notice.refused' && m.title.includes('add the place of birth'))).toBe(true);

    // Edited, it is a draft again; submitted and published it gets a number and reaches every country.
    expect((await sys.api('PATCH', `/api/v1/notices/${n.id}`, { as: FR_NCB, body: { subject: { place_of_birth: 'Lyon' } } })).json().status).toBe('draft');
    await sys.api('POST', `/api/v1/notices/${n.id}/submit`, { as: FR_NCB });
    const published = (await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'publish' } })).json();
    expect(published.status).toBe('published');
    expect(published.entityId).toMatch(new RegExp(`^${new Date().getUTCFullYear()}/\\d{4}$`));
    expect((await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'publish' } })).statusCode).toBe(409);
    const br = await sys.api('GET', `/api/v1/notices/${n.id}`, { as: BR });
    expect(br.statusCode).toBe(200);
    expect(br.json()).toMatchObject({ entityId: published.entityId, subject: { name: 'DUPONT' }, victimId: victim.id });
    expect(br.json().reviewNote).toBeUndefined(); // the review exchange stays between the NCB and the hub
    expect(ids(await sys.api('GET', `/api/v1/notices?q=dupont&kind=yellow`, { as: BR }))).toEqual([n.id]);
    expect(ids(await sys.api('GET', `/api/v1/notices?q=${encodeURIComponent(published.entityId)}`, { as: DE }))).toEqual([n.id]);
    expect(ids(await sys.api('GET', `/api/v1/notices?victimId=${victim.id}`, { as: DE }))).toEqual([n.id]);
    expect((await sys.api('PATCH', `/api/v1/notices/${n.id}`, { as: FR_NCB, body: { summary: 'changed' } })).statusCode).toBe(409);

    // The public extract carries only the public fields.
    const extract = (await sys.api('GET', `/api/v1/notices/${n.id}/extract`, { as: DE })).json();
    expect(extract).toEqual({
      entity_id: published.entityId,
      forename: 'Léa',
      name: 'DUPONT',
      sex_id: 'F',
      date_of_birth: '2014-05',
      nationalities: ['FR'],
      place: 'Lyon',
      date_of_event: '2026-10-03',
      place_of_birth: 'Lyon',
    });

    // Found: the NCB withdraws it; the hub is told.
    expect((await sys.api('POST', `/api/v1/notices/${n.id}/cancel`, { as: DE_NCB, body: { reason: 'x' } })).statusCode).toBe(403);
    const cancelled = (await sys.api('POST', `/api/v1/notices/${n.id}/cancel`, { as: FR_NCB, body: { reason: 'found safe on 2026-11-20' } })).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'found safe on 2026-11-20' });
    expect((await sys.api('GET', `/api/v1/notices/${n.id}/extract`, { as: DE })).statusCode).toBe(409);
    expect((await inbox(HUB)).some((m) => m.kind === 'notice.cancelled')).toBe(true);

    for (const action of [
      'notice.create',
      'notice.update',
      'notice.submit',
      'notice.refuse',
      'notice.publish',
      'notice.read',
      'notice.extract',
      'notice.cancel',
    ]) {
      expect((await auditRows(sys.ctx.db, action, n.id)).length, action).toBeGreaterThan(0);
    }
  });

  it('publication numbers are consecutive within the year', async () => {
    const numbers: string[] = [];
    for (const forename of ['A', 'B']) {
      const n = (
        await sys.api('POST', '/api/v1/notices', {
          as: DE_NCB,
          body: {
            kind: 'green',
            subject: { ...missingChild, forename, name: 'MEIER', sex_id: 'M', date_of_birth: '1970-01-01' },
            summary: 'Convicted twice; travels to the region.',
          },
        })
      ).json();
      await sys.api('POST', `/api/v1/notices/${n.id}/submit`, { as: DE_NCB });
      numbers.push((await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'publish' } })).json().entityId);
    }
    const [a, b] = numbers.map((x) => Number(x.split('/')[1]));
    expect(b).toBe(a! + 1);
  });

  it('green notices have no public extract and link only to offenders', async () => {
    const base = { kind: 'green', subject: { forename: 'K', name: 'ROSS', sex_id: 'M', date_of_birth: '1980' }, summary: 'warning' };
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { ...base, publicExtract: true } })).statusCode).toBe(400);
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { ...base, victimId: 1 } })).statusCode).toBe(400);
    // An offender of a series another agency keeps to itself is not found.
    const series = (await sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'kept', distribution: 'agency' } })).json();
    const offender = (await sys.api('POST', `/api/v1/series/${series.id}/offenders`, { as: DE, body: { label: 'O1' } })).json();
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { ...base, offenderId: offender.id } })).statusCode).toBe(404);
    const n = (await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: base })).json();
    await sys.api('POST', `/api/v1/notices/${n.id}/submit`, { as: FR_NCB });
    await sys.api('POST', `/api/v1/notices/${n.id}/review`, { as: HUB, body: { decision: 'publish' } });
    expect((await sys.api('GET', `/api/v1/notices/${n.id}/extract`, { as: BR })).statusCode).toBe(409);
  });

  it('a diffusion goes straight to the countries it names, and only to them', async () => {
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'green', channel: 'diffusion', subject: missingChild } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'green', channel: 'diffusion', recipients: ['ZZ'], subject: missingChild } })
      ).json().details.unknown,
    ).toEqual(['ZZ']);
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'green', recipients: ['DE'], subject: missingChild } })).statusCode).toBe(400);
    const d = (
      await sys.api('POST', '/api/v1/notices', {
        as: FR_NCB,
        body: {
          kind: 'green',
          channel: 'diffusion',
          recipients: ['de', 'FR'],
          subject: { forename: 'P', name: 'NOVAK', sex_id: 'M', date_of_birth: '1975' },
          summary: 'Travelling to Germany next week.',
        },
      })
    ).json();
    expect(d.recipients).toEqual(['DE']);
    const sent = (await sys.api('POST', `/api/v1/notices/${d.id}/submit`, { as: FR_NCB })).json();
    expect(sent).toMatchObject({ status: 'published', entityId: null });
    expect((await sys.api('GET', `/api/v1/notices/${d.id}`, { as: DE })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/notices/${d.id}`, { as: BR })).statusCode).toBe(404);
    expect(ids(await sys.api('GET', '/api/v1/notices?channel=diffusion', { as: BR }))).not.toContain(d.id);
    expect((await inbox(DE)).some((m) => m.kind === 'notice.diffusion' && m.link === `/notices/${d.id}`)).toBe(true);
    expect((await inbox(BR)).some((m) => m.kind === 'notice.diffusion')).toBe(false);
    expect((await sys.api('POST', `/api/v1/notices/${d.id}/review`, { as: HUB, body: { decision: 'publish' } })).statusCode).toBe(409);
  });

  it('the dpo role does not read notices; bad bodies get 400', async () => {
    expect((await sys.api('GET', '/api/v1/notices', { as: DPO })).statusCode).toBe(403);
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'red', subject: {} } })).statusCode).toBe(400);
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'yellow', subject: { date_of_birth: '14/05/2014' } } })).statusCode).toBe(400);
    expect((await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { kind: 'yellow', subject: { eye: 'blue' } } })).statusCode).toBe(400);
  });
});
