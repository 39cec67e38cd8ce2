// The whole ingest flow over HTTP: DE contributes material and series; FR uploads a seizure holding exact
// and near copies and new material; triage, redaction, deconfliction, media bytes, audit and resumability.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg, sceneVariant } from '../demo/scenes.js';
import { buildZip } from './fixtures.js';
import { auditCount, makeSeries, newCase, newSeizure, triageByPath, upload, userRow, waitComplete } from './testkit.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';
const BR = 'br.investigator@demo.icse';

let sys: TestSystem;
let frSeizure: number;
let frZip: Buffer;
const media: Record<string, number> = {};

beforeAll(async () => {
  sys = await startTestSystem();
  // DE's earlier seizure: scenes 1, 2, 3 become known material.
  const deCase = await newCase(sys, DE, 'DE-1');
  const deSeizure = await newSeizure(sys, DE, deCase, 'DE laptop');
  const up = await upload(sys, DE, deSeizure, [
    { name: 's1.jpg', data: await sceneJpeg(101) },
    { name: 's2.jpg', data: await sceneJpeg(102) },
    { name: 's3.jpg', data: await sceneJpeg(103) },
  ]);
  expect(up.statusCode).toBe(200);
  await waitComplete(sys, DE, deSeizure);
  const tri = await triageByPath(sys, DE, deSeizure);
  for (const k of ['s1.jpg', 's2.jpg', 's3.jpg']) {
    expect(tri.byPath[k].result).toBe('new');
    media[k] = tri.byPath[k].mediaId;
  }
  // Series 1 is shared with all member countries (media too); series 2 is kept within DE.
  await sql`UPDATE media SET distribution = 'all' WHERE id = ${media['s1.jpg']!}`.execute(sys.ctx.db);
  await makeSeries(sys, DE, 'S-TEST-1', 'Blue room', 'all', [media['s1.jpg']!], true);
  await makeSeries(sys, DE, 'S-TEST-2', 'Red room', 'country', [media['s2.jpg']!]);

  frZip = buildZip([
    { name: 'copy-of-s1.jpg', data: await sceneJpeg(101) },
    { name: 'photos/s2-small.jpg', data: await sceneVariant(102, 'resized') },
    { name: 'photos/s3-mirrored.jpg', data: await sceneVariant(103, 'flipped') },
    {
      name: 'new/holiday.png',
      data: await sharp(await sceneJpeg(104))
        .png()
        .toBuffer(),
    },
  ]);
  const frCase = await newCase(sys, FR, 'FR-1');
  frSeizure = await newSeizure(sys, FR, frCase, 'FR phone');
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('ingest flow', () => {
  it('uploads, processes and triages known-exact, known-near (resized, mirrored) and new items', async () => {
    const r = await upload(sys, FR, frSeizure, [{ name: 'phone.zip', data: frZip }]);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ files: 4, added: 4, alreadyHeld: 0 });
    const done = await waitComplete(sys, FR, frSeizure);
    expect(done.counts).toMatchObject({ items: 4, done: 4, error: 0, knownExact: 1, knownNear: 2, new: 1 });
    expect(done.progress).toBe(100);

    const { body, byPath } = await triageByPath(sys, FR, frSeizure);
    expect(body.summary).toMatchObject({ knownExact: 1, knownNear: 2, new: 1 });
    const exact = byPath['phone.zip/copy-of-s1.jpg'];
    expect(exact.result).toBe('known_exact');
    expect(exact.known).toMatchObject({
      restricted: false,
      matchedMediaId: media['s1.jpg'],
      distance: 0,
      ownerCountry: 'DE',
      series: { number: 'S-TEST-1', name: 'Blue room', ownerCountry: 'DE' },
      victimIdentified: true,
      offenderIdentified: false,
    });
    // Restricted owner: FR learns only who knows it and whom to call.
    const near = byPath['phone.zip/photos/s2-small.jpg'];
    expect(near.result).toBe('known_near');
    expect(near.known).toEqual({ restricted: true, ownerCountry: 'DE', message: 'known to DE, contact its NCB (NCB Wiesbaden)' });
    expect(JSON.stringify(near)).not.toContain('Red room');
    expect(JSON.stringify(near)).not.toContain('S-TEST-2');
    // Mirrored copy matches through the dihedral hashes (DE media not shared → restricted as well).
    const mirrored = byPath['phone.zip/photos/s3-mirrored.jpg'];
    expect(mirrored.result).toBe('known_near');
    expect(mirrored.known.restricted).toBe(true);
    expect(byPath['phone.zip/new/holiday.png'].result).toBe('new');

    // DE sees its own series unredacted in FR's deconfliction, but not FR's seizure.
    expect((await sys.api('GET', `/api/v1/seizures/${frSeizure}/triage`, { as: DE })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/seizures/${frSeizure}`, { as: BR })).statusCode).toBe(404);
  });

  it('near match distance and the matched medium are reported where visible', async () => {
    // Share DE's series 2 and its medium with everyone: the same item is now shown in full.
    await sql`UPDATE series SET distribution = 'all' WHERE number = 'S-TEST-2'`.execute(sys.ctx.db);
    await sql`UPDATE media SET distribution = 'all' WHERE id = ${media['s2.jpg']!}`.execute(sys.ctx.db);
    const { byPath } = await triageByPath(sys, FR, frSeizure);
    const near = byPath['phone.zip/photos/s2-small.jpg'];
    expect(near.known.restricted).toBe(false);
    expect(near.known.matchedMediaId).toBe(media['s2.jpg']);
    expect(near.known.distance).toBeGreaterThan(0);
    expect(near.known.distance).toBeLessThanOrEqual(31);
    expect(near.known.series).toMatchObject({ number: 'S-TEST-2', name: 'Red room' });
    await sql`UPDATE series SET distribution = 'country' WHERE number = 'S-TEST-2'`.execute(sys.ctx.db);
    await sql`UPDATE media SET distribution = 'country' WHERE id = ${media['s2.jpg']!}`.execute(sys.ctx.db);
  });

  it('raises one deconfliction alert per series and notifies both sides, redacted for the uploader', async () => {
    const alerts = (
      await sql<{ series_id: number; matched_items: number; uploader_country: string; owner_country: string }>`
      SELECT a.series_id, a.matched_items, a.uploader_country, a.owner_country FROM deconfliction_alerts a WHERE a.seizure_id = ${frSeizure} ORDER BY a.series_id`.execute(
        sys.ctx.db,
      )
    ).rows;
    expect(alerts).toHaveLength(2);
    expect(alerts.every((a) => a.uploader_country === 'FR' && a.owner_country === 'DE' && a.matched_items === 1)).toBe(true);
    const fr = await userRow(sys, FR);
    const de = await userRow(sys, DE);
    const notes = async (agency: number) =>
      (
        await sql<{
          title: string;
          body: string;
          link: string;
        }>`SELECT title, body, link FROM notifications WHERE kind = 'deconfliction' AND recipient_agency_id = ${agency} ORDER BY id`.execute(sys.ctx.db)
      ).rows;
    const frNotes = await notes(fr.agency_id);
    expect(frNotes).toHaveLength(2);
    expect(frNotes.some((n) => n.title.includes('S-TEST-1') && n.title.includes('Blue room'))).toBe(true);
    const restricted = frNotes.find((n) => n.body === 'known to DE, contact its NCB (NCB Wiesbaden)');
    expect(restricted).toBeDefined();
    expect(JSON.stringify(frNotes)).not.toContain('Red room');
    // The uploader's notices lead to its seizure (where it acts), the owner's to its series.
    expect(frNotes.every((n) => n.link.startsWith(`/seizures/${frSeizure}`))).toBe(true);
    const deNotes = await notes(de.agency_id);
    expect(deNotes).toHaveLength(2);
    expect(deNotes.every((n) => n.title.startsWith('FR uploaded material of your series'))).toBe(true);
    expect(deNotes.every((n) => /^\/series\/\d+$/.test(n.link))).toBe(true);
  });

  it('serves thumbnails and full images of visible media only, audited', async () => {
    const { byPath } = await triageByPath(sys, FR, frSeizure);
    const mine = byPath['phone.zip/new/holiday.png'].mediaId as number;
    const before = await auditCount(sys, 'media.view_full', mine);
    const thumb = await sys.api('GET', `/api/v1/media/${mine}/thumbnail`, { as: FR });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(256);
    const full = await sys.api('GET', `/api/v1/media/${mine}/content`, { as: FR });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect((await sharp(full.rawPayload).metadata()).width).toBe(640);
    expect(await auditCount(sys, 'media.view_full', mine)).toBe(before + 1);
    expect(await auditCount(sys, 'media.view_thumbnail', mine)).toBeGreaterThanOrEqual(1);
    // Not visible to DE (FR's country-only seizure), nor is DE's restricted medium to FR.
    expect((await sys.api('GET', `/api/v1/media/${mine}/content`, { as: DE })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${media['s2.jpg']!}/thumbnail`, { as: FR })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${media['s1.jpg']!}/thumbnail`, { as: FR })).statusCode).toBe(200);
  });

  it('audits every read, exports CSV, pages with a keyset', async () => {
    const reads = await auditCount(sys, 'seizure.triage.read', frSeizure);
    const page1 = await sys.api('GET', `/api/v1/seizures/${frSeizure}/triage?limit=3`, { as: FR });
    expect(page1.json().items).toHaveLength(3);
    const next = page1.json().nextAfterId;
    expect(next).toBeGreaterThan(0);
    const page2 = await sys.api('GET', `/api/v1/seizures/${frSeizure}/triage?limit=3&afterId=${next}`, { as: FR });
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().nextAfterId).toBeNull();
    expect(await auditCount(sys, 'seizure.triage.read', frSeizure)).toBe(reads + 2);
    const csv = await sys.api('GET', `/api/v1/seizures/${frSeizure}/triage?format=csv`, { as: FR });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^item_id,path,status,result/);
    expect(csv.body).toContain('known to DE, contact its NCB (NCB Wiesbaden)');
    expect(csv.body).toContain('S-TEST-1');
    expect(await auditCount(sys, 'seizure.triage.export', frSeizure)).toBeGreaterThanOrEqual(1);
    const before = await auditCount(sys, 'seizure.read', frSeizure);
    await sys.api('GET', `/api/v1/seizures/${frSeizure}`, { as: FR });
    expect(await auditCount(sys, 'seizure.read', frSeizure)).toBe(before + 1);
    const list = await sys.api('GET', `/api/v1/cases/${(await sys.api('GET', `/api/v1/seizures/${frSeizure}`, { as: FR })).json().caseId}/seizures`, {
      as: FR,
    });
    expect(list.json().seizures.map((s: { id: number }) => s.id)).toEqual([frSeizure]);
  });

  it('re-sending the same archive is a no-op', async () => {
    const r = await upload(sys, FR, frSeizure, [{ name: 'phone.zip', data: frZip }]);
    expect(r.json()).toMatchObject({ files: 4, added: 0, alreadyHeld: 4 });
    const s = await waitComplete(sys, FR, frSeizure);
    expect(s.counts.items).toBe(4);
  });

  it('hash-only seizures take hash lists (CSV or JSON) and refuse files', async () => {
    const frCase = (await sys.api('GET', `/api/v1/seizures/${frSeizure}`, { as: FR })).json().caseId;
    const hs = await newSeizure(sys, FR, frCase, 'hashes only', { hashOnly: true });
    expect((await upload(sys, FR, hs, [{ name: 'x.jpg', data: await sceneJpeg(1) }])).statusCode).toBe(409);
    const s1 = (await sql<{ sha256: string; md5: string; pdq: string }>`SELECT sha256, md5, pdq FROM media WHERE id = ${media['s1.jpg']!}`.execute(sys.ctx.db))
      .rows[0]!;
    const csv = `name,md5,sha256,pdq\nknown.jpg,,${s1.sha256},\nbymd5.jpg,${s1.md5},,\nunknown.jpg,,${'ab'.repeat(32)},${'0f'.repeat(32)}\nbroken.jpg,xyz,,\n`;
    const r = await sys.api('POST', `/api/v1/seizures/${hs}/hashes`, { as: FR, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ files: 4, added: 4, errors: 1 });
    await waitComplete(sys, FR, hs);
    const { byPath } = await triageByPath(sys, FR, hs);
    expect(byPath['known.jpg']).toMatchObject({ result: 'known_exact', known: { series: { number: 'S-TEST-1' } } });
    expect(byPath['bymd5.jpg']).toMatchObject({ result: 'known_exact' });
    expect(byPath['unknown.jpg']).toMatchObject({ result: 'new' });
    expect(byPath['broken.jpg']).toMatchObject({ status: 'error', error: { reason: 'bad_hash' } });
    const json = await sys.api('POST', `/api/v1/seizures/${hs}/hashes`, { as: FR, body: [{ name: 'known.jpg', sha256: s1.sha256 }] });
    expect(json.json()).toMatchObject({ added: 0, alreadyHeld: 1 });
    expect(
      (await sys.api('POST', `/api/v1/seizures/${hs}/hashes`, { as: FR, body: 'foo,bar\n1,2\n', headers: { 'content-type': 'text/csv' } })).statusCode,
    ).toBe(400);
    expect((await sys.api('POST', `/api/v1/seizures/${hs}/hashes`, { as: DE, body: csv, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(404);
  });
});
