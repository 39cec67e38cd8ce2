// Referrals: a bulk provider report split per country (FR / DE / unassigned), bad rows reported with reasons,
// idempotent re-upload, known-exact / known-near / new enrichment with the triage's redaction, per-country
// scope (404 for another country's package, 403 for other roles), acknowledgement, actions, the hub's
// overview and manual assignment, inbox notifications and audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, flipBits, insertMedia, randomHex, type TestMediaInput } from '../series/test-media.js';
import { csvRecords } from '../interchange/csv.js';

let sys: TestSystem;
const FR_NCB = 'fr.ncb@demo.icse',
  FR_AN = 'fr.analyst@demo.icse',
  FR = 'fr.investigator@demo.icse';
const DE_NCB = 'de.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse',
  HUB = 'hub.analyst@demo.icse',
  DPO = 'dpo@demo.icse';
type M = Awaited<ReturnType<typeof insertMedia>>;
let frKnown: M, deKnown: M, brRestricted: M, deNear: M, seriesNumber: string;
let reportId: number, frPkg: number, dePkg: number;
const P = randomHex(32);

async function add(m: TestMediaInput) {
  const row = await insertMedia(sys.ctx.db, m);
  await sys.ctx.matcher.start();
  sys.ctx.matcher.add(row.id, row.pdq); // as ingest does after commit
  return row;
}
const inbox = async (as: string) =>
  (await sys.api('GET', '/api/v1/notifications', { as })).json().notifications as Array<{ kind: string; title: string; link: string }>;
const upload = (body: unknown, q = 'provider=ExampleCloud&reference=R-2026-001', as = HUB, type?: string) =>
  sys.api('POST', `/api/v1/referrals/reports?${q}`, {
    as,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': type ?? 'application/json' },
  });
const get = async (as: string, url: string) => {
  const r = await sys.api('GET', `/api/v1/referrals${url}`, { as });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

const newSha = randomHex(32),
  newPdq = randomHex(32);
const report = () => [
  {
    incidentId: 'FR-1',
    incidentTime: '2026-03-01T10:00:00Z',
    country: 'fr',
    account: 'u-991',
    username: 'night_owl',
    ip: '203.0.113.7',
    files: [
      { name: 'a.jpg', sha256: frKnown.sha256.toUpperCase() },
      { name: 'b.jpg', sha256: newSha, pdq: newPdq },
    ],
  },
  { incidentId: 'FR-2', incidentTime: '2026-03-01T11:00:00Z', country: 'FR', files: [{ md5: brRestricted.md5 }] },
  { incident_id: 'DE-1', incident_time: 1772359200, country: 'DE', ip_address: '2001:db8::1', files: [{ pdq: flipBits(P, 10) }] },
  { incidentId: 'DE-2', country: 'DE', files: [{ md5: deKnown.md5 }] },
  { incidentId: 'U-1', files: [{ sha1: randomHex(20) }] },
  { incidentId: 'U-2', country: 'US', files: [{ md5: randomHex(16) }] },
  { country: 'FR', files: [{ md5: randomHex(16) }] }, // row 7: no incident id
  { incidentId: 'BAD-HASH', country: 'FR', files: [{ md5: 'xyz' }] }, // row 8
  { incidentId: 'BAD-IP', country: 'DE', ip: '999.1.1.1', files: [{ md5: randomHex(16) }] },
  { incidentId: 'FR-1', country: 'FR', files: [{ md5: randomHex(16) }] }, // row 10: duplicate
  5, // row 11
  { incidentId: 'NO-FILES', country: 'FR', files: [] }, // row 12
  { incidentId: 'BAD-TIME', incidentTime: 'yesterday', country: 'FR', files: [{ md5: randomHex(16) }] },
];

beforeAll(async () => {
  sys = await startTestSystem();
  const series = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Referral scenes', distribution: 'country' } })).json();
  seriesNumber = series.number;
  frKnown = await add({ ownerEmail: FR, distribution: 'country', seriesId: series.id });
  deKnown = await add({ ownerEmail: DE, distribution: 'all' });
  brRestricted = await add({ ownerEmail: BR, distribution: 'agency' });
  deNear = await add({ ownerEmail: DE, distribution: 'all', pdq: P });
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('referral intake', () => {
  it('splits a report into FR and DE packages and the unassigned queue, reporting each bad row; re-upload is a no-op', async () => {
    expect((await upload(report(), undefined, FR_NCB)).statusCode).toBe(403);
    expect((await upload(report(), undefined, FR)).statusCode).toBe(403);
    const r = await upload(report());
    expect(r.statusCode, r.body).toBe(201);
    const out = r.json();
    reportId = out.report.id;
    expect(out.report).toMatchObject({
      provider: 'ExampleCloud',
      reference: 'R-2026-001',
      format: 'json',
      rowsTotal: 13,
      incidentsAccepted: 6,
      rowsRejected: 7,
    });
    expect(out.packages.map((p: { country: string; incidents: number; withNew: number }) => [p.country, p.incidents, p.withNew])).toEqual([
      ['DE', 2, 0],
      ['FR', 2, 1],
    ]);
    expect(out.unassigned).toBe(2);
    expect(out.files).toEqual({ new: 3, knownNear: 1, knownExact: 3 });
    expect(out.rejected.map((x: { row: number; reason: string }) => [x.row, x.reason])).toEqual([
      [7, 'missing_incident_id'],
      [8, 'bad_hash'],
      [9, 'bad_ip'],
      [10, 'duplicate_in_report'],
      [11, 'not_an_object'],
      [12, 'no_files'],
      [13, 'bad_time'],
    ]);
    expect(out.rejected[1].message).toMatch(/MD5 hash contains a non-hex character/);
    expect(out.rejected[3].message).toMatch(/already appears in row 1/);
    // A row rejected for another field still names its incident.
    expect(
      out.rejected.filter((x: { reason: string }) => ['bad_ip', 'bad_time', 'bad_hash'].includes(x.reason)).map((x: { incidentId: string }) => x.incidentId),
    ).toEqual(['BAD-HASH', 'BAD-IP', 'BAD-TIME']);
    [dePkg, frPkg] = out.packages.map((p: { id: number }) => p.id);

    // Each NCB is told its package arrived; an investigator of the country is not addressed; the hub hears of the unassigned.
    expect((await inbox(FR_NCB)).filter((n) => n.kind === 'referral.package').map((n) => n.link)).toEqual([`/referrals/packages/${frPkg}`]);
    expect((await inbox(DE_NCB)).filter((n) => n.kind === 'referral.package').map((n) => n.link)).toEqual([`/referrals/packages/${dePkg}`]);
    expect((await inbox(FR)).some((n) => n.kind.startsWith('referral.'))).toBe(false);
    expect((await inbox(HUB)).some((n) => n.kind === 'referral.unassigned' && n.title.startsWith('2 incidents'))).toBe(true);

    // The same report again (provider matched without case): nothing new, the stored outcome is returned.
    const again = await upload(report(), 'provider=examplecloud&reference=R-2026-001');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      duplicate: true,
      report: { id: reportId },
      unassigned: 2,
      packages: [
        { id: dePkg, incidents: 2 },
        { id: frPkg, incidents: 2 },
      ],
    });
    expect(again.json().rejected).toHaveLength(7);
    expect(again.json().warning).toMatch(/different content/); // fresh random hashes in the rows rejected
    expect((await get(HUB, `/packages?reportId=${reportId}`)).packages).toHaveLength(2);
    expect((await inbox(FR_NCB)).filter((n) => n.kind === 'referral.package')).toHaveLength(1);
    expect((await auditRows(sys.ctx.db, 'referral.upload', reportId))[0]!.details).toMatchObject({ accepted: 6, rejected: 7, unassigned: 2 });
    expect(await auditRows(sys.ctx.db, 'referral.upload.duplicate', reportId)).toHaveLength(1);
  });

  it('enriches files known-exact / known-near / new, new material first, redacted per the owner for each reader', async () => {
    const fr = await get(FR_NCB, `/packages/${frPkg}/incidents`);
    expect(fr.incidents.map((i: { providerIncidentId: string; priority: string }) => [i.providerIncidentId, i.priority])).toEqual([
      ['FR-1', 'new'],
      ['FR-2', 'known_exact'],
    ]);
    const [fr1, fr2] = fr.incidents;
    expect(fr1).toMatchObject({
      country: 'FR',
      providerCountry: 'fr',
      incidentAt: '2026-03-01T10:00:00.000Z',
      offender: { account: 'u-991', username: 'night_owl', ipAddress: '203.0.113.7' },
      counts: { files: 2, new: 1, knownExact: 1 },
      status: 'open',
    });
    expect(fr1.files.map((f: { name: string; result: string }) => [f.name, f.result])).toEqual([
      ['b.jpg', 'new'],
      ['a.jpg', 'known_exact'],
    ]);
    expect(fr1.files[0].known).toBeNull();
    expect(fr1.files[1].known).toMatchObject({
      restricted: false,
      matchedMediaId: frKnown.id,
      stage: 'sha256',
      ownerCountry: 'FR',
      series: { number: seriesNumber },
    });
    // The owner keeps it to its agency: only who knows it and whom to contact.
    expect(fr2.files[0].known).toEqual({ restricted: true, ownerCountry: 'BR', message: 'known to BR, contact its NCB (NCB Brasília)' });

    const de = await get(DE_NCB, `/packages/${dePkg}/incidents`);
    expect(de.incidents.map((i: { providerIncidentId: string; priority: string }) => [i.providerIncidentId, i.priority])).toEqual([
      ['DE-1', 'known_near'],
      ['DE-2', 'known_exact'],
    ]);
    expect(de.incidents[0]).toMatchObject({ incidentAt: '2026-03-01T10:00:00.000Z', offender: { ipAddress: '2001:db8::1' } });
    expect(de.incidents[0].files[0].known).toMatchObject({ restricted: false, matchedMediaId: deNear.id, distance: 10, stage: 'pdq' });
    expect(de.incidents[1].files[0].known).toMatchObject({ restricted: false, matchedMediaId: deKnown.id, stage: 'md5' });

    // The hub reads the FR package too, but FR's series is FR's: for the hub it is only "known to FR".
    const hub = await get(HUB, `/packages/${frPkg}/incidents`);
    expect(hub.incidents[0].files[1].known).toMatchObject({ restricted: true, ownerCountry: 'FR' });

    // Keyset pages.
    const p1 = await get(FR_AN, `/packages/${frPkg}/incidents?limit=1`);
    expect(p1.incidents.map((i: { providerIncidentId: string }) => i.providerIncidentId)).toEqual(['FR-1']);
    const p2 = await get(FR_AN, `/packages/${frPkg}/incidents?limit=1&after=${p1.nextAfter}`);
    expect(p2.incidents.map((i: { providerIncidentId: string }) => i.providerIncidentId)).toEqual(['FR-2']);
    expect((await get(FR_AN, `/packages/${frPkg}/incidents?limit=1&after=${p2.nextAfter}`)).incidents).toEqual([]);
    expect((await auditRows(sys.ctx.db, 'referral.incidents.read', frPkg)).some((a) => a.actor_email === FR_NCB)).toBe(true);
  });

  it('each country sees only its own package; other roles are refused', async () => {
    expect((await get(FR_NCB, '/packages')).packages.map((p: { id: number }) => p.id)).toEqual([frPkg]);
    expect((await get(DE_NCB, '/packages?country=FR')).packages).toEqual([]);
    expect(await get(FR_AN, `/packages/${frPkg}`)).toMatchObject({ country: 'FR', status: 'delivered', counts: { incidents: 2, open: 2, withNew: 1 } });
    const deIncident = (await get(DE_NCB, `/packages/${dePkg}/incidents`)).incidents[0].id;
    for (const url of [`/packages/${dePkg}`, `/packages/${dePkg}/incidents`, `/incidents/${deIncident}`]) {
      expect((await sys.api('GET', `/api/v1/referrals${url}`, { as: FR_NCB })).statusCode, url).toBe(404);
    }
    expect((await sys.api('POST', `/api/v1/referrals/packages/${dePkg}/acknowledge`, { as: FR_NCB })).statusCode).toBe(404);
    for (const as of [FR, DE, BR, DPO]) expect((await sys.api('GET', '/api/v1/referrals/packages', { as })).statusCode, as).toBe(403);
    for (const url of ['/summary', '/unassigned', '/reports', `/reports/${reportId}`]) {
      expect((await sys.api('GET', `/api/v1/referrals${url}`, { as: FR_NCB })).statusCode, url).toBe(403);
    }
    expect((await get(DE_NCB, `/incidents/${deIncident}`)).providerIncidentId).toBe('DE-1');
    expect(await auditRows(sys.ctx.db, 'referral.incident.read', deIncident)).toHaveLength(1);
  });

  it('the NCB acknowledges receipt and actions incidents; the hub follows per country and assigns the unassigned', async () => {
    const ack = (as: string, id = frPkg) => sys.api('POST', `/api/v1/referrals/packages/${id}/acknowledge`, { as });
    expect((await ack(HUB)).statusCode).toBe(403);
    expect((await ack(FR_AN)).statusCode).toBe(403);
    const a1 = await ack(FR_NCB);
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { name: 'Inès Petit' } });
    expect((await ack(FR_NCB)).json().acknowledgedAt).toBe(a1.json().acknowledgedAt);
    expect((await inbox(HUB)).filter((n) => n.kind === 'referral.acknowledged')).toHaveLength(1);
    expect(await auditRows(sys.ctx.db, 'referral.acknowledge', frPkg)).toHaveLength(2);

    const [fr1, fr2] = (await get(FR_NCB, `/packages/${frPkg}/incidents`)).incidents.map((i: { id: number }) => i.id);
    const act = (as: string, id: number, body: unknown) => sys.api('POST', `/api/v1/referrals/incidents/${id}/action`, { as, body });
    expect((await act(FR_AN, fr1, { outcome: 'case_opened' })).statusCode).toBe(400);
    expect((await act(DE_NCB, fr1, { outcome: 'no_further_action' })).statusCode).toBe(404);
    expect((await act(HUB, fr1, { outcome: 'no_further_action' })).statusCode).toBe(403);
    expect((await act(FR, fr1, { outcome: 'no_further_action' })).statusCode).toBe(403);
    const done = await act(FR_AN, fr1, { outcome: 'case_opened', caseReference: 'OFMIN-2026-0042', note: 'victim search started' });
    expect(done.json()).toMatchObject({ status: 'actioned', action: { outcome: 'case_opened', caseReference: 'OFMIN-2026-0042' } });
    expect((await get(FR_NCB, `/packages/${frPkg}/incidents?status=open`)).incidents.map((i: { id: number }) => i.id)).toEqual([fr2]);
    expect((await auditRows(sys.ctx.db, 'referral.incident.action', fr1))[0]!.details).toMatchObject({
      outcome: 'case_opened',
      caseReference: 'OFMIN-2026-0042',
    });

    // The hub's overview.
    const summary = await get(HUB, '/summary');
    expect(summary.unassigned).toBe(2);
    expect(summary.countries).toEqual([
      expect.objectContaining({ country: 'DE', packages: 1, acknowledged: 0, awaitingAcknowledgement: 1, incidents: 2, open: 2 }),
      expect.objectContaining({ country: 'FR', packages: 1, acknowledged: 1, awaitingAcknowledgement: 0, incidents: 2, actioned: 1, withNew: 1 }),
    ]);
    const rep = await get(HUB, `/reports/${reportId}`);
    expect(rep.packages.map((p: { country: string; status: string }) => [p.country, p.status])).toEqual([
      ['DE', 'delivered'],
      ['FR', 'acknowledged'],
    ]);
    expect(rep.rejected).toHaveLength(7);
    expect((await get(HUB, '/reports')).reports.map((r: { id: number }) => r.id)).toContain(reportId);

    // The unassigned queue, assigned by hand.
    const queue = (await get(HUB, '/unassigned')).incidents;
    expect(queue.map((i: { providerIncidentId: string; unassignedReason: string }) => [i.providerIncidentId, i.unassignedReason])).toEqual([
      ['U-1', 'the provider gave no country'],
      ['U-2', 'geolocated to US, not a member country'],
    ]);
    const [u1, u2] = queue.map((i: { id: number }) => i.id);
    const assign = (as: string, id: number, country: string) => sys.api('POST', `/api/v1/referrals/incidents/${id}/assign`, { as, body: { country } });
    expect((await assign(FR_NCB, u1, 'FR')).statusCode).toBe(403);
    expect((await assign(HUB, u1, 'US')).statusCode).toBe(400);
    expect((await assign(HUB, u1, 'XG')).statusCode).toBe(400);
    expect((await assign(HUB, u1, 'FR')).json()).toMatchObject({ country: 'FR', packageId: frPkg, unassignedReason: null });
    expect((await assign(HUB, u1, 'FR')).statusCode).toBe(409);
    // FR has not seen the new incident: its package is delivered again, and its NCB told.
    expect(await get(FR_NCB, `/packages/${frPkg}`)).toMatchObject({ status: 'delivered', counts: { incidents: 3 } });
    expect((await inbox(FR_NCB)).some((n) => n.kind === 'referral.incident' && n.link === `/referrals/packages/${frPkg}`)).toBe(true);
    expect((await assign(HUB, u2, 'BR')).json()).toMatchObject({ country: 'BR' });
    const brPkg = (await get(HUB, `/packages?country=BR`)).packages[0];
    expect(brPkg).toMatchObject({ reportId, status: 'delivered', counts: { incidents: 1 } });
    expect((await assign(HUB, fr1, 'DE')).statusCode).toBe(409); // actioned by FR already
    expect((await get(HUB, '/unassigned')).incidents).toEqual([]);
    expect(await auditRows(sys.ctx.db, 'referral.incident.assign', u1)).toHaveLength(1);
    for (const action of [
      'referral.package.list',
      'referral.package.read',
      'referral.summary.read',
      'referral.report.read',
      'referral.report.list',
      'referral.unassigned.read',
    ]) {
      expect((await auditRows(sys.ctx.db, action)).length, action).toBeGreaterThan(0);
    }
  });

  it('reads CSV reports: one line per file, quoted fields, bad or contradicting lines rejected by line number', async () => {
    const h1 = randomHex(16),
      h2 = randomHex(16);
    const csv = [
      'incident_id;incident_time;country;account;username;ip;file_name;md5;sha256',
      `C-1;2026-03-02 08:00:00Z;DE;acc-1;"smith; john";198.51.100.4;x.jpg;${h1};`,
      `C-1;;DE;;;;y.jpg;;${deKnown.sha256}`,
      `C-1;;FR;;;;z.jpg;${randomHex(16)};`,
      `C-2;2026-03-02T09:00:00Z;DE;;;;;${h2.slice(0, 30)};`,
      `"C-3";;"DE";;"multi`,
      `line";;w.jpg;${h2};`,
      `FR-1;;FR;;;;;${randomHex(16)};`,
      '',
    ].join('\r\n');
    const r = await upload(csv, 'provider=ExampleCloud&reference=R-2026-002', HUB, 'text/csv');
    expect(r.statusCode, r.body).toBe(201);
    const out = r.json();
    expect(out.report).toMatchObject({ format: 'csv', rowsTotal: 6, incidentsAccepted: 2 });
    expect(out.rejected.map((x: { row: number; reason: string }) => [x.row, x.reason])).toEqual([
      [4, 'conflicting_incident'],
      [5, 'bad_hash'],
      [8, 'already_received'],
    ]);
    expect(out.rejected[2].message).toMatch(/already received from ExampleCloud in report/);
    const pkg = out.packages.find((p: { country: string }) => p.country === 'DE');
    const incidents = (await get(DE_NCB, `/packages/${pkg.id}/incidents`)).incidents;
    const c1 = incidents.find((i: { providerIncidentId: string }) => i.providerIncidentId === 'C-1');
    expect(c1).toMatchObject({
      priority: 'new',
      offender: { account: 'acc-1', username: 'smith; john', ipAddress: '198.51.100.4' },
      counts: { files: 2, new: 1, knownExact: 1 },
    });
    expect(incidents.find((i: { providerIncidentId: string }) => i.providerIncidentId === 'C-3').offender.username).toBe('multi\nline');

    expect((await upload('id;country\n1;FR\n', 'provider=X&reference=Y', HUB, 'text/csv')).statusCode).toBe(400);
    expect((await upload('md5\nab\n', 'provider=X&reference=Y', HUB, 'text/csv')).json().message).toMatch(/incident id/);
    expect((await upload('incident_id,md5\n"1,ab\n', 'provider=X&reference=Y', HUB, 'text/csv')).json().message).toMatch(/unterminated/);
    expect((await sys.api('POST', '/api/v1/referrals/reports', { as: HUB, body: [] })).statusCode).toBe(400); // provider and reference are required
    expect((await upload([], 'provider=X&reference=Y')).statusCode).toBe(400);

    // A report of which nothing could be accepted is not kept: corrected, it is sent again under the same reference.
    const bad = await upload([{ incidentId: 'Z-1', country: 'DE', files: [{ md5: 'not-hex' }] }], 'provider=ExampleCloud&reference=R-2026-003');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().details.rejected).toEqual([expect.objectContaining({ row: 1, incidentId: 'Z-1', reason: 'bad_hash' })]);
    const fixed = await upload([{ incidentId: 'Z-1', country: 'DE', files: [{ md5: randomHex(16) }] }], 'provider=ExampleCloud&reference=R-2026-003');
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toMatchObject({ duplicate: false, report: { incidentsAccepted: 1 } });
    expect((await upload(['x'], 'provider=Other&reference=1')).json().details.rejected[0].reason).toBe('not_an_object');
    expect((await upload({ incidentId: 'A' }, 'provider=Other&reference=1')).json().message).toMatch(/JSON array/);
  });

  it('splits CSV records as RFC 4180 does', () => {
    expect(csvRecords('\uFEFFa,b\n"x,1","say ""hi"""\n\n c , d \n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"'] },
      { line: 4, cells: ['c', 'd'] },
    ]);
  });
});
