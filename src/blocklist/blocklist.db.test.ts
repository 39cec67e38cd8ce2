// Domain block list: normalisation at the API, two-country verification (a same-country agency does not
// activate), hub and proposer notifications, distribution as text/CSV with exactly the active domains, the
// hub's review-due list and re-verification, removal kept as history, roles, and audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows } from '../series/test-media.js';
import { addDays, isoDate } from '../shared/dates.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_AN = 'fr.analyst@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse';
const DE = 'de.investigator@demo.icse',
  DE_AN = 'de.analyst@demo.icse',
  DE_NCB = 'de.ncb@demo.icse';
const BR = 'br.investigator@demo.icse',
  HUB = 'hub.analyst@demo.icse',
  DPO = 'dpo@demo.icse',
  ADMIN = 'admin@demo.icse';
const FR2 = 'c3n.analyst@gendarmerie.test';
const yes = { childrenUnder13: true, severeAbuse: true };
let fr2Agency = 0;

beforeAll(async () => {
  sys = await startTestSystem();
  // A second French agency, to show that a same-country confirmation does not activate an entry.
  const agency = await sys.api('POST', '/api/v1/admin/agencies', { as: FR_NCB, body: { countryCode: 'FR', name: 'Gendarmerie C3N' } });
  expect(agency.statusCode, agency.body).toBe(201);
  fr2Agency = agency.json().id;
  const user = await sys.api('POST', '/api/v1/admin/users', {
    as: FR_NCB,
    body: { email: FR2, displayName: 'C3N Analyst', password: 'a-long-test-password', role: 'analyst', agencyId: fr2Agency },
  });
  expect(user.statusCode, user.body).toBe(201);
  await sys.ctx.db.updateTable('users').set({ totp_secret: null }).where('email', '=', FR2).execute(); // demo mode: sign in without a code
  await sys.login(FR2, 'a-long-test-password'); // sys.api reuses the session
});
afterAll(async () => {
  await sys?.close();
});

const inbox = async (as: string) =>
  (await sys.api('GET', '/api/v1/notifications', { as })).json().notifications as Array<{ kind: string; title: string; link: string }>;
const propose = (as: string, domain: string, extra: Record<string, unknown> = {}) =>
  sys.api('POST', '/api/v1/blocklist', { as, body: { domain, criteria: yes, ...extra } });
const verify = (as: string, id: number, criteria = yes) => sys.api('POST', `/api/v1/blocklist/${id}/verifications`, { as, body: { criteria } });
async function activeEntry(domain: string): Promise<number> {
  const r = await propose(FR, domain);
  expect(r.statusCode, r.body).toBe(201);
  expect((await verify(DE, r.json().id)).json().status).toBe('active');
  return r.json().id;
}

describe('block list', () => {
  it('normalises the proposed domain and refuses IPs, paths it cannot reduce and invalid labels with a clear 400', async () => {
    const r = await propose(FR, 'HTTPS://User@Normalised.Example-Blocked.TEST.:8443/gallery/1?id=2#x', { note: 'case FR-2026-001' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      domain: 'normalised.example-blocked.test',
      status: 'pending',
      proposerCountry: 'FR',
      verifyingCountries: ['FR'],
      previouslyRemoved: [],
    });
    expect(r.json().verifications).toMatchObject([{ kind: 'proposal', countryCode: 'FR', childrenUnder13: true, severeAbuse: true, note: 'case FR-2026-001' }]);
    expect((await auditRows(sys.ctx.db, 'blocklist.propose', r.json().id))[0]!.details).toMatchObject({ domain: 'normalised.example-blocked.test' });

    const idn = await propose(FR, 'http://münchen.example-blocked.test/');
    expect(idn.json().domain).toBe('xn--mnchen-3ya.example-blocked.test');
    // The same domain in another spelling is the same entry.
    const again = await propose(DE, 'xn--MNCHEN-3ya.example-blocked.test');
    expect(again.statusCode).toBe(409);
    expect(again.json().details).toMatchObject({ entryId: idn.json().id, status: 'pending' });

    for (const [input, reason] of [
      ['192.0.2.10', /IP address/],
      ['http://[2001:db8::5]/x', /IP address/],
      ['*.example-blocked.test', /wildcard/],
      ['bad_label.test', /not allowed/],
      ['blocked', /single label/],
    ] as const) {
      const bad = await propose(FR, input);
      expect(bad.statusCode, input).toBe(400);
      expect(bad.json().message, input).toMatch(reason);
    }
    // The exact-domain filter normalises too.
    const found = (await sys.api('GET', `/api/v1/blocklist?domain=${encodeURIComponent('https://NORMALISED.example-blocked.test/x')}`, { as: DE })).json();
    expect(found.entries.map((e: { id: number }) => e.id)).toEqual([r.json().id]);
    expect((await sys.api('GET', '/api/v1/blocklist?domain=10.0.0.1', { as: DE })).statusCode).toBe(400);
  });

  it("a same-country confirmation does not activate; another country's does, and the proposer's agency is told", async () => {
    const p = await propose(FR, 'two-countries.example-blocked.test');
    const id = p.json().id as number;
    expect(
      (await inbox(HUB)).some(
        (m) => m.kind === 'blocklist.proposed' && m.link === `/blocklist/${id}` && m.title.includes('two-countries.example-blocked.test'),
      ),
    ).toBe(true);

    // The proposer's own agency has already verified; a second French agency is recorded but does not activate.
    expect((await verify(FR_AN, id)).statusCode).toBe(409);
    const same = await verify(FR2, id);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ status: 'pending', activated: false, verifyingCountries: ['FR'], activatedAt: null, reviewDue: null });
    expect(same.json().verifications.map((v: { kind: string; agencyId: number }) => [v.kind, v.agencyId])).toEqual([
      ['proposal', p.json().proposerAgencyId],
      ['confirmation', fr2Agency],
    ]);
    expect((await auditRows(sys.ctx.db, 'blocklist.confirm', id))[0]!.details).toMatchObject({ activated: false, countries: ['FR'] });

    // Both criteria must be attested; the hub does not count as a country; NCB officers do not verify.
    expect((await verify(DE, id, { childrenUnder13: true, severeAbuse: false })).statusCode).toBe(400);
    expect((await sys.api('POST', `/api/v1/blocklist/${id}/verifications`, { as: DE, body: { criteria: { childrenUnder13: true } } })).statusCode).toBe(400);
    expect((await verify(HUB, id)).statusCode).toBe(403);
    expect((await verify(DE_NCB, id)).statusCode).toBe(403);
    expect((await sys.api('GET', `/api/v1/blocklist/${id}`, { as: DE })).json().status).toBe('pending');

    const other = await verify(DE, id);
    expect(other.json()).toMatchObject({ status: 'active', activated: true, verifyingCountries: ['FR', 'DE'], reviewDue: addDays(new Date(), 90) });
    expect(other.json().activatedAt).not.toBeNull();
    expect((await verify(DE_AN, id)).json()).toMatchObject({ status: 'active', activated: false }); // now a re-verification
    expect((await inbox(FR)).some((m) => m.kind === 'blocklist.activated' && m.link === `/blocklist/${id}`)).toBe(true);
    expect((await inbox(FR2)).some((m) => m.kind === 'blocklist.activated')).toBe(false);
    expect((await inbox(DE)).some((m) => m.kind === 'blocklist.activated')).toBe(false);
    expect(await auditRows(sys.ctx.db, 'blocklist.activate', id)).toHaveLength(1);
    expect((await sys.api('GET', `/api/v1/blocklist/${id}`, { as: BR })).statusCode).toBe(200);
    expect((await auditRows(sys.ctx.db, 'blocklist.read', id)).map((r) => r.actor_email)).toContain(BR);
  });

  it('the download for access providers carries exactly the active domains, as text and CSV, audited with the count', async () => {
    const a = await activeEntry('zz-active-one.example-blocked.test');
    await activeEntry('aa-active-two.example-blocked.test');
    await propose(FR, 'pending-only.example-blocked.test');
    const gone = await activeEntry('gone.example-blocked.test');
    expect((await sys.api('POST', `/api/v1/blocklist/${gone}/remove`, { as: HUB, body: { reason: 'content gone, site offline' } })).statusCode).toBe(200);

    const active = (await sys.api('GET', '/api/v1/blocklist?status=active&limit=500', { as: HUB })).json().entries as Array<{
      domain: string;
      activatedAt: string;
      reviewDue: string;
    }>;
    const expected = active.map((e) => e.domain).sort();
    expect(expected).toContain('zz-active-one.example-blocked.test');
    expect(expected).not.toContain('pending-only.example-blocked.test');
    expect(expected).not.toContain('gone.example-blocked.test');

    const txt = await sys.api('GET', '/api/v1/blocklist/download', { as: DE_NCB });
    expect(txt.statusCode, txt.body).toBe(200);
    expect(txt.headers['content-type']).toMatch(/^text\/plain/);
    expect(txt.headers['x-domain-count']).toBe(String(expected.length));
    expect(txt.body).toBe(expected.map((d) => `${d}\n`).join(''));
    expect((await auditRows(sys.ctx.db, 'blocklist.download')).at(-1)).toMatchObject({
      actor_email: DE_NCB,
      details: { format: 'txt', count: expected.length },
    });

    const csv = await sys.api('GET', '/api/v1/blocklist/download?format=csv', { as: HUB });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="icse-blocklist-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('domain,activated_at,review_due');
    const byDomain = new Map(active.map((e) => [e.domain, e]));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected);
    for (const l of lines.slice(1)) {
      const [domain, activatedAt, reviewDue] = l.split(',');
      expect([activatedAt, reviewDue]).toEqual([byDomain.get(domain!)!.activatedAt, byDomain.get(domain!)!.reviewDue]);
    }
    expect(lines.find((l) => l.startsWith('zz-active-one'))).toMatch(/^zz-active-one\.example-blocked\.test,\d{4}-\d{2}-\d{2}T[\d:.]+Z,\d{4}-\d{2}-\d{2}$/);
    expect((await auditRows(sys.ctx.db, 'blocklist.download')).at(-1)).toMatchObject({ actor_email: HUB, details: { format: 'csv', count: expected.length } });
    expect(a).toBeGreaterThan(0);

    // Who distributes: NCB officers and the hub only.
    for (const as of [FR, FR_AN, DPO]) expect((await sys.api('GET', '/api/v1/blocklist/download', { as })).statusCode, as).toBe(403);
    expect((await sys.api('GET', '/api/v1/blocklist/download?format=xml', { as: DE_NCB })).statusCode).toBe(400);
  });

  it('the hub lists entries due for review; a re-verification moves the date', async () => {
    const fresh = await activeEntry('fresh.example-blocked.test');
    const old = await activeEntry('overdue.example-blocked.test');
    await sql`UPDATE blocklist_entries SET review_due = ${addDays(new Date(), -3)}::date WHERE id = ${old}`.execute(sys.ctx.db);

    const due = await sys.api('GET', '/api/v1/blocklist/review-due', { as: HUB });
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json().until).toBe(isoDate(new Date()));
    const dueIds = due.json().entries.map((e: { id: number }) => e.id);
    expect(dueIds).toContain(old);
    expect(dueIds).not.toContain(fresh);
    expect(due.json().entries.find((e: { id: number }) => e.id === old).reviewDue).toBe(addDays(new Date(), -3));
    const soon = (await sys.api('GET', '/api/v1/blocklist/review-due?withinDays=90', { as: HUB })).json().entries.map((e: { id: number }) => e.id);
    expect(soon).toEqual(expect.arrayContaining([old, fresh]));
    expect(soon.indexOf(old)).toBeLessThan(soon.indexOf(fresh)); // most overdue first
    expect((await auditRows(sys.ctx.db, 'blocklist.review_due')).at(-1)!.details).toMatchObject({ count: soon.length });

    // The review list is the hub's; member analysts are refused, investigators by role.
    expect((await sys.api('GET', '/api/v1/blocklist/review-due', { as: DE_AN })).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/blocklist/review-due', { as: DE })).statusCode).toBe(403);

    // The hub re-verifies (the content is still there and still meets the criteria).
    const re = await verify(HUB, old);
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ status: 'active', reviewDue: addDays(new Date(), 90), verifyingCountries: ['FR', 'DE'] });
    expect(re.json().verifications.at(-1)).toMatchObject({ kind: 'review', countryCode: 'XG' });
    expect((await auditRows(sys.ctx.db, 'blocklist.reverify', old))[0]!.details).toMatchObject({
      previousReviewDue: addDays(new Date(), -3),
      reviewDue: addDays(new Date(), 90),
    });
    expect((await sys.api('GET', '/api/v1/blocklist/review-due', { as: HUB })).json().entries.map((e: { id: number }) => e.id)).not.toContain(old);
  });

  it('removal by the hub or a verifying agency, kept as history; the domain comes back only with new verifications', async () => {
    const id = await activeEntry('removed.example-blocked.test');
    expect((await sys.api('POST', `/api/v1/blocklist/${id}/remove`, { as: BR, body: { reason: 'x' } })).statusCode).toBe(403); // did not verify
    expect((await sys.api('POST', `/api/v1/blocklist/${id}/remove`, { as: FR_NCB, body: { reason: 'x' } })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/blocklist/${id}/remove`, { as: DE, body: { reason: '   ' } })).statusCode).toBe(400);
    const removed = await sys.api('POST', `/api/v1/blocklist/${id}/remove`, { as: DE, body: { reason: 'content removed by the host on 2026-03-01' } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'removed', removalReason: 'content removed by the host on 2026-03-01' });
    expect(removed.json().activatedAt).not.toBeNull(); // history kept
    expect((await inbox(FR)).some((m) => m.kind === 'blocklist.removed' && m.link === `/blocklist/${id}`)).toBe(true);
    expect((await auditRows(sys.ctx.db, 'blocklist.remove', id))[0]).toMatchObject({
      actor_email: DE,
      details: { previousStatus: 'active', reason: 'content removed by the host on 2026-03-01' },
    });

    expect((await sys.api('POST', `/api/v1/blocklist/${id}/remove`, { as: HUB, body: { reason: 'again' } })).statusCode).toBe(409);
    expect((await verify(DE_AN, id)).statusCode).toBe(409); // not revived by a verification
    expect((await sys.api('GET', '/api/v1/blocklist?status=removed', { as: FR })).json().entries.map((e: { id: number }) => e.id)).toContain(id);
    expect((await sys.api('GET', '/api/v1/blocklist/download', { as: FR_NCB })).body.split('\n')).not.toContain('removed.example-blocked.test');

    // Listed again: a new pending entry that needs two countries again.
    const back = await propose(BR, 'https://removed.example-blocked.test/new-path');
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ status: 'pending', previouslyRemoved: [{ id, reason: 'content removed by the host on 2026-03-01' }] });
    expect(back.json().id).not.toBe(id);
    expect((await verify(BR, back.json().id)).statusCode).toBe(409);
    expect((await verify(FR_AN, back.json().id)).json()).toMatchObject({ status: 'active', verifyingCountries: ['BR', 'FR'] });
    const history = (await sys.api('GET', '/api/v1/blocklist?q=removed.example', { as: HUB }))
      .json()
      .entries.map((e: { id: number; status: string }) => [e.id, e.status]);
    expect(history).toEqual([
      [back.json().id, 'active'],
      [id, 'removed'],
    ]);

    // A pending proposal withdrawn by its agency; the hub removes any entry.
    const pending = (await propose(FR, 'withdrawn.example-blocked.test')).json().id;
    expect((await sys.api('POST', `/api/v1/blocklist/${pending}/remove`, { as: FR_AN, body: { reason: 'wrong domain' } })).json().status).toBe('removed');
    const hubbed = await activeEntry('hub-removed.example-blocked.test');
    expect((await sys.api('POST', `/api/v1/blocklist/${hubbed}/remove`, { as: ADMIN, body: { reason: 'content gone' } })).json().status).toBe('removed');
  });

  it('roles: proposing is for member investigators and analysts; the dpo does not read the list', async () => {
    expect((await propose(FR_NCB, 'role.example-blocked.test')).statusCode).toBe(403);
    expect((await propose(HUB, 'role.example-blocked.test')).statusCode).toBe(403);
    expect((await propose(ADMIN, 'role.example-blocked.test')).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/blocklist', { as: DPO })).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/blocklist/1', { as: DPO })).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/blocklist/999999', { as: FR })).statusCode).toBe(404);
    expect((await sys.api('POST', '/api/v1/blocklist', { as: FR, body: { domain: 'x.test', criteria: yes, extra: 1 } })).statusCode).toBe(400);
    expect((await propose(FR, 'criteria.example-blocked.test', { criteria: { childrenUnder13: false, severeAbuse: true } })).statusCode).toBe(400);
    const list = await sys.api('GET', '/api/v1/blocklist?status=pending', { as: DE_NCB });
    expect(list.statusCode).toBe(200);
    expect(list.json().entries.every((e: { status: string }) => e.status === 'pending')).toBe(true);
    expect((await auditRows(sys.ctx.db, 'blocklist.list')).at(-1)).toMatchObject({
      actor_email: DE_NCB,
      details: { count: list.json().entries.length, filter: { status: 'pending' } },
    });
  });
});
