// iARMS: the reference table (hub maintains, all read), firearm records (recording country changes; it and the hub
// see them: 404 elsewhere, 403 by role), searches by normalised serial (+ make) with hit / no hit and notifications
// to the hub, the searching country and the recording NCB, trace requests answered by the addressed NCBs, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows } from '../series/test-media.js';

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
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

type Note = { kind: string; title: string; link: string };
const inbox = async (as: string) => (await sys.api('GET', '/api/v1/notifications', { as })).json().notifications as Note[];
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, as: string, body?: unknown) => sys.api(method, `/api/v1/firearms${url}`, { as, body });
async function reference(model: string): Promise<{ id: number; make: string; countryOfManufacture: string | null }> {
  const refs = (await api('GET', '/references?limit=200', BR)).json().references as Array<{
    id: number;
    make: string;
    model: string;
    countryOfManufacture: string | null;
  }>;
  return refs.find((r) => r.model === model)!;
}
async function record(as: string, body: Record<string, unknown>) {
  const r = await api('POST', '/records', as, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; serialKey: string; status: string };
}

describe('iARMS firearms', () => {
  it('reference table: seeded generic entries, read by everyone, maintained by the hub only', async () => {
    const list = await api('GET', '/references?make=example%20%20arms', DPO);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .references.map((r: { model: string }) => r.model)
        .sort(),
    ).toEqual(['EA-38', 'EA-9 Compact']);
    const entry = { make: 'Test  Makers', model: 'TM-1', calibre: '9 mm', type: 'pistol', countryOfManufacture: 'de' };
    expect((await api('POST', '/references', FR_AN, entry)).statusCode).toBe(403); // analyst, but not the hub
    expect((await api('POST', '/references', DE, entry)).statusCode).toBe(403);
    expect((await api('POST', '/references', HUB, { ...entry, type: 'cannon' })).statusCode).toBe(400);
    const created = await api('POST', '/references', HUB, entry);
    expect(created.statusCode, created.body).toBe(201);
    const ref = created.json();
    expect(ref).toMatchObject({ make: 'Test Makers', model: 'TM-1', countryOfManufacture: 'DE', active: true });
    expect((await api('POST', '/references', ADMIN, { ...entry, make: 'TEST MAKERS', model: 'tm-1' })).statusCode).toBe(409);
    expect((await api('GET', `/references/${ref.id}`, FR)).json().make).toBe('Test Makers');
    expect((await api('GET', '/references/999999', FR)).statusCode).toBe(404);

    // Withdrawn: gone from the default list, no new records against it.
    expect((await api('PATCH', `/references/${ref.id}`, ADMIN, { active: false })).json().active).toBe(false);
    const ids = async (q: string) => (await api('GET', `/references?${q}`, FR)).json().references.map((r: { id: number }) => r.id);
    expect(await ids('q=test')).not.toContain(ref.id);
    expect(await ids('q=test&includeWithdrawn=true')).toContain(ref.id);
    expect((await api('POST', '/records', FR, { serial: 'TM1', referenceId: ref.id, status: 'lost' })).statusCode).toBe(400);
    for (const action of ['firearm.reference.create', 'firearm.reference.update', 'firearm.reference.read']) {
      expect((await auditRows(sys.ctx.db, action, ref.id)).length, action).toBeGreaterThan(0);
    }
  });

  it('records: made and changed by the recording country, seen by it and the hub, 404 elsewhere', async () => {
    const ea9 = await reference('EA-9 Compact');
    const r = await record(DE, {
      serial: 'ea-1001 b',
      referenceId: ea9.id,
      status: 'stolen',
      eventDate: '2025-03-04',
      place: 'Köln',
      nationalReference: 'KÖ-25-17',
    });
    expect(r).toMatchObject({
      serialKey: 'EA1001B',
      status: 'stolen',
      recordingCountry: 'DE',
      eventDate: '2025-03-04',
      firearm: { make: 'Example Arms', model: 'EA-9 Compact', type: 'pistol', countryOfManufacture: 'DE' },
    });
    expect((await api('POST', '/records', DE_NCB, { serial: 'EA 1001-B', referenceId: ea9.id, status: 'lost' })).statusCode).toBe(409);

    for (const as of [FR, FR_NCB, BR]) {
      expect((await api('GET', `/records/${r.id}`, as)).statusCode, as).toBe(404);
      expect((await api('PATCH', `/records/${r.id}`, as, { notes: 'x' })).statusCode, as).toBe(404);
      expect((await api('POST', `/records/${r.id}/recover`, as, {})).statusCode, as).toBe(404);
    }
    expect((await api('GET', `/records/${r.id}`, HUB)).statusCode).toBe(200);
    expect((await api('PATCH', `/records/${r.id}`, HUB, { notes: 'x' })).statusCode).toBe(403); // the hub sees, it does not change
    expect((await api('GET', `/records/${r.id}`, DPO)).statusCode).toBe(403);
    expect((await api('POST', '/records', HUB, { serial: 'X1', referenceId: ea9.id, status: 'lost' })).statusCode).toBe(403);

    const listed = async (as: string, q = '') => (await api('GET', `/records${q}`, as)).json().records.map((x: { id: number }) => x.id);
    expect(await listed(DE_NCB)).toContain(r.id);
    expect(await listed(FR)).not.toContain(r.id);
    expect(await listed(FR, '?country=DE')).not.toContain(r.id); // a member country lists only its own
    expect(await listed(HUB, '?country=DE&serial=EA1001-b')).toEqual([r.id]);

    const changed = await api('PATCH', `/records/${r.id}`, DE_AN, { status: 'trafficked', importerCountry: 'fr', notes: 'seen at a border crossing' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'trafficked', reportedStatus: 'trafficked', importerCountry: 'FR', place: 'Köln' });

    // Bad input answers 400 (or 404 for an unknown reference entry).
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ serial: 'A1', referenceId: ea9.id, status: 'recovered' }, 400],
      [{ serial: '-- --', referenceId: ea9.id, status: 'lost' }, 400],
      [{ serial: 'A#1', referenceId: ea9.id, status: 'lost' }, 400],
      [{ serial: 'A1', referenceId: ea9.id, status: 'lost', eventDate: '2025-02-30' }, 400],
      [{ serial: 'A1', referenceId: ea9.id, status: 'lost', eventDate: '2999-01-01' }, 400],
      [{ serial: 'A1', referenceId: ea9.id, status: 'lost', colour: 'black' }, 400],
      [{ serial: 'A1', status: 'lost' }, 400],
      [{ serial: 'A1', referenceId: 999999, status: 'lost' }, 404],
    ];
    for (const [body, status] of bad) expect((await api('POST', '/records', DE, body)).statusCode, JSON.stringify(body)).toBe(status);
    expect((await api('GET', '/records/abc', DE)).statusCode).toBe(400);

    for (const action of ['firearm.record.create', 'firearm.record.read', 'firearm.record.update']) {
      expect((await auditRows(sys.ctx.db, action, r.id)).length, action).toBeGreaterThan(0);
    }
    expect((await auditRows(sys.ctx.db, 'firearm.record.list')).length).toBeGreaterThan(0);
  });

  it('search: a hit notifies the hub, the searching country and the recording NCB; no hit notifies nobody', async () => {
    const ea38 = await reference('EA-38');
    const r = await record(DE, { serial: 'RV-5522', referenceId: ea38.id, status: 'stolen' });
    const hit = await api('POST', '/searches', FR, { serial: ' rv 55-22 ', make: 'example arms' });
    expect(hit.statusCode, hit.body).toBe(200);
    const s = hit.json();
    expect(s).toMatchObject({ serialKey: 'RV5522', hit: true, searchingCountry: 'FR' });
    expect(s.hits).toEqual([
      expect.objectContaining({
        recordId: r.id,
        recordingCountry: 'DE',
        contact: 'NCB Wiesbaden',
        status: 'stolen',
        firearm: expect.objectContaining({ model: 'EA-38', type: 'revolver' }),
      }),
    ]);

    const hitFor = (notes: Note[], link: string) => notes.filter((m) => m.kind === 'firearm.hit' && m.link === link);
    expect(hitFor(await inbox(DE_NCB), `/firearms/records/${r.id}`)).toHaveLength(1);
    expect(hitFor(await inbox(FR), `/firearms/searches/${s.id}`)).toHaveLength(1);
    expect(hitFor(await inbox(FR_NCB), `/firearms/searches/${s.id}`)).toHaveLength(1);
    expect(hitFor(await inbox(HUB), `/firearms/searches/${s.id}`)).toHaveLength(1);
    expect(hitFor(await inbox(DE_NCB), `/firearms/records/${r.id}`)[0]!.title).toContain('searched by FR');
    // Not the recording investigator's agency, not an uninvolved country.
    expect((await inbox(DE)).some((m) => m.link === `/firearms/records/${r.id}`)).toBe(false);
    expect((await inbox(BR)).some((m) => m.kind === 'firearm.hit')).toBe(false);

    // The make narrows the match; without it the serial alone hits.
    const before = (await inbox(HUB)).length;
    const other = (await api('POST', '/searches', BR, { serial: 'RV5522', make: 'Generic Works' })).json();
    expect(other).toMatchObject({ hit: false, hits: [] });
    expect((await inbox(HUB)).length).toBe(before);
    expect((await inbox(DE_NCB)).filter((m) => m.title.includes('searched by BR'))).toHaveLength(0);
    expect((await api('POST', '/searches', BR, { serial: 'rv5522' })).json().hit).toBe(true);
    expect((await api('POST', '/searches', BR, { serial: 'RV552' })).json().hit).toBe(false); // exact, not a prefix

    // The search is the searching country's (and the hub's) to read again.
    expect((await api('GET', `/searches/${s.id}`, FR_AN)).json().hit).toBe(true);
    expect((await api('GET', `/searches/${s.id}`, HUB)).statusCode).toBe(200);
    expect((await api('GET', `/searches/${s.id}`, DE)).statusCode).toBe(404);
    expect((await api('GET', '/searches?hit=false', BR)).json().searches.map((x: { id: number }) => x.id)).toContain(other.id);
    expect((await api('POST', '/searches', FR, { serial: '' })).statusCode).toBe(400);
    expect((await api('POST', '/searches', FR, { serial: '---' })).statusCode).toBe(400);
    expect((await api('POST', '/searches', DPO, { serial: 'RV5522' })).statusCode).toBe(403);

    expect((await auditRows(sys.ctx.db, 'firearm.search', s.id))[0]!.details).toMatchObject({
      serialKey: 'RV5522',
      makeKey: 'EXAMPLE ARMS',
      hit: true,
      recordIds: [r.id],
    });
    expect((await auditRows(sys.ctx.db, 'firearm.hit', r.id)).map((a) => a.actor_email)).toEqual([FR, BR]);
    expect((await auditRows(sys.ctx.db, 'firearm.search.read', s.id)).length).toBe(2);

    // Recovered: the record is closed and searches no longer report it as wanted.
    expect((await api('POST', `/records/${r.id}/recover`, DE, { recoveredOn: '2999-01-01' })).statusCode).toBe(400);
    const rec = (await api('POST', `/records/${r.id}/recover`, DE, { note: 'seized in Lyon' })).json();
    expect(rec).toMatchObject({ status: 'recovered', reportedStatus: 'stolen', recoveryNote: 'seized in Lyon' });
    expect(rec.recoveredAt).toBeTruthy();
    expect((await api('POST', '/searches', FR, { serial: 'RV5522' })).json().hit).toBe(false);
    expect((await api('PATCH', `/records/${r.id}`, DE, { notes: 'x' })).statusCode).toBe(409);
    expect((await api('POST', `/records/${r.id}/recover`, DE, {})).statusCode).toBe(409);
    expect((await api('GET', `/searches/${s.id}`, FR)).json().hits[0].status).toBe('recovered');
    expect((await auditRows(sys.ctx.db, 'firearm.record.recover', r.id)).length).toBe(1);
    // Recovered, the same firearm may be recorded again if it goes missing again.
    await record(DE, { serial: 'RV5522', referenceId: ea38.id, status: 'lost' });
  });

  it('trace request after no hit: to the countries of manufacture and import; their NCBs answer; the requester sees both', async () => {
    const gw = await reference('GW Field'); // made in BR
    const ea9 = await reference('EA-9 Compact');
    const s = (await api('POST', '/searches', BR, { serial: 'GW-777-01', make: 'Generic Works' })).json();
    expect(s.hit).toBe(false);

    expect((await api('POST', '/traces', BR, { searchId: s.id, referenceId: gw.id })).statusCode).toBe(400); // BR is its own country
    expect((await api('POST', '/traces', BR, { searchId: s.id })).statusCode).toBe(400); // no country to ask
    expect((await api('POST', '/traces', BR, { searchId: s.id, referenceId: ea9.id })).statusCode).toBe(400); // not the make searched
    const unknown = await api('POST', '/traces', BR, { searchId: s.id, manufactureCountry: 'ZZ' });
    expect(unknown.json().details.unknown).toEqual(['ZZ']);
    expect((await api('POST', '/traces', BR, { searchId: s.id, manufactureCountry: 'XG' })).statusCode).toBe(400); // the hub is not traced
    expect((await api('POST', '/traces', BR, { searchId: s.id, manufactureCountry: 'DEU' })).statusCode).toBe(400);
    expect((await api('POST', '/traces', FR, { searchId: s.id, manufactureCountry: 'DE' })).statusCode).toBe(404); // not FR's search

    const created = await api('POST', '/traces', BR, {
      searchId: s.id,
      referenceId: gw.id,
      manufactureCountry: 'de',
      importerCountry: 'FR',
      note: 'found at a crime scene in Santos',
    });
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ searchId: s.id, serialKey: 'GW77701', requestingCountry: 'BR', status: 'open', firearm: { model: 'GW Field' } });
    expect(t.recipients).toEqual([
      expect.objectContaining({ country: 'DE', basis: ['manufacture'], status: 'pending' }),
      expect.objectContaining({ country: 'FR', basis: ['importer'], status: 'pending' }),
    ]);
    for (const ncb of [DE_NCB, FR_NCB])
      expect(
        (await inbox(ncb)).some((m) => m.kind === 'firearm.trace.request' && m.link === `/firearms/traces/${t.id}`),
        ncb,
      ).toBe(true);
    const received = (await api('GET', '/traces?box=received', DE_NCB)).json().traces as Array<{ id: number; firearm: unknown }>;
    expect(received.map((x) => x.id)).toContain(t.id);
    expect(received.find((x) => x.id === t.id)!.firearm).toEqual(t.firearm); // the list describes the firearm as the trace does
    expect((await api('GET', '/traces?box=sent', DE_NCB)).json().traces.map((x: { id: number }) => x.id)).not.toContain(t.id);

    // Only an addressed country's NCB answers, once; "found" carries the history.
    expect((await api('POST', `/traces/${t.id}/answer`, DE, { result: 'not_found' })).statusCode).toBe(403);
    expect((await api('POST', `/traces/${t.id}/answer`, DE_NCB, { result: 'found' })).statusCode).toBe(400);
    expect((await api('POST', `/traces/${t.id}/answer`, DE_NCB, { result: 'maybe' })).statusCode).toBe(400);
    const history = 'Made 2011 by the licensed maker; sold 2012 to a dealer in Lyon, exported to FR.';
    expect((await api('POST', `/traces/${t.id}/answer`, DE_NCB, { result: 'found', history })).statusCode).toBe(200);
    expect((await api('POST', `/traces/${t.id}/answer`, DE_NCB, { result: 'not_found' })).statusCode).toBe(409);
    // An addressed country sees its own part only.
    const asFr = (await api('GET', `/traces/${t.id}`, FR)).json();
    expect(asFr.recipients).toEqual([expect.objectContaining({ country: 'FR', status: 'pending' })]);
    expect((await api('POST', `/traces/${t.id}/answer`, FR_NCB, { result: 'not_found' })).json().status).toBe('answered');

    const seen = (await api('GET', `/traces/${t.id}`, BR)).json();
    expect(seen.status).toBe('answered');
    expect(seen.recipients).toEqual([
      expect.objectContaining({ country: 'DE', status: 'found', history }),
      expect.objectContaining({ country: 'FR', status: 'not_found', history: null }),
    ]);
    const answers = (await inbox(BR)).filter((m) => m.kind === 'firearm.trace.answered' && m.link === `/firearms/traces/${t.id}`);
    expect(answers.map((m) => m.title).sort()).toEqual([expect.stringContaining('from DE'), expect.stringContaining('from FR')]);
    for (const action of ['firearm.trace.create', 'firearm.trace.answer', 'firearm.trace.read']) {
      expect((await auditRows(sys.ctx.db, action, t.id)).length, action).toBeGreaterThan(0);
    }
  });

  it('trace request after a hit: the hit record describes the firearm; uninvolved countries get 404', async () => {
    const ea9 = await reference('EA-9 Compact'); // made in DE
    const r = await record(FR, { serial: 'EA-2002', referenceId: ea9.id, status: 'smuggled' });
    const s = (await api('POST', '/searches', BR, { serial: 'EA2002' })).json();
    expect(s.hits.map((h: { recordId: number }) => h.recordId)).toEqual([r.id]);
    const t = (await api('POST', '/traces', BR, { searchId: s.id })).json();
    expect(t).toMatchObject({ firearm: { id: ea9.id }, recipients: [{ country: 'DE', basis: ['manufacture'], status: 'pending' }] });

    expect((await api('GET', `/traces/${t.id}`, FR)).statusCode).toBe(404);
    expect((await api('GET', '/traces', FR)).json().traces.map((x: { id: number }) => x.id)).not.toContain(t.id);
    expect((await api('POST', `/traces/${t.id}/answer`, FR_NCB, { result: 'not_found' })).statusCode).toBe(404);
    expect((await api('GET', `/traces/${t.id}`, HUB)).json().recipients).toHaveLength(1);
    expect((await api('GET', `/traces/${t.id}`, DE)).statusCode).toBe(200);
    expect((await api('GET', '/traces', DPO)).statusCode).toBe(403);
    // Recovering needs no body; the trace keeps its history.
    expect((await sys.api('POST', `/api/v1/firearms/records/${r.id}/recover`, { as: FR_AN })).json().status).toBe('recovered');
    expect((await api('GET', `/traces/${t.id}`, BR)).json().serial).toBe('EA2002');
  });
});
