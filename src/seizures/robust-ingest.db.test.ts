// The crop/border-robust second stage in ingest and triage (issue 10): DE's scenes are known; FR's seizure
// holds a 90 % centre crop and a 5 %-padded copy (PDQ misses both), the demo's light crop, and an unrelated
// scene. Evidence (stage, rule, votes) is shown where the matched medium is visible, redacted where not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg, sceneVariant } from '../demo/scenes.js';
import { MatchService } from '../matchservice/matcher.js';
import { newCase, newSeizure, triageByPath, upload, waitComplete } from './testkit.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';

async function centreCrop(jpeg: Buffer, scale: number) {
  const { width = 0, height = 0 } = await sharp(jpeg).metadata();
  const w = Math.round(width * scale),
    h = Math.round(height * scale);
  return sharp(jpeg)
    .extract({ left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h })
    .jpeg({ quality: 90 })
    .toBuffer();
}
async function padded(jpeg: Buffer, share: number) {
  const { width = 0, height = 0 } = await sharp(jpeg).metadata();
  const x = Math.round(width * share),
    y = Math.round(height * share);
  return sharp(jpeg)
    .extend({ left: x, right: x, top: y, bottom: y, background: { r: 0, g: 0, b: 0 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

// Both ways the region search runs: on the event loop (a small index), and on a match worker thread, started before
// each batch's transaction (ICSE_ROBUST_WORKER_FROM_CODES; 0 here sends even this small index there).
describe.each([
  ['on the event loop', {}],
  ['on a match worker thread', { robustWorkerFromCodes: 0 }],
] as const)('robust second stage, region search %s', (_how, overrides) => {
  const media: Record<string, number> = {};
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({}, overrides);
    const s = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-ROBUST'), 'DE server');
    await upload(sys, DE, s, await Promise.all([211, 212, 213].map(async (n) => ({ name: `s${n}.jpg`, data: await sceneJpeg(n) }))));
    await waitComplete(sys, DE, s);
    const { byPath } = await triageByPath(sys, DE, s);
    for (const n of [211, 212, 213]) media[n] = byPath[`s${n}.jpg`].mediaId;
    // 211 and 213 shared with all member countries; 212 kept within DE (FR learns only who knows it).
    await sql`UPDATE media SET distribution = 'all' WHERE id IN (${media[211]!}, ${media[213]!})`.execute(sys.ctx.db);
  }, 60_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('stores each image signature and rebuilds the robust index from the database', async () => {
    const regions = await sql<{ n: number }>`SELECT count(*)::int AS n FROM media_robust_regions WHERE media_id = ${media[211]!}`.execute(sys.ctx.db);
    expect(regions.rows[0]!.n).toBeGreaterThanOrEqual(5);
    const fresh = new MatchService(sys.ctx.db, { dataDir: sys.config.dataDir + '/robust-fresh' });
    await fresh.start();
    expect(fresh.robustSize).toBe(
      (await sql<{ n: number }>`SELECT count(DISTINCT media_id)::int AS n FROM media_robust_regions`.execute(sys.ctx.db)).rows[0]!.n,
    );
  });

  it('finds a 90 % centre crop and a 5 % padded copy that PDQ misses; an unrelated scene stays new', async () => {
    const s = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-ROBUST'), 'FR tablet');
    const original = await sceneJpeg(211);
    const r = await upload(sys, FR, s, [
      { name: 'crop90.jpg', data: await centreCrop(original, 0.9) },
      { name: 'padded.jpg', data: await padded(await sceneJpeg(213), 0.05) },
      { name: 'restricted-crop.jpg', data: await centreCrop(await sceneJpeg(212), 0.9) },
      { name: 'demo-crop.jpg', data: await sceneVariant(211, 'cropped') },
      { name: 'unrelated.jpg', data: await sceneJpeg(299) },
    ]);
    expect(r.statusCode).toBe(200);
    await waitComplete(sys, FR, s);
    const { byPath } = await triageByPath(sys, FR, s);

    const crop = byPath['crop90.jpg'];
    expect(crop.result).toBe('known_near');
    expect(crop.known).toMatchObject({ restricted: false, matchedMediaId: media[211] });
    expect(crop.known.stage).not.toBe('pdq');
    expect(['region', 'pdq-trimmed']).toContain(crop.known.stage);
    expect(crop.known.rule).toEqual(expect.any(String));
    expect(crop.known.votes).toBeGreaterThanOrEqual(1);
    expect(crop.known.minDistance).toBeLessThanOrEqual(31);
    expect(crop.known.offset).toBeGreaterThan(0); // the query is a crop of the stored image

    const pad = byPath['padded.jpg'];
    expect(pad.result).toBe('known_near');
    expect(pad.known).toMatchObject({ restricted: false, matchedMediaId: media[213] });
    expect(pad.known.stage).not.toBe('pdq');

    // Same redaction as PDQ matches: no evidence of DE's restricted medium, only whom to contact.
    const hidden = byPath['restricted-crop.jpg'];
    expect(hidden.result).toBe('known_near');
    expect(hidden.known).toEqual({ restricted: true, ownerCountry: 'DE', message: 'known to DE, contact its NCB (NCB Wiesbaden)' });

    // The demo's cropped copy (Pictures/copy-5-crop.jpg) is known-near, whichever stage finds it.
    expect(byPath['demo-crop.jpg']).toMatchObject({ result: 'known_near', known: { matchedMediaId: media[211] } });
    expect(byPath['unrelated.jpg']).toMatchObject({ result: 'new', known: null });

    // The stage and rule are columns too (reporting per seizure).
    const cols = await sys.ctx.db
      .selectFrom('seizure_items')
      .select(['path', 'match_stage', 'match_rule', 'match_votes'])
      .where('seizure_id', '=', s)
      .execute();
    const byP = Object.fromEntries(cols.map((c) => [c.path, c]));
    expect(byP['crop90.jpg']!.match_stage).toBe(crop.known.stage);
    expect(byP['crop90.jpg']!.match_rule).toBe(crop.known.rule);
    expect(byP['unrelated.jpg']!.match_stage).toBeNull();
  });

  it('searches on the worker thread only when asked to', () => {
    expect(sys.ctx.matcher.robustRunsAside()).toBe('robustWorkerFromCodes' in overrides);
  });
});
