// The place page in a real browser: Germany's room is a place with clues and a location; France seized a new
// picture of the same room. The page shows the veiled images, the series and victim seen there, the clues,
// the location on the tile-less map, and the evidence side by side with the matched keypoints drawn as lines
// and why in words; rejecting the link removes it from the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from '../webapp/browser.js';
import { makeSeries, newCase, newSeizure, triageByPath, upload, userRow, waitComplete } from '../seizures/testkit.js';
import { roomPicture } from './testkit.js';
import { sceneJpeg } from '../demo/scenes.js';

const DE = 'de.investigator@demo.icse',
  FR = 'fr.investigator@demo.icse';
let b: BrowserSystem;
let placeId = 0;
let room21: Buffer;

beforeAll(async () => {
  b = await startBrowserSystem();
  const sys = b.sys;
  const s = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-PLACE-WEB'), 'DE phone');
  room21 = await roomPicture(21, { x: 0.1, y: 0.2, share: 0.7, angle: 0, subject: '#c02020' });
  await upload(sys, DE, s, [{ name: 'room21.jpg', data: room21 }]);
  await waitComplete(sys, DE, s);
  const de7 = (await triageByPath(sys, DE, s)).byPath['room21.jpg'].mediaId as number;
  await sql`UPDATE media SET distribution = 'all' WHERE id = ${de7}`.execute(sys.ctx.db);
  const series = await makeSeries(sys, DE, 'S-2026-000121', 'Patterned room', 'all', [de7]);
  const de = await userRow(sys, DE);
  placeId = (
    await sql<{ id: number }>`INSERT INTO places (series_id, description, owner_country, owner_agency_id, distribution)
    VALUES (${series}, 'room with patterned wallpaper', 'DE', ${de.agency_id}, 'all') RETURNING id`.execute(sys.ctx.db)
  ).rows[0]!.id;
  await sql`INSERT INTO media_links (media_id, entity_type, entity_id) VALUES (${de7}, 'place', ${placeId})`.execute(sys.ctx.db);
  const upd = await sys.api('PATCH', `/api/v1/places/${placeId}/location`, {
    as: DE,
    body: { clueItems: [{ kind: 'socket', value: 'Schuko type F' }], latitude: 48.14, longitude: 11.58, confidence: 0.6, locationNote: 'southern Germany' },
  });
  expect(upd.statusCode, upd.body).toBe(200);
  // France shares this seizure with every member country, so Germany sees the evidence on its place page.
  const fr = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-PLACE-WEB', 'all'), 'FR laptop', { distribution: 'all' });
  await upload(sys, FR, fr, [{ name: 'room21-b.jpg', data: await roomPicture(21, { x: 0.45, y: 0.4, share: 0.7, angle: 4, subject: '#2040c0', tilt: 0.16 }) }]);
  await waitComplete(sys, FR, fr);
  expect((await triageByPath(sys, FR, fr)).byPath['room21-b.jpg'].samePlace).toMatchObject({ restricted: false, matchedMediaId: de7, placeIds: [placeId] });
}, 150_000);
afterAll(async () => {
  await b?.close();
});

describe('place page', () => {
  it('shows veiled images, series, clues, the map and the evidence; a rejected link leaves the page', async () => {
    const { page, errors } = await newPage(b);
    await signIn(b, page, DE);
    await page.goto(`/places/${placeId}`);
    await expect.poll(() => page.getByTestId('place-title').textContent()).toBe(`Place P-${placeId}`);
    expect(await page.getByTestId('place-series').textContent()).toContain('S-2026-000121');
    expect(await page.getByTestId('place-clues').textContent()).toContain('Schuko type F');
    expect(await page.getByTestId('place-location').textContent()).toContain('48.1400, 11.5800');
    // The map draws the bundled outline (SVG paths), no tile images.
    await expect.poll(() => page.locator('[data-testid="place-map"] path').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="place-map"] img.leaflet-tile').count()).toBe(0);
    // Linked image veiled by default.
    expect(await page.locator('img.thumb-img.veiled').count()).toBeGreaterThanOrEqual(1);
    // Evidence: both pictures veiled, lines for the matched keypoints, why in words.
    const ev = page.getByTestId('place-evidence');
    await expect.poll(() => ev.count()).toBe(1);
    expect(await ev.locator('image.veiled').count()).toBe(2);
    const lines = await ev.getByTestId('keypoint-lines').locator('line').count();
    expect(lines).toBeGreaterThanOrEqual(18);
    expect(await ev.getByTestId('place-why').textContent()).toMatch(new RegExp(`^${lines} matching points .* consistent with one camera move`));
    await page.getByRole('button', { name: 'Reject (never suggest again)' }).click();
    await expect.poll(() => page.getByText('No suggested link.').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows a partial copy in the triage: the known picture side by side with the part found outlined, and why', async () => {
    // France re-posts Germany's picture cut to its left 60 % inside a wider canvas (a collage-like frame).
    const m = await sharp(room21).metadata();
    const part = await sharp(room21)
      .extract({ left: 0, top: 0, width: Math.round(m.width! * 0.6), height: m.height! })
      .png()
      .toBuffer();
    const copy = await sharp({ create: { width: Math.round(m.width! * 0.9), height: m.height!, channels: 3, background: '#e0e0e0' } })
      .composite([{ input: part, left: Math.round(m.width! * 0.3), top: 0 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const sys = b.sys;
    const fr = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-PARTIAL-WEB'), 'FR phone');
    await upload(sys, FR, fr, [{ name: 'reposted.jpg', data: copy }]);
    await waitComplete(sys, FR, fr);
    const { page, errors } = await newPage(b);
    await signIn(b, page, FR);
    await page.goto(`/seizures/${fr}?filter=known_near`);
    const cell = page.getByTestId('grid-cell').filter({ hasText: 'reposted.jpg' });
    await cell.click();
    const details = page.getByTestId('item-details');
    expect(await details.getByTestId('transform').textContent()).toMatch(/^partial copy/);
    expect(await details.getByTestId('partial-why').textContent()).toMatch(/^partial copy: \d+ matching points/);
    expect(await details.getByTestId('series').textContent()).toContain('S-2026-000121');
    // The outline covers the left part of the known picture (about 60 % of its width), over its veiled thumbnail.
    const box = details.getByTestId('partial-region');
    await box.waitFor();
    const knownBox = details.locator('.region-host', { has: page.getByTestId('partial-region') });
    const [outer, inner] = [await knownBox.boundingBox(), await box.boundingBox()];
    expect(inner!.x - outer!.x).toBeLessThan(outer!.width * 0.1);
    expect(inner!.width / outer!.width).toBeGreaterThan(0.4);
    expect(inner!.width / outer!.width).toBeLessThan(0.7);
    expect(await knownBox.locator('img.veiled').count()).toBe(1);
    await shot(page, 'triage-partial-copy');
    expect(errors).toEqual([]);
  });

  it('shows a known picture pasted small into another one: the crop/border stage outlines where it sits in the upload', async () => {
    // France seized a picture with Germany's room pasted into its lower right part, at 40 % of its width.
    const width = 480,
      height = Math.round((width * (await sharp(room21).metadata()).height!) / (await sharp(room21).metadata()).width!);
    const small = await sharp(room21).resize(width, height).png().toBuffer();
    const composed = await sharp(await sceneJpeg(77, 1200, 900))
      .composite([{ input: small, left: 661, top: 503 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const sys = b.sys;
    const fr = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-INSET-WEB'), 'FR tablet');
    await upload(sys, FR, fr, [{ name: 'inset.jpg', data: composed }]);
    await waitComplete(sys, FR, fr);
    const row = (await triageByPath(sys, FR, fr)).byPath['inset.jpg'];
    expect(row.result).toBe('known_near');
    expect(row.known).toMatchObject({ series: { number: 'S-2026-000121' } });
    expect(['region', 'pdq-trimmed']).toContain(row.known.stage);
    const box = row.known.inset.box as number[];
    expect(Math.abs(box[0]! - 661) + Math.abs(box[1]! - 503) + Math.abs(box[2]! - width) + Math.abs(box[3]! - height)).toBeLessThanOrEqual(8);
    expect(row.known.inset.frame).toEqual([1200, 900]);
    const { page, errors } = await newPage(b);
    await signIn(b, page, FR);
    await page.goto(`/seizures/${fr}?filter=known_near`);
    await page.getByTestId('grid-cell').filter({ hasText: 'inset.jpg' }).click();
    const details = page.getByTestId('item-details');
    expect(await details.getByTestId('transform').textContent()).toMatch(/^shown inside another picture/);
    // The outline sits over the uploaded picture's lower right part, 40 % of its width.
    const outline = details.getByTestId('inset-region');
    await outline.waitFor();
    const host = details.locator('.region-host', { has: page.getByTestId('inset-region') });
    const [outer, inner] = [await host.boundingBox(), await outline.boundingBox()];
    expect((inner!.x - outer!.x) / outer!.width).toBeGreaterThan(0.5);
    expect(inner!.width / outer!.width).toBeGreaterThan(0.35);
    expect(inner!.width / outer!.width).toBeLessThan(0.45);
    await shot(page, 'triage-inset');
    expect(errors).toEqual([]);
  });
});
