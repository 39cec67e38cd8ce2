// Regression tests for the holes a hostile probe found (issue 14, items 1, 2, 4-8, 17), each through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { insertMedia, randomHex, userOf } from '../series/test-media.js';
import { totpNow } from '../identity/totp.js';
import { SearchService } from '../search/service.js';
import { systemPrincipal, type Principal } from '../access/principal.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_NCB = 'de.ncb@demo.icse';
const BR = 'br.investigator@demo.icse',
  HUB = 'hub.analyst@demo.icse',
  ADMIN = 'admin@demo.icse',
  HUB_DPO = 'dpo@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const yellow = (name: string) => ({
  kind: 'yellow',
  subject: { name, forename: 'Ana', sex_id: 'F', date_of_birth: '2012', distinguishing_marks: 'scar on the left hand' },
  summary: 'missing since May',
});
const ids = (list: Array<{ id: number }>) => list.map((x) => x.id);

function multipart(name: string, bytes: Buffer) {
  const boundary = `----icse${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('item 1: a cancelled notice is published only if it was', () => {
  it("a draft, a submitted and a refused request stay out of other countries' sight once cancelled", async () => {
    const mk = async (name: string) => (await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: yellow(name) })).json().id as number;
    const draft = await mk('Draftcancel');
    const submitted = await mk('Submitcancel');
    const refused = await mk('Refusecancel');
    const published = await mk('Publishcancel');
    for (const id of [submitted, refused, published]) expect((await sys.api('POST', `/api/v1/notices/${id}/submit`, { as: FR_NCB })).statusCode).toBe(200);
    expect((await sys.api('POST', `/api/v1/notices/${refused}/review`, { as: HUB, body: { decision: 'refuse', note: 'no photo' } })).statusCode).toBe(200);
    expect((await sys.api('POST', `/api/v1/notices/${published}/review`, { as: HUB, body: { decision: 'publish' } })).statusCode).toBe(200);
    for (const id of [draft, submitted, refused, published]) {
      const r = await sys.api('POST', `/api/v1/notices/${id}/cancel`, { as: FR_NCB, body: { reason: 'found' } });
      expect(r.statusCode, r.body).toBe(200);
    }
    for (const as of [DE, DE_NCB, BR]) {
      for (const id of [draft, submitted, refused]) {
        const r = await sys.api('GET', `/api/v1/notices/${id}`, { as });
        expect(r.statusCode, `${as} notice ${id}`).toBe(404);
        expect(r.body).not.toContain('cancel');
      }
      const list = ids((await sys.api('GET', '/api/v1/notices?status=cancelled', { as })).json().notices);
      expect(list).toContain(published); // it was published: a cancellation everyone must learn of
      expect(list).not.toContain(draft);
      expect(list).not.toContain(submitted);
      expect(list).not.toContain(refused);
    }
    // The hub saw the submitted and refused ones; never the draft.
    expect((await sys.api('GET', `/api/v1/notices/${draft}`, { as: HUB })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/notices/${submitted}`, { as: HUB })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/notices/${refused}`, { as: HUB })).statusCode).toBe(200);
    // The requester keeps all of them, and is told what it may still do.
    const own = (await sys.api('GET', `/api/v1/notices/${draft}`, { as: FR_NCB })).json();
    expect(own.status).toBe('cancelled');
    expect(own.actions).toEqual([]);
  });

  it('responses carry the actions the caller may take', async () => {
    const id = (await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: yellow('Actions') })).json().id;
    expect((await sys.api('GET', `/api/v1/notices/${id}`, { as: FR_NCB })).json().actions).toEqual(['update', 'submit', 'cancel']);
    expect((await sys.api('POST', `/api/v1/notices/${id}/submit`, { as: FR_NCB })).json().actions).toEqual(['cancel']);
    expect((await sys.api('GET', `/api/v1/notices/${id}`, { as: HUB })).json().actions).toEqual(['review']);
    expect((await sys.api('GET', `/api/v1/notices/${id}`, { as: FR })).json().actions).toEqual([]);
  });
});

describe('actions in responses (the web app stops re-deriving rules)', () => {
  it('firearm records and the signed-in user carry what the caller may do', async () => {
    const ref = (await sys.api('GET', '/api/v1/firearms/references?limit=1', { as: DE })).json().references[0].id;
    const rec = await sys.api('POST', '/api/v1/firearms/records', { as: DE, body: { serial: 'ACT-1', referenceId: ref, status: 'stolen' } });
    expect(rec.statusCode, rec.body).toBe(201);
    expect((await sys.api('GET', `/api/v1/firearms/records/${rec.json().id}`, { as: DE })).json().actions).toEqual(['update', 'recover']);
    expect((await sys.api('GET', `/api/v1/firearms/records/${rec.json().id}`, { as: HUB })).json().actions).toEqual([]);
    const list = (await sys.api('GET', '/api/v1/firearms/records', { as: DE_NCB })).json().records as Array<{ id: number; actions: string[] }>;
    expect(list.find((r) => r.id === rec.json().id)!.actions).toEqual(['update', 'recover']);
    const transfer = {
      amountMinor: 150_000,
      currency: 'EUR',
      transferredAt: new Date(Date.now() - 3_600_000).toISOString(),
      sendingBank: 'Banque Exemple Paris',
      beneficiaryName: 'M. Mule',
      beneficiaryBank: 'Commerzbank',
      beneficiaryBic: 'COBADEFFXXX',
      beneficiaryAccount: '0123456789',
    };
    const pay = (await sys.api('POST', '/api/v1/payments', { as: FR, body: { offence: 'sextortion', summary: 'x', transfers: [transfer] } })).json();
    expect(pay.actions).toEqual(['update']);
    expect((await sys.api('GET', `/api/v1/payments/${pay.id}`, { as: FR_NCB })).json().actions).toEqual(['update', 'send', 'close']);
    expect((await sys.api('POST', `/api/v1/payments/${pay.id}/send`, { as: FR_NCB })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/payments/${pay.id}`, { as: FR_NCB })).json().actions).toEqual(['close']);
    expect((await sys.api('GET', `/api/v1/payments/${pay.id}`, { as: DE_NCB })).json().actions).toEqual(['answer']);
    expect((await sys.api('GET', `/api/v1/payments/${pay.id}`, { as: HUB })).json().actions).toEqual([]);
    const yes = { childrenUnder13: true, severeAbuse: true };
    const entry = await sys.api('POST', '/api/v1/blocklist', { as: DE, body: { domain: 'actions-matrix.test', criteria: yes } });
    expect(entry.statusCode, entry.body).toBe(201);
    const eid = entry.json().id;
    expect((await sys.api('GET', `/api/v1/blocklist/${eid}`, { as: DE })).json().actions).toEqual(['remove']); // its agency verified it: another confirms
    expect((await sys.api('GET', `/api/v1/blocklist/${eid}`, { as: FR })).json().actions).toEqual(['verify']);
    expect((await sys.api('GET', `/api/v1/blocklist/${eid}`, { as: HUB })).json().actions).toEqual(['remove']);
    expect((await sys.api('POST', `/api/v1/blocklist/${eid}/verifications`, { as: FR, body: { criteria: yes } })).statusCode).toBe(200);
    const listed = (await sys.api('GET', '/api/v1/blocklist', { as: FR })).json().entries as Array<{ id: number; actions: string[] }>;
    expect(listed.find((e) => e.id === eid)!.actions).toEqual(['verify', 'remove']); // active: re-verified by any verifier
    const rep = await sys.api('POST', '/api/v1/referrals/reports?provider=ExampleCloud&reference=ACT-1', {
      as: HUB,
      body: JSON.stringify([{ incidentId: 'A-1', country: 'FR', files: [{ md5: randomHex(16) }] }]),
      headers: { 'content-type': 'application/json' },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const pkg = (
      (await sys.api('GET', '/api/v1/referrals/packages', { as: FR_NCB })).json().packages as Array<{ id: number; reference: string; actions: string[] }>
    ).find((x) => x.reference === 'ACT-1')!;
    expect(pkg.actions).toEqual(['acknowledge']);
    expect((await sys.api('GET', `/api/v1/referrals/packages/${pkg.id}`, { as: 'fr.analyst@demo.icse' })).json().actions).toEqual([]);
    expect((await sys.api('GET', `/api/v1/referrals/packages/${pkg.id}`, { as: HUB })).json().actions).toEqual([]);
    expect((await sys.api('POST', `/api/v1/referrals/packages/${pkg.id}/acknowledge`, { as: FR_NCB })).statusCode).toBe(200);
    expect((await sys.api('GET', `/api/v1/referrals/packages/${pkg.id}`, { as: FR_NCB })).json().actions).toEqual([]);
    const me = (await sys.api('GET', '/api/v1/auth/me', { as: HUB_DPO })).json().actions as string[];
    expect(me).toContain('audit.read');
    expect(me).not.toContain('case.read');
    const ncb = (await sys.api('GET', '/api/v1/auth/me', { as: FR_NCB })).json().actions as string[];
    expect(ncb).toEqual(expect.arrayContaining(['notice.create', 'case.read', 'user.create']));
    expect(ncb).not.toContain('notice.review');
  });
});

describe('item 2: only the hub grants dpo; a national DPO sees its own country', () => {
  it("an NCB officer cannot create or promote a DPO; a hub admin can, and that DPO reads its country's audit rows only", async () => {
    const frAgency = (await sys.api('GET', '/api/v1/agencies?country=FR', { as: FR_NCB })).json().agencies[0].id as number;
    const body = (email: string, role: string) => ({ email, displayName: email, password: 'long-enough-password-1', role, agencyId: frAgency });
    const refused = await sys.api('POST', '/api/v1/admin/users', { as: FR_NCB, body: body('x.dpo@test.icse', 'dpo') });
    expect(refused.statusCode).toBe(403);
    const plain = await sys.api('POST', '/api/v1/admin/users', { as: FR_NCB, body: body('x.inv@test.icse', 'investigator') });
    expect(plain.statusCode).toBe(201);
    expect((await sys.api('PATCH', `/api/v1/admin/users/${plain.json().user.id}`, { as: FR_NCB, body: { role: 'dpo' } })).statusCode).toBe(403);
    expect((await sys.api('PATCH', `/api/v1/admin/users/${plain.json().user.id}`, { as: FR_NCB, body: { role: 'analyst' } })).statusCode).toBe(200);

    const made = await sys.api('POST', '/api/v1/admin/users', { as: ADMIN, body: body('fr.dpo@test.icse', 'dpo') });
    expect(made.statusCode, made.body).toBe(201);
    // Some German activity to be hidden from the French DPO.
    await sys.api('POST', '/api/v1/cases', { as: DE, body: { reference: 'DE-SECRET-REF', title: 'German case', distribution: 'agency' } });
    const login = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'fr.dpo@test.icse', password: 'long-enough-password-1', totp: totpNow(made.json().totpSecret) },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'icse_session')!.value;
    const national = await sys.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', cookies: { icse_session: cookie } });
    expect(national.statusCode).toBe(200);
    const rows = national.json().entries as Array<{ actor_country: string | null; details: unknown }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.actor_country?.trim()))).toEqual(new Set(['FR']));
    expect(JSON.stringify(rows)).not.toContain('DE-SECRET-REF');
    const world = (await sys.api('GET', '/api/v1/audit?limit=1000', { as: HUB_DPO })).json().entries as Array<{ actor_country: string | null }>;
    expect(world.some((r) => r.actor_country?.trim() === 'DE')).toBe(true);
  });
});

describe('item 8: certification and API tokens', () => {
  it('an NCB officer cannot extend their own certification; others of their country they can', async () => {
    const me = await userOf(sys.ctx.db, FR_NCB);
    expect((await sys.api('PATCH', `/api/v1/admin/users/${me.id}`, { as: FR_NCB, body: { certifiedUntil: '2099-12-31' } })).statusCode).toBe(403);
    expect((await sys.api('PATCH', `/api/v1/admin/users/${me.id}`, { as: FR_NCB, body: { role: 'admin' } })).statusCode).toBe(403);
    const inv = await userOf(sys.ctx.db, FR);
    expect((await sys.api('PATCH', `/api/v1/admin/users/${inv.id}`, { as: FR_NCB, body: { certifiedUntil: '2099-12-31' } })).statusCode).toBe(200);
  });

  it('tokens expire by default and a token cannot mint tokens', async () => {
    const r = await sys.api('POST', '/api/v1/auth/tokens', { as: FR, body: { name: 'scanner' } });
    expect(r.statusCode).toBe(201);
    const days = (new Date(r.json().expiresAt).getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
    const viaToken = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'child' },
      headers: { authorization: `Bearer ${r.json().token}` },
    });
    expect(viaToken.statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${r.json().token}` } })).statusCode).toBe(200);
  });
});

describe('items 4 and 5: media go into a series only by their owner', () => {
  it("a VICS import does not write into another agency's series named in the file", async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Lighthouse Garden', distribution: 'all' } })).json();
    const mine = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Harbour Steps', distribution: 'all' } })).json();
    const md5a = randomHex(16),
      md5b = randomHex(16);
    const doc = {
      'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases',
      value: [
        {
          CaseID: 'c1',
          CaseNumber: 'VICS-SERIES-1',
          Media: [
            { MediaID: 1, Category: 1, MD5: md5a, Series: 'Lighthouse Garden' },
            { MediaID: 2, Category: 1, MD5: md5b, Series: 'Harbour Steps' },
          ],
        },
      ],
    };
    const r = await sys.api('POST', '/api/v1/interchange/vics/import', { as: FR, ...multipart('s.json', Buffer.from(JSON.stringify(doc))) });
    expect(r.statusCode, r.body).toBe(201);
    const rows = (await sql<{ md5: string; series_id: number | null }>`SELECT md5, series_id FROM media WHERE md5 IN (${md5a}, ${md5b})`.execute(sys.ctx.db))
      .rows;
    expect(rows.find((m) => m.md5 === md5a)!.series_id).toBeNull(); // DE's series: not FR's to fill
    expect(rows.find((m) => m.md5 === md5b)!.series_id).toBe(mine.id); // FR's own series: linked
    expect((await sys.api('GET', `/api/v1/series/${s.id}`, { as: DE })).json().counts.media).toBe(0);
  });

  it("a foreign agency cannot put another owner's media into its own agency-only series", async () => {
    const br = await insertMedia(sys.ctx.db, { ownerEmail: BR, distribution: 'all' });
    const frOwn = await insertMedia(sys.ctx.db, { ownerEmail: FR, distribution: 'all' });
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Closed room', distribution: 'agency' } })).json();
    const r = await sys.api('POST', `/api/v1/series/${s.id}/media`, { as: FR, body: { mediaIds: [br.id, frOwn.id] } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ assigned: [frOwn.id], unchanged: [], refused: [{ mediaId: br.id, reason: 'not_owner' }] });
    // The owner's own view is untouched: BR still reads its medium.
    expect((await sys.api('GET', `/api/v1/media/${br.id}`, { as: BR })).statusCode).toBe(200);
    const row = await sql<{ series_id: number | null }>`SELECT series_id FROM media WHERE id = ${br.id}`.execute(sys.ctx.db);
    expect(row.rows[0]!.series_id).toBeNull();
  });
});

describe('item 6: only the owner invites to a consultation', () => {
  it('a country the case was shared with cannot open a consultation on it', async () => {
    const c = (
      await sys.api('POST', '/api/v1/cases', {
        as: FR,
        body: { reference: 'CONSULT-OWNER', title: 'shared with DE', distribution: 'countries', sharedWith: ['DE'] },
      })
    ).json();
    expect((await sys.api('GET', `/api/v1/cases/${c.id}`, { as: DE })).statusCode).toBe(200);
    const third = await sys.api('POST', `/api/v1/cases/${c.id}/consultations`, { as: DE, body: { subject: 'widen', countries: ['BR'], message: 'look' } });
    expect(third.statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/consultations', { as: BR })).body).not.toContain('CONSULT-OWNER');
    const own = await sys.api('POST', `/api/v1/cases/${c.id}/consultations`, { as: FR, body: { subject: 'ask', countries: ['DE'], message: 'hello' } });
    expect(own.statusCode, own.body).toBe(201);
    expect((await sys.api('GET', `/api/v1/cases/${c.id}`, { as: DE })).json().actions).toEqual([]);
    expect((await sys.api('GET', `/api/v1/cases/${c.id}`, { as: FR })).json().actions).toEqual(['update', 'consult']);
  });
});

describe('item 7: nothing in a response depends on records the caller cannot see', () => {
  it('the notices filter by a hidden victim matches nothing', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Victim series', distribution: 'country' } })).json();
    const v = (await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Victim Z', distribution: 'country' } })).json();
    const n = await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: { ...yellow('Linked'), victimId: v.id } });
    expect(n.statusCode, n.body).toBe(201);
    await sys.api('POST', `/api/v1/notices/${n.json().id}/submit`, { as: FR_NCB });
    await sys.api('POST', `/api/v1/notices/${n.json().id}/review`, { as: HUB, body: { decision: 'publish' } });
    const de = (await sys.api('GET', `/api/v1/notices?victimId=${v.id}`, { as: DE_NCB })).json().notices;
    expect(de).toEqual([]);
    expect(ids((await sys.api('GET', '/api/v1/notices', { as: DE_NCB })).json().notices)).toContain(n.json().id); // the notice itself is published
    expect(ids((await sys.api('GET', `/api/v1/notices?victimId=${v.id}`, { as: FR })).json().notices)).toEqual([n.json().id]);
  });

  it('a PDQ search does not count media the caller may not see', async () => {
    const P = randomHex(32);
    const hidden = await insertMedia(sys.ctx.db, { ownerEmail: BR, distribution: 'agency', pdq: P });
    const matcher = (sys.ctx as unknown as { matcher?: { start(): Promise<void>; add(id: number, pdq: string): void } }).matcher;
    if (matcher) {
      await matcher.start();
      matcher.add(hidden.id, P);
    }
    const fr = (await sys.api('GET', `/api/v1/search?pdq=${P}&maxDistance=10`, { as: FR })).json();
    expect(fr.media).toEqual([]);
    expect(fr.pdq.candidates).toBe(0);
    const br = (await sys.api('GET', `/api/v1/search?pdq=${P}&maxDistance=10`, { as: BR })).json();
    expect(ids(br.media)).toEqual([hidden.id]);
    // The chunk-index fallback too.
    const u = await userOf(sys.ctx.db, FR);
    const p: Principal = {
      userId: u.id,
      email: FR,
      displayName: 'fr',
      role: 'investigator',
      countryCode: 'FR',
      agencyId: u.agency_id,
      isHub: false,
      ip: 'test',
      via: 'session',
    };
    const fallback = await new SearchService(sys.ctx.db).search(p, { pdq: P, maxDistance: 10 });
    expect(fallback.pdq!.candidates).toBe(0);
  });
});

describe('one definition of hub staff (analysts and admins of the hub)', () => {
  it('an ncb_officer account at the hub is not General Secretariat staff, for referrals as for notices and firearms', async () => {
    const hubAgency = (await sys.api('GET', '/api/v1/agencies?country=XG', { as: ADMIN })).json().agencies[0].id as number;
    await sys.ctx.identity.createUser(systemPrincipal(), {
      email: 'hub.ncb@test.icse',
      displayName: 'hub ncb',
      password: 'long-enough-password-1',
      role: 'ncb_officer',
      agencyId: hubAgency,
      withTotp: false,
    });
    const hubNcb = 'hub.ncb@test.icse';
    await sys.login(hubNcb, 'long-enough-password-1');
    expect((await sys.api('GET', '/api/v1/referrals/packages', { as: hubNcb })).statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/referrals/packages', { as: HUB })).statusCode).toBe(200);
    const n = (await sys.api('POST', '/api/v1/notices', { as: FR_NCB, body: yellow('Hubstaff') })).json().id;
    await sys.api('POST', `/api/v1/notices/${n}/submit`, { as: FR_NCB });
    expect((await sys.api('GET', `/api/v1/notices/${n}`, { as: hubNcb })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/notices/${n}`, { as: HUB })).statusCode).toBe(200);
  });
});

describe('item 17: refused reads leave an audit trace, rate-limited per principal', () => {
  const refusals = async (email: string, afterSeq = 0) =>
    (
      await sql<{ action: string; details: { status: number; path: string } }>`
    SELECT action, details FROM audit_log WHERE actor_email = ${email} AND action LIKE 'access.refused%' AND seq > ${afterSeq} ORDER BY seq`.execute(sys.ctx.db)
    ).rows;
  const lastSeq = async () => Number((await sql<{ s: string | null }>`SELECT max(seq) AS s FROM audit_log`.execute(sys.ctx.db)).rows[0]!.s ?? 0);

  it("a 404 on another country's record and a 403 by role are recorded", async () => {
    const c = (await sys.api('POST', '/api/v1/cases', { as: DE, body: { reference: 'PROBED', title: 'probed', distribution: 'agency' } })).json();
    const since = await lastSeq();
    expect((await sys.api('GET', `/api/v1/cases/${c.id}`, { as: FR })).statusCode).toBe(404);
    expect((await sys.api('GET', '/api/v1/audit', { as: FR })).statusCode).toBe(403);
    const rows = await refusals(FR, since);
    expect(rows.map((r) => [r.action, r.details.status, r.details.path])).toEqual([
      ['access.refused', 404, `/api/v1/cases/${c.id}`],
      ['access.refused', 403, '/api/v1/audit'],
    ]);
  });

  it('probing is visible but cannot flood the log', async () => {
    const since = await lastSeq();
    for (let id = 900000; id < 900040; id++) expect((await sys.api('GET', `/api/v1/cases/${id}`, { as: 'de.analyst@demo.icse' })).statusCode).toBe(404);
    const rows = await refusals('de.analyst@demo.icse', since);
    expect(rows.filter((r) => r.action === 'access.refused')).toHaveLength(20);
    expect(rows.filter((r) => r.action === 'access.refused.suppressed')).toHaveLength(1);
  });
});
