// Places by image comparison (issue 19) through upload → processing → triage: DE's pictures of two rooms are
// known (one room's series shared with all, the other kept within DE); FR seizes new pictures of the same
// rooms taken from elsewhere in the room with another subject in front — new by every hash, same place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { makeSeries, newCase, newSeizure, triageByPath, upload, userRow, waitComplete } from '../seizures/testkit.js';
import { roomPicture } from './testkit.js';
import { decodeImage } from '../imaging/index.js';
import { decodeWords, placeFeatures } from './ingest.js';
import { placeCandidates } from './triage.js';
import { verifyPlaceTask } from './verify-task.js';
import { PlaceMatcher } from './matcher.js';
import { decodeFeatures } from './features.js';
import { VOCABULARY_ID } from './vocabulary-file.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
const media: Record<string, number> = {};
let placeId = 0;
let frSeizure = 0;
const viewA = { x: 0.1, y: 0.2, share: 0.7, angle: 0, subject: '#c02020' };
// Another camera position (keystone), not only another crop: an edit of viewA would be a partial copy of it.
const viewB = { x: 0.45, y: 0.4, share: 0.7, angle: 4, subject: '#2040c0', tilt: 0.2 };

beforeAll(async () => {
  sys = await startTestSystem();
  const s = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-PLACES'), 'DE phone');
  await upload(sys, DE, s, [
    { name: 'room7.jpg', data: await roomPicture(7, viewA) },
    { name: 'room9.jpg', data: await roomPicture(9, viewA) },
  ]);
  await waitComplete(sys, DE, s);
  const { byPath } = await triageByPath(sys, DE, s);
  media.room7 = byPath['room7.jpg'].mediaId;
  media.room9 = byPath['room9.jpg'].mediaId;
  await sql`UPDATE media SET distribution = 'all' WHERE id = ${media.room7!}`.execute(sys.ctx.db);
  const shared = await makeSeries(sys, DE, 'S-2026-000777', 'Blue room', 'all', [media.room7!]);
  await makeSeries(sys, DE, 'S-2026-000999', 'Kept room', 'agency', [media.room9!]);
  const de = await userRow(sys, DE);
  placeId = (
    await sql<{ id: number }>`INSERT INTO places (series_id, description, owner_country, owner_agency_id, distribution)
    VALUES (${shared}, 'bedroom with patterned wallpaper', 'DE', ${de.agency_id}, 'all') RETURNING id`.execute(sys.ctx.db)
  ).rows[0]!.id;
  await sql`INSERT INTO media_links (media_id, entity_type, entity_id) VALUES (${media.room7!}, 'place', ${placeId})`.execute(sys.ctx.db);

  frSeizure = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-PLACES'), 'FR laptop');
  await upload(sys, FR, frSeizure, [
    { name: 'room7-elsewhere.jpg', data: await roomPicture(7, viewB) },
    { name: 'room9-elsewhere.jpg', data: await roomPicture(9, viewB) },
    { name: 'room8.jpg', data: await roomPicture(8, viewA) },
    { name: 'room11-a.jpg', data: await roomPicture(11, viewA) },
    { name: 'room11-b.jpg', data: await roomPicture(11, viewB) },
  ]);
  await waitComplete(sys, FR, frSeizure);
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

describe('same place across seizures', () => {
  it('stores local features for every image', async () => {
    const r = await sql<{ n: number; k: number }>`SELECT count(*)::int AS n, min(keypoints)::int AS k FROM media_features`.execute(sys.ctx.db);
    expect(r.rows[0]!.n).toBe(7);
    expect(r.rows[0]!.k).toBeGreaterThan(300);
  });

  it('answers "new, same place as series … / place …" with evidence, across two countries', async () => {
    const { byPath } = await triageByPath(sys, FR, frSeizure);
    const hit = byPath['room7-elsewhere.jpg'];
    expect(hit.result).toBe('new');
    expect(hit.known).toBeNull();
    expect(hit.samePlace).toMatchObject({
      restricted: false,
      matchedMediaId: media.room7,
      ownerCountry: 'DE',
      series: { number: 'S-2026-000777' },
      placeIds: [placeId],
    });
    expect(hit.samePlace.message).toBe(`new, same place as series S-2026-000777 / place P-${placeId}`);
    expect(hit.samePlace.inliers).toBeGreaterThanOrEqual(18);
    expect(hit.samePlace.why).toMatch(/matching points .* consistent with one camera move/);
    // The stored link carries the matched keypoints (what the web app draws).
    const link = await sys.ctx.db.selectFrom('place_links').selectAll().where('linked_media_id', '=', media.room7!).executeTakeFirstOrThrow();
    const ev = link.evidence as { pairs: number[][]; inliers: number };
    expect(link.status).toBe('suggested');
    expect(ev.pairs.length).toBe(Math.min(300, link.inliers));
    expect(ev.pairs[0]).toHaveLength(4);
    // The owner hears of it, as for known material.
    const de = await userRow(sys, DE);
    const notes = await sql<{ title: string }>`SELECT title FROM notifications WHERE recipient_agency_id = ${de.agency_id} AND kind = 'deconfliction'`.execute(
      sys.ctx.db,
    );
    expect(notes.rows.some((n) => n.title.includes('S-2026-000777'))).toBe(true);
  });

  it('redacts a restricted owner: only who knows the place and whom to contact', async () => {
    const { byPath } = await triageByPath(sys, FR, frSeizure);
    const hidden = byPath['room9-elsewhere.jpg'];
    expect(hidden.result).toBe('new');
    expect(hidden.samePlace).toEqual({
      restricted: true,
      ownerCountry: 'DE',
      message: 'new, same place as material known to DE, contact its NCB (NCB Wiesbaden)',
    });
  });

  it('groups pictures of one scene within the seizure; an unrelated room stays plain new', async () => {
    const { byPath } = await triageByPath(sys, FR, frSeizure);
    expect(byPath['room11-b.jpg'].note).toMatch(/^same scene as item \d+ \(room11-a\.jpg\) in this seizure: \d+ matching points$/);
    expect(byPath['room8.jpg']).toMatchObject({ result: 'new', known: null, note: null });
    expect(byPath['room8.jpg'].samePlace).toBeUndefined();
  });
});

describe('place records, links and scene search', () => {
  const frMedia = async (path: string) => (await triageByPath(sys, FR, frSeizure)).byPath[path].mediaId as number;

  it('shows the place with its images, series, victims and scene links; its owner sets clues and a location', async () => {
    const r = await sys.api('GET', `/api/v1/places/${placeId}/overview`, { as: FR });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.media.map((m: { mediaId: number }) => m.mediaId)).toEqual([media.room7]);
    expect(body.series.map((s: { number: string }) => s.number)).toContain('S-2026-000777');
    expect(body.victims.map((v: { label: string }) => v.label)).toEqual(['V1']);
    expect(body.links).toEqual([expect.objectContaining({ mediaId: await frMedia('room7-elsewhere.jpg'), linkedMediaId: media.room7, status: 'suggested' })]);
    const clues = {
      clueItems: [
        { kind: 'socket', value: 'Schuko type F' },
        { kind: 'language', value: 'German text on a calendar' },
      ],
      latitude: 52.52,
      longitude: 13.405,
      confidence: 0.4,
    };
    expect((await sys.api('PATCH', `/api/v1/places/${placeId}/location`, { as: FR, body: clues })).statusCode).toBe(403);
    const upd = await sys.api('PATCH', `/api/v1/places/${placeId}/location`, { as: DE, body: clues });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ location: { latitude: 52.52, longitude: 13.405, confidence: 0.4 }, clueItems: clues.clueItems });
  });

  it('finds the scene from a known medium or an uploaded picture; restricted owners only named', async () => {
    const fr7 = await frMedia('room7-elsewhere.jpg');
    const byMedia = (await sys.api('POST', '/api/v1/places/similar', { as: FR, body: { mediaId: fr7 } })).json();
    expect(byMedia.results[0]).toMatchObject({ restricted: false, mediaId: media.room7, placeIds: [placeId] });
    const upload = await sys.api('POST', '/api/v1/places/similar', {
      as: FR,
      body: { imageBase64: (await roomPicture(7, { x: 0.3, y: 0.6, share: 0.7, angle: -3, subject: '#20a040' })).toString('base64') },
    });
    const ids = upload.json().results.map((x: { mediaId?: number }) => x.mediaId);
    expect(ids).toContain(media.room7);
    expect(ids).toContain(fr7);
    const hidden = (await sys.api('POST', '/api/v1/places/similar', { as: FR, body: { mediaId: await frMedia('room9-elsewhere.jpg') } })).json();
    expect(hidden.results).toEqual([
      { inliers: expect.any(Number), restricted: true, ownerCountry: 'DE', message: 'known to DE, contact its NCB (NCB Wiesbaden)' },
    ]);
    expect(
      (await sys.api('POST', '/api/v1/places/similar', { as: FR, body: { imageBase64: Buffer.from('not a picture').toString('base64') } })).statusCode,
    ).toBe(400);
  });

  it('remembers a rejected link and never suggests it again', async () => {
    const fr7 = await frMedia('room7-elsewhere.jpg');
    const links = (await sys.api('GET', `/api/v1/media/${fr7}/place-links`, { as: FR })).json();
    expect(links).toHaveLength(1);
    const rej = await sys.api('POST', `/api/v1/place-links/${links[0].id}/reject`, { as: FR, body: { reason: 'same wallpaper, different flat' } });
    expect(rej.json()).toEqual({ id: links[0].id, status: 'rejected' });
    expect((await sys.api('GET', `/api/v1/media/${fr7}/place-links`, { as: FR })).json()[0].status).toBe('rejected');
    const again = (await sys.api('POST', '/api/v1/places/similar', { as: FR, body: { mediaId: fr7 } })).json();
    expect(again.results.map((x: { mediaId?: number }) => x.mediaId)).not.toContain(media.room7);
    const overview = (await sys.api('GET', `/api/v1/places/${placeId}/overview`, { as: DE })).json();
    expect(overview.links).toEqual([]);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'place.link.reject'`.execute(sys.ctx.db);
    expect(audit.rows[0]!.n).toBe(1);
  });
  it("verifies before the batch transaction on the given verifier; a failed verification loses only that item's place verdict", async () => {
    const img = await decodeImage(await roomPicture(7, { x: 0.2, y: 0.3, share: 0.7, angle: 2, subject: '#a0a020' }));
    const place = placeFeatures(img.pixels, img.width, img.height, img.channels);
    const inline = await placeCandidates(sys.ctx, sys.ctx.db, [
      { itemId: 1, place },
      { itemId: 2, place },
    ]);
    expect(inline.get(1)!.hits.map((h) => h.id)).toContain(media.room7);
    expect(inline.get(2)!.batch.get(1)!.inliers).toBeGreaterThanOrEqual(18); // the same picture earlier in the batch
    const onWorkers = await placeCandidates(sys.ctx, sys.ctx.db, [{ itemId: 1, place }], (t) => sys.ctx.services.hashPool.runPlace(t));
    expect(onWorkers.get(1)!.hits.map((h) => [h.id, h.verification.inliers])).toEqual(inline.get(1)!.hits.map((h) => [h.id, h.verification.inliers]));
    let calls = 0;
    const partly = await placeCandidates(
      sys.ctx,
      sys.ctx.db,
      [
        { itemId: 1, place },
        { itemId: 2, place },
      ],
      async (t) => {
        if (calls++ === 0) throw new Error('worker gone');
        return verifyPlaceTask(t);
      },
    );
    expect([...partly.keys()]).toEqual([2]);
    // Given the items' seizure, candidates first stored by it are marked as its own (the task skips their copies
    // once a copy was found); without it none is.
    const owner = await sql<{ s: number }>`SELECT first_seizure_id AS s FROM media WHERE id = ${media.room7!}`.execute(sys.ctx.db);
    const marks = async (seizureId?: number) => {
      let seen: boolean | undefined;
      await placeCandidates(
        sys.ctx,
        sys.ctx.db,
        [{ itemId: 1, place }],
        async (t) => {
          seen = t.candidates.find((c) => c.id === media.room7)?.inside;
          return verifyPlaceTask(t);
        },
        seizureId,
      );
      return seen;
    };
    expect(await marks(owner.rows[0]!.s)).toBe(true);
    expect(await marks(owner.rows[0]!.s + 1000)).toBe(false);
    expect(await marks()).toBe(false);
  });

  it('gives the event loop turns while it loads the index (a first load at 100,000 images is ~20 s of adds)', async () => {
    const m = new PlaceMatcher({ addsPerTurn: 2 });
    const seen: number[] = [];
    let loading = true;
    const tick = () => {
      seen.push(m.size);
      if (loading) setImmediate(tick);
    };
    setImmediate(tick);
    await m.catchUp(sys.ctx.db);
    loading = false;
    expect(m.size).toBeGreaterThanOrEqual(5);
    // Turns between the rows of one page, not only around its query.
    expect(seen.filter((n) => n > 0 && n < m.size).length).toBeGreaterThanOrEqual(2);
  });

  it('loads inside a transaction while a load outside it is under way, without waiting for it (one embedded connection)', async () => {
    const m = new PlaceMatcher({ addsPerTurn: 1, page: 2 });
    const outside = m.catchUp(sys.ctx.db); // pages of 2: its next page needs the connection the transaction holds
    const inside = sys.ctx.db.transaction().execute(async (trx) => {
      await m.catchUp(trx);
      return m.size;
    });
    const stuck = new Promise<string>((r) => setTimeout(() => r('stuck'), 20_000).unref());
    expect(await Promise.race([inside.then(() => 'loaded'), stuck])).toBe('loaded');
    await outside;
    expect(await inside).toBe(m.size);
    expect(m.size).toBeGreaterThanOrEqual(5);
  }, 30_000);

  it('starts from its snapshot when it still covers the rows, and rebuilds when a row behind it is gone', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'icse-places-')), 'places.plx');
    const logged: string[] = [];
    const log = (msg: string) => logged.push(msg);
    const first = new PlaceMatcher({ snapshot: file, log });
    await first.catchUp(sys.ctx.db);
    expect(logged).toEqual(['place index: rebuilding from the database (no snapshot)']);
    first.save();
    const img = await decodeImage(await roomPicture(9, viewB));
    const words = decodeWords(placeFeatures(img.pixels, img.width, img.height, img.channels).queryWords);
    const again = new PlaceMatcher({ snapshot: file, log });
    await again.catchUp(sys.ctx.db);
    expect(logged[1]).toMatch(new RegExp(`^place index: snapshot of ${first.size} images read in `));
    expect(again.size).toBe(first.size);
    expect(await again.candidates(sys.ctx.db, words)).toEqual(await first.candidates(sys.ctx.db, words));
    // A row behind the snapshot's watermark removed (retention): the snapshot no longer says what the table holds.
    const row = await sys.ctx.db.selectFrom('media_features').selectAll().orderBy('media_id').limit(1).executeTakeFirstOrThrow();
    await sql`DELETE FROM media_features WHERE media_id = ${row.media_id}`.execute(sys.ctx.db);
    try {
      const stale = new PlaceMatcher({ snapshot: file, log });
      await stale.catchUp(sys.ctx.db);
      expect(logged[2]).toMatch(/^place index: rebuilding from the database \(stale snapshot: /);
      expect(stale.size).toBe(first.size - 1);
      expect(stale.index.has(row.media_id)).toBe(false);
    } finally {
      await sys.ctx.db.insertInto('media_features').values(row).execute();
    }
  });

  it('quantises rows of an earlier vocabulary again from their stored features, once, and still finds them; held features of removed media are not verified', async () => {
    const current = await sql<{ words: Uint8Array }>`SELECT words FROM media_features WHERE media_id = ${media.room7!}`.execute(sys.ctx.db);
    // A row as an earlier vocabulary left it: other words (garbage under this one), vocabulary 1.
    await sql`UPDATE media_features SET words = ${new Uint8Array(current.rows[0]!.words.length).fill(7)}, vocabulary = 1 WHERE media_id = ${media.room7!}`.execute(
      sys.ctx.db,
    );
    const fresh = new PlaceMatcher();
    await fresh.catchUp(sys.ctx.db);
    const row = await sql<{ words: Uint8Array; vocabulary: number }>`SELECT words, vocabulary FROM media_features WHERE media_id = ${media.room7!}`.execute(
      sys.ctx.db,
    );
    expect(row.rows[0]!.vocabulary).toBe(VOCABULARY_ID);
    expect(Buffer.from(row.rows[0]!.words).equals(Buffer.from(current.rows[0]!.words))).toBe(true);
    const img = await decodeImage(await roomPicture(7, viewB));
    const f = decodeFeatures(placeFeatures(img.pixels, img.width, img.height, img.channels).query);
    expect((await fresh.query(sys.ctx.db, f)).map((h) => h.id)).toContain(media.room7);
    // A row of an earlier vocabulary after the index has loaded it (written by another process): a matcher that
    // holds the record from before keeps its words (features never change); one that reads the row now leaves its
    // words out and verification quantises the features again.
    await sql`UPDATE media_features SET words = ${new Uint8Array(current.rows[0]!.words.length).fill(7)}, vocabulary = 1 WHERE media_id = ${media.room7!}`.execute(
      sys.ctx.db,
    );
    const held = (await fresh.features(sys.ctx.db, media.room7!))!.words;
    expect([...held]).toEqual([...decodeWords(current.rows[0]!.words)]);
    expect((await new PlaceMatcher().features(sys.ctx.db, media.room7!))!.words).toHaveLength(0);
    expect((await fresh.query(sys.ctx.db, f)).map((h) => h.id)).toContain(media.room7);
    // Features held in memory are not verified once their media is gone (retention, a withdrawn seizure).
    await sql`DELETE FROM media_features WHERE media_id = ${media.room7!}`.execute(sys.ctx.db);
    expect(await fresh.features(sys.ctx.db, media.room7!)).toBeNull();
    expect((await fresh.query(sys.ctx.db, f)).map((h) => h.id)).not.toContain(media.room7);
  });
});
