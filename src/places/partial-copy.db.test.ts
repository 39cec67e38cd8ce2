// Partial copies (issue 19, item 7) through upload → processing → triage: DE knows two pictures (one in a series
// shared with all, one kept within DE); FR seizes them re-posted as parts of other pictures — under a logo and
// cut off-centre — which PDQ and the crop/border stage miss — and inside an application window, which the crop/border
// stage finds as an inset. They triage as known near (stage 'partial' with the region in the known picture, or the
// inset's place in the upload); the kept one only as "known to DE". A photograph
// of the same room from another camera position stays "new, same place" (places.db.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { makeSeries, newCase, newSeizure, triageByPath, upload, waitComplete } from '../seizures/testkit.js';
import { roomPicture } from './testkit.js';
import { PARTIAL_MIN_INLIERS } from './index.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';
const view = { x: 0.2, y: 0.2, share: 0.7, angle: 0, subject: '#c02020' };
let sys: TestSystem;
const known: Record<string, number> = {};
let byPath: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The picture's top-left 80 % with an opaque badge over its bottom-right corner. */
async function logoAndCrop(src: Buffer): Promise<Buffer> {
  const m = await sharp(src).metadata();
  const w = Math.round(m.width! * 0.8),
    h = Math.round(m.height! * 0.8);
  const badge = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w / 5}" height="${h / 6}"><rect width="100%" height="100%" fill="#123"/></svg>`);
  const cut = await sharp(src).extract({ left: 0, top: 0, width: w, height: h }).png().toBuffer();
  return sharp(cut)
    .composite([{ input: badge, gravity: 'southeast' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The picture at 75 % of a window with a title bar (a screenshot of a viewer). */
async function inWindow(src: Buffer): Promise<Buffer> {
  const m = await sharp(src).metadata();
  const cw = Math.round(m.width! / 0.75),
    bar = Math.round(cw * 0.05),
    ch = Math.round(m.height! / 0.75) + bar;
  const chrome = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><rect width="100%" height="100%" fill="#202124"/>` +
      `<rect width="${cw}" height="${bar}" fill="#333"/><text x="${bar}" y="${bar * 0.7}" font-size="${bar * 0.55}" fill="#eee" font-family="sans-serif">Image - Viewer</text></svg>`,
  );
  return sharp(chrome)
    .composite([{ input: src, left: Math.round((cw - m.width!) / 2), top: bar + Math.round((ch - bar - m.height!) / 2) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

beforeAll(async () => {
  sys = await startTestSystem();
  const shared = await roomPicture(31, view),
    kept = await roomPicture(33, view);
  const s = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-PARTIAL'), 'DE disk');
  await upload(sys, DE, s, [
    { name: 'shared.jpg', data: shared },
    { name: 'kept.jpg', data: kept },
  ]);
  await waitComplete(sys, DE, s);
  const de = (await triageByPath(sys, DE, s)).byPath;
  known.shared = de['shared.jpg'].mediaId;
  known.kept = de['kept.jpg'].mediaId;
  await sql`UPDATE media SET distribution = 'all' WHERE id = ${known.shared!}`.execute(sys.ctx.db);
  await makeSeries(sys, DE, 'S-2026-000031', 'Patterned room', 'all', [known.shared!]);
  await makeSeries(sys, DE, 'S-2026-000033', 'Kept room', 'agency', [known.kept!]);

  const fr = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-PARTIAL'), 'FR phone');
  await upload(sys, FR, fr, [
    { name: 'logo-crop.jpg', data: await logoAndCrop(shared) },
    { name: 'window.jpg', data: await inWindow(shared) },
    { name: 'kept-logo-crop.jpg', data: await logoAndCrop(kept) },
    { name: 'other-room.jpg', data: await roomPicture(35, view) },
  ]);
  await waitComplete(sys, FR, fr);
  byPath = (await triageByPath(sys, FR, fr)).byPath;
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

describe('partial copies', () => {
  it('finds a known picture inside an application window through the crop/border stage, outlined where it sits', async () => {
    // The window's picture area is bounded by straight edges: proposed as an inset and matched whole (src/robust/insets.ts).
    const it = byPath['window.jpg'];
    expect(it).toMatchObject({ status: 'done', result: 'known_near' });
    expect(it.known).toMatchObject({ restricted: false, matchedMediaId: known.shared, ownerCountry: 'DE' });
    expect(['region', 'pdq-trimmed']).toContain(it.known.stage);
    const [x, y, w, h] = it.known.inset.box as number[];
    const [fw, fh] = it.known.inset.frame as number[];
    // The picture fills 75 % of the window's width, centred, below the title bar.
    expect(Math.abs(w! / fw! - 0.75)).toBeLessThan(0.01);
    expect(Math.abs(x! + w! / 2 - fw! / 2)).toBeLessThanOrEqual(2);
    expect(y! + h!).toBeLessThan(fh!);
  });

  it('finds a known picture cut off-centre under a logo as known near with its region', async () => {
    for (const name of ['logo-crop.jpg']) {
      const it = byPath[name];
      expect(it, name).toMatchObject({ status: 'done', result: 'known_near' });
      expect(it.known, name).toMatchObject({ restricted: false, matchedMediaId: known.shared, stage: 'partial', ownerCountry: 'DE' });
      expect(it.known.series, name).toMatchObject({ number: 'S-2026-000031', name: 'Patterned room' });
      const p = it.known.partial;
      expect(p.inliers, name).toBeGreaterThanOrEqual(PARTIAL_MIN_INLIERS);
      expect(p.why, name).toMatch(/^partial copy: \d+ matching points/);
      // The region sits inside the known picture's work frame and covers most of it (80 % of each side was kept).
      const [x, y, w, h] = p.region as number[];
      const [fw, fh] = p.regionFrame as number[];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(fw!);
      expect(y + h).toBeLessThanOrEqual(fh!);
      expect((w * h) / (fw! * fh!), name).toBeGreaterThan(0.3);
      expect(it.known.distance, name).toBeLessThanOrEqual(30);
    }
  });

  it('names only the owner when the known picture is restricted, and leaves an unrelated picture new', async () => {
    expect(byPath['kept-logo-crop.jpg']).toMatchObject({ result: 'known_near', known: { restricted: true, ownerCountry: 'DE' } });
    expect(JSON.stringify(byPath['kept-logo-crop.jpg'])).not.toMatch(/Kept room|S-2026-000033|partial copy/);
    expect(byPath['other-room.jpg']).toMatchObject({ result: 'new', known: null });
  });

  it('raises a deconfliction alert for the owner series, once per seizure, counting both copies', async () => {
    const r = await sql<{ number: string; matched_items: number; uploader_country: string }>`
      SELECT s.number, a.matched_items, a.uploader_country FROM deconfliction_alerts a JOIN series s ON s.id = a.series_id`.execute(sys.ctx.db);
    expect(r.rows.find((x) => x.number === 'S-2026-000031')).toMatchObject({ matched_items: 2, uploader_country: 'FR' });
  });
});
